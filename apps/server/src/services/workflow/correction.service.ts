/**
 * Corrections (đính chính) of a published cycle. Published figures are frozen: the only way to
 * change one is to record the corrected final points of one or more leaves with a reason and the
 * decision that approves them, which publishes version n+1. In one transaction the final points
 * change, the affected units are recomputed by the engine (ResultsService.recomputeUnits), the
 * new snapshot is stored and every changed leaf goes to the audit log with before → after and
 * its reason — so the live results always equal the latest published version, and every earlier
 * version stays as it was published.
 *
 * A preview runs the very same steps and then rolls the transaction back: the figures shown are
 * exactly those a publication would store, and nothing of them is kept.
 */
import { AppError, type CorrectionLeafChange, type CorrectionOutcome, type CorrectionUnitMove, type CycleResultsDto, type PublishedVersion, type UnitResultDto } from '@parindex/contracts';
import { type IndexedLeaf, applicableLeaves, checkLeafInputs, dec, toExact } from '@parindex/engine';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { AuditRepository } from '../../repositories/audit.repository.ts';
import { LeafStagesRepository } from '../../repositories/leaf-stages.repository.ts';
import { AnnouncementsService } from '../announcements.service.ts';
import { PublicationStore } from '../publication/publication-store.ts';
import { repositories } from '../repositories.ts';
import { PUBLIC_STATUSES, ResultsService } from '../results.service.ts';
import { audit } from './audit.ts';
import { AssessmentService } from './assessment.service.ts';

export interface CorrectionItem {
  unitId: string;
  leafCode: string;
  /** The corrected final points, an exact decimal string. */
  points: string;
  /** Why this leaf changes; the correction's reason when left out. */
  reason?: string | null;
}

export interface CorrectionRequest {
  items: CorrectionItem[];
  reason: string;
  decisionNumber: string;
  decisionDate: string;
  /** The version the secretariat previewed against: refused (409) when another correction came first. */
  basedOnVersion?: number;
}

/** A corrected leaf, a unit whose figures move, and the whole outcome: the API's shapes (packages/contracts, results-api.ts). */
export type LeafChange = CorrectionLeafChange;
export type UnitMove = CorrectionUnitMove;
export type { CorrectionOutcome };

/** Thrown inside the preview's transaction to undo it. */
class PreviewRollback extends Error {
  constructor(readonly outcome: CorrectionOutcome) {
    super('preview');
  }
}

const viPoints = (s: string) => s.replace('.', ',');

/** One published version as the public sees it: the decision, the reason, and the leaves it corrected (packages/contracts, published-versions.ts). */
export type { PublishedVersion };

export class CorrectionService {
  /** `onPublished` runs after a correction is stored (the server forgets its cached public results). */
  constructor(
    private readonly db: Db,
    private readonly onPublished: (cycleId: string) => void = () => {},
  ) {}

  /** A public cycle's versions, newest first; an unpublished cycle is not found. */
  async versions(cycleId: string): Promise<PublishedVersion[]> {
    await this.publicCycle(cycleId);
    const rows = (await new PublicationStore(this.db).headers(cycleId)).map(({ version, publishedAt, decisionNumber, decisionDate, reason }) => ({ version, publishedAt, decisionNumber, decisionDate, reason }));
    const entries = await new AuditRepository(this.db).listByAction(cycleId, 'correction.set');
    const byVersion = new Map<number, PublishedVersion['corrections']>();
    for (const e of entries) {
      const after = e.after as { points: string; version: number; unitName?: string; leafTitle?: string };
      const list = byVersion.get(after.version) ?? [];
      list.push({ unitId: e.unitId ?? '', unitName: after.unitName ?? '', leafCode: e.subject ?? '', leafTitle: after.leafTitle ?? '', before: (e.before as { points: string | null } | null)?.points ?? null, after: after.points, reason: e.reason });
      byVersion.set(after.version, list);
    }
    const collator = new Intl.Collator('vi');
    return rows.map((r) => ({
      ...r,
      publishedAt: r.publishedAt.toISOString(),
      corrections: (byVersion.get(r.version) ?? []).sort((a, b) => collator.compare(a.unitName, b.unitName) || a.leafCode.localeCompare(b.leafCode, undefined, { numeric: true })),
    }));
  }

  /** One version's results table exactly as it was published (the frozen snapshot). */
  async versionResults(cycleId: string, version: number): Promise<CycleResultsDto> {
    const cycle = await this.publicCycle(cycleId);
    const row = await new PublicationStore(this.db).version(cycleId, version);
    if (!row) throw new AppError('NOT_FOUND', `Kỳ đánh giá ${cycle.year} không có phiên bản công bố ${version}.`);
    return row.results;
  }

  private async publicCycle(cycleId: string) {
    const cycle = await repositories(this.db).cycles.getById(cycleId).catch(() => undefined);
    if (!cycle || !PUBLIC_STATUSES.has(cycle.status)) throw new AppError('NOT_FOUND', 'Kỳ đánh giá chưa được công bố.');
    return cycle;
  }

  /** The figures a correction would publish, computed by the engine and not kept. */
  async preview(actor: SessionUser, cycleId: string, req: Omit<CorrectionRequest, 'decisionNumber' | 'decisionDate'>): Promise<CorrectionOutcome> {
    try {
      await this.db.transaction(async (t) => {
        throw new PreviewRollback(await this.apply(t as unknown as Db, actor, cycleId, req, false));
      });
    } catch (e) {
      if (e instanceof PreviewRollback) return e.outcome;
      throw e;
    }
    throw new Error('unreachable: the preview transaction always rolls back');
  }

  /** Publishes the correction as version n+1 (see the module comment). */
  async publish(actor: SessionUser, cycleId: string, req: CorrectionRequest): Promise<CorrectionOutcome> {
    if (!req.decisionNumber.trim()) throw new AppError('VALIDATION', 'Hãy ghi số quyết định phê duyệt đính chính.', [{ field: 'decisionNumber', message: 'bắt buộc' }]);
    return this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const outcome = await this.apply(tx, actor, cycleId, req, true);
      // The new version holds every figure as recomputed in this transaction (publication-store.ts).
      await new PublicationStore(tx).publish({ cycleId, version: outcome.version, publishedBy: actor.id, decisionNumber: req.decisionNumber.trim(), decisionDate: req.decisionDate, reason: req.reason.trim() });
      // The portal's notices say a corrected version is out, as they say a publication is.
      await new AnnouncementsService(tx).announcePublication(actor.id, { cycleId, year: outcome.results.cycle.year, version: outcome.version, decisionNumber: req.decisionNumber.trim(), decisionDate: req.decisionDate, reason: req.reason.trim() });
      await audit(tx, actor, {
        action: 'cycle.correct',
        cycleId,
        before: { version: outcome.basedOnVersion },
        after: { version: outcome.version, decisionNumber: req.decisionNumber.trim(), decisionDate: req.decisionDate, leaves: outcome.changes.length },
        reason: req.reason.trim(),
      });
      return outcome;
    }).then((outcome) => {
      this.onPublished(cycleId);
      return outcome;
    });
  }

  /** Checks the request, writes the corrected points, recomputes and compares with the latest version — all on `tx`. */
  private async apply(tx: Db, actor: SessionUser, cycleId: string, req: Omit<CorrectionRequest, 'decisionNumber' | 'decisionDate'>, keep: boolean): Promise<CorrectionOutcome> {
    const repos = repositories(tx);
    // Two corrections of one cycle never interleave: the second waits here, then sees the first.
    await repos.results.lockComputedAt(cycleId);
    const { cycle, rubric } = await new AssessmentService(tx).cycleAndRubric(cycleId);
    if (!PUBLIC_STATUSES.has(cycle.status)) throw new AppError('CONFLICT', 'Chỉ đính chính kết quả đã công bố; trước khi công bố hãy sửa điểm ở các bước thẩm định, Hội đồng.');
    const reason = req.reason.trim();
    if (!reason) throw new AppError('VALIDATION', 'Hãy ghi lý do đính chính.', [{ field: 'reason', message: 'bắt buộc' }]);
    if (req.items.length === 0) throw new AppError('VALIDATION', 'Chưa có nội dung đính chính nào (đơn vị, tiêu chí, điểm mới).', [{ field: 'items', message: 'bắt buộc' }]);

    const latest = await new PublicationStore(tx).latest(cycleId);
    if (!latest) throw new AppError('CONFLICT', `Kỳ đánh giá ${cycle.year} chưa có lần công bố nào để đính chính.`);
    if (req.basedOnVersion !== undefined && req.basedOnVersion !== latest.version)
      throw new AppError('CONFLICT', `Kết quả vừa được đính chính thành phiên bản ${latest.version} sau khi bạn xem trước (phiên bản ${req.basedOnVersion}). Hãy xem trước lại.`);

    const units = new Map((await repos.cycles.listCycleUnits(cycleId)).map((u) => [u.unitId, u]));
    const excl = await repos.cycles.listExclusions(cycleId);
    // The points as last published: the stored version's components (a format 1 row has none: the live rows then).
    const published = latest.document
      ? new Map(latest.document.units.map((u) => [u.unitId, u.components]))
      : new Map((await repos.results.listUnitResults(cycleId)).map((r) => [r.unitId, r.components]));
    const seen = new Set<string>();
    const changes: LeafChange[] = [];
    for (const [i, item] of req.items.entries()) {
      const row = `Dòng ${i + 1}`;
      const unit = units.get(item.unitId);
      if (!unit) throw new AppError('VALIDATION', `${row}: đơn vị không tham gia kỳ đánh giá ${cycle.year}.`, [{ row: i + 1, field: 'unitId', message: 'không có' }]);
      const applicable = applicableLeaves(rubric, unit.peerGroup, excl.filter((e) => e.unitId === unit.unitId).map((e) => e.nodeCode));
      const leaf: IndexedLeaf | undefined = applicable.find((l) => l.code === item.leafCode);
      if (!leaf) throw new AppError('VALIDATION', `${row}: tiêu chí ${item.leafCode} không áp dụng cho ${unit.name} (hoặc không có trong bộ chỉ số).`, [{ row: i + 1, field: 'leafCode', message: 'không áp dụng' }]);
      const key = `${unit.unitId}|${leaf.code}`;
      if (seen.has(key)) throw new AppError('VALIDATION', `${row}: tiêu chí ${leaf.code} của ${unit.name} đã có ở dòng trên.`, [{ row: i + 1, field: 'leafCode', message: 'trùng' }]);
      seen.add(key);
      // The engine's own bounds of a decided score (0 … the leaf's maximum), in its words.
      const problems = checkLeafInputs({ ...leaf, rule: { type: 'manual' } }, { points: item.points });
      if (problems.length)
        throw new AppError('VALIDATION', `${row} (${unit.name}): ${problems.map((p) => p.message).join(' ')} Tiêu chí "${leaf.title}".`, problems.map((p) => ({ row: i + 1, field: 'points', message: p.message })));
      const before = leafPoints(published.get(unit.unitId)).get(leaf.code) ?? null;
      const after = toExact(dec(item.points));
      if (before !== null && dec(before).equals(after))
        throw new AppError('VALIDATION', `${row}: tiêu chí ${leaf.code} của ${unit.name} đang có đúng ${viPoints(after)} điểm; không có gì để đính chính.`, [{ row: i + 1, field: 'points', message: 'không thay đổi' }]);
      changes.push({ unitId: unit.unitId, unitName: unit.name, leafCode: leaf.code, leafTitle: leaf.title, max: toExact(leaf.max), before, after, reason: item.reason?.trim() || reason });
    }

    const scores = new LeafStagesRepository(tx);
    for (const c of changes) {
      const existing = await scores.findForUpdate(cycleId, c.unitId, c.leafCode);
      await scores.setCorrectedPoints(cycleId, c.unitId, c.leafCode, c.after, existing?.revision, actor.id);
      if (keep)
        await audit(tx, actor, {
          action: 'correction.set',
          cycleId,
          unitId: c.unitId,
          subject: c.leafCode,
          before: { points: c.before, version: latest.version },
          after: { points: c.after, version: latest.version + 1, unitName: c.unitName, leafTitle: c.leafTitle },
          reason: c.reason,
        });
    }

    const results = new ResultsService(tx);
    await results.recomputeUnits(cycleId, [...new Set(changes.map((c) => c.unitId))], { correction: true });
    const dto = await results.getResults(cycleId, { publicOnly: false, live: true });
    // The engine must have taken each corrected score (it does not, e.g., on a survey leaf left out for too few answers).
    const recomputed = new Map((await repos.results.listUnitResults(cycleId)).map((r) => [r.unitId, leafPoints(r.components)]));
    for (const c of changes) {
      const got = recomputed.get(c.unitId)?.get(c.leafCode);
      if (got === undefined || !dec(got).equals(c.after))
        throw new AppError('VALIDATION', `Tiêu chí ${c.leafCode} của ${c.unitName} không được tính vào kết quả của đơn vị (ví dụ: tiêu chí khảo sát không đủ phiếu), nên không đính chính điểm được.`, [{ field: 'leafCode', message: 'không tính điểm' }]);
    }
    const corrected = new Set(changes.map((c) => c.unitId));
    const before = new Map(latest.results.groups.flatMap((g) => g.units).map((u) => [u.unitId, u]));
    const moves: UnitMove[] = [];
    for (const u of dto.groups.flatMap((g) => g.units)) {
      const b = before.get(u.unitId);
      // Nothing changes silently: only the corrected units' points may differ from the latest version.
      if (!corrected.has(u.unitId) && (!b || b.total !== u.total || b.max !== u.max))
        throw new AppError('CONFLICT', `Kết quả hiện tại của ${u.unitName} khác phiên bản ${latest.version} đã công bố (có thể loại trừ hoặc đơn vị của kỳ đã bị sửa sau khi công bố). Không thể đính chính cho đến khi kiểm tra lại.`);
      if (b && (b.total !== u.total || b.indexRounded !== u.indexRounded || b.classification !== u.classification || b.rank !== u.rank))
        moves.push({ unitId: u.unitId, unitName: u.unitName, group: u.group, before: standing(b), after: standing(u) });
    }
    return { basedOnVersion: latest.version, version: latest.version + 1, changes, units: moves, results: dto };
  }
}

/** A stored result's points per leaf (its engine-made components). */
function leafPoints(components: unknown): Map<string, string> {
  const leaves = (components as { leaves?: { code: string; points: string }[] } | null | undefined)?.leaves ?? [];
  return new Map(leaves.map((l) => [l.code, l.points]));
}

function standing(u: UnitResultDto): CorrectionUnitMove['before'] {
  return { total: u.total, indexRounded: u.indexRounded, classification: u.classification, rank: u.rank };
}
