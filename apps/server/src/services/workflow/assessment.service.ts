/**
 * The assessment of one cycle, leaf by leaf: self-assessment with evidence (tự đánh giá), the
 * appraisers' proposals (đề xuất thẩm định), the unit's answer (giải trình), the council's
 * decision (Hội đồng thẩm định). Every change is checked against the leaf's revision (a stale
 * save gets 409 with the current value), written with its audit entry in one transaction, and
 * the points always come from the engine's evaluation of the rule.
 */
import { AppError, type LeafInputs, type ScoringRule } from '@parindex/contracts';
import {
  type IndexedLeaf,
  type PointsDomainDto,
  type RubricIndex,
  allowedPointsOf,
  applicableLeaves,
  checkLeafInputs,
  dec,
  evaluateLeaf,
  finalPointsOf,
  indexRubric,
  presentPointsDomain,
  toExact,
} from '@parindex/engine';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SessionUser } from '../../auth/auth.service.ts';
import { UNIT_ROLES } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { appraiserAssignments, evidenceDocuments, leafEvidence, leafScores, unitStages, users } from '../../db/schema.ts';
import type { Cycle } from '../../repositories/cycle.repository.ts';
import { repositories } from '../repositories.ts';
import { unproposedAssigned } from './appraisal-coverage.ts';
import { audit } from './audit.ts';
import type { CouncilItem } from './council-items.ts';
import { CouncilService, type ManyDecisionItem } from './council.service.ts';
import { Notifier } from './notifier.ts';
import { type ScoredEntry, pointsOfEntry } from './scored-entry.ts';
import { explanationLocked, explanationSendLocked, pastDeadline, proposalLocked, selfLocked, type StageState, viDate } from './stage-rules.ts';

export type { CouncilItem };

/** Stages after the chair's approval: the leaves' final points are set. */
const APPROVED_STATUSES = new Set(['approved', 'published', 'closed']);

export type LeafScoreRow = typeof leafScores.$inferSelect;

export interface EvidenceLink {
  documentId: string;
  fileName: string;
  numberSymbol: string | null;
  issuedDate: string | null;
  issuer: string | null;
  page: string | null;
  /** The document's date lies outside the assessment year. */
  outsideYear: boolean;
}

export interface SheetLeaf {
  code: string;
  title: string;
  path: { code: string; title: string }[];
  max: string;
  source: 'appraised' | 'survey';
  effect: 'score' | 'bonus' | 'deduction';
  rule: IndexedLeaf['rule'];
  evidenceExpected: string | null;
  evidenceRequired: boolean;
  revision: number;
  inputs: LeafInputs | null;
  selfPoints: string | null;
  selfNote: string | null;
  proposedPoints: string | null;
  proposedReason: string | null;
  proposedBy: string | null;
  response: 'accepted' | 'explained' | null;
  responseText: string | null;
  councilPoints: string | null;
  councilReason: string | null;
  /** After approval, the leaf's final points (engine: finalPointsOf); null before. */
  finalPoints: string | null;
  evidence: EvidenceLink[];
  problems: string[];
}

export interface UnitSheet {
  cycle: { id: string; year: number; name: string; status: string; deadlines: Record<string, string | undefined> };
  unit: { id: string; code: string; name: string; peerGroup: string };
  stages: { self: StageState; explanation: StageState };
  editable: { self: boolean; explanation: boolean };
  /**
   * Why the head cannot send the explanation yet although the unit may still answer (the refusal
   * `submitExplanation` would give, with the assigned leaf codes still without a proposal); null when
   * sending would pass the same check, or when the explanation is not editable anyway.
   */
  explanationBlockedBy: { message: string; unproposed: string[] } | null;
  progress: { leaves: number; done: number; claimed: string; max: string };
  leaves: SheetLeaf[];
}

export type { StageState };

export interface Revisioned {
  revision: number;
}

const isMissing = (m: string) => / chưa (nhập|chọn) /.test(m);

export class AssessmentService {
  private readonly notifier: Notifier;
  /** Without a notifier, notifications are kept in the app only (no e-mail). */
  constructor(
    private readonly db: Db,
    notifier?: Notifier,
  ) {
    this.notifier = notifier ?? new Notifier(db);
  }

  // ---------- shared lookups ----------

  async cycleAndRubric(cycleId: string, db: Db = this.db): Promise<{ cycle: Cycle; rubric: RubricIndex }> {
    const repos = repositories(db);
    const cycle = await repos.cycles.getById(cycleId);
    if (cycle.source !== 'assessed' || !cycle.rubricVersionId) throw new AppError('VALIDATION', 'Kỳ đánh giá này là bảng kết quả đã nhập, không chấm theo tiêu chí.');
    return { cycle, rubric: indexRubric((await repos.rubrics.getVersion(cycle.rubricVersionId)).document) };
  }

  private async unitInCycle(cycleId: string, unitId: string, db: Db = this.db) {
    const units = await repositories(db).cycles.listCycleUnits(cycleId);
    const u = units.find((x) => x.unitId === unitId);
    if (!u) throw new AppError('NOT_FOUND', 'Đơn vị không tham gia kỳ đánh giá này.');
    return u;
  }

  private async applicable(cycleId: string, unitId: string, rubric: RubricIndex, group: string, db: Db = this.db): Promise<IndexedLeaf[]> {
    const excl = await repositories(db).cycles.listExclusions(cycleId, unitId);
    return applicableLeaves(rubric, group, excl.map((e) => e.nodeCode));
  }

  /** The cycle, rubric, unit and applicable leaf; NOT_FOUND when the leaf does not apply to the unit. */
  async leafFor(cycleId: string, unitId: string, leafCode: string, db: Db = this.db) {
    const { cycle, rubric } = await this.cycleAndRubric(cycleId, db);
    const unit = await this.unitInCycle(cycleId, unitId, db);
    const leaf = (await this.applicable(cycleId, unitId, rubric, unit.peerGroup, db)).find((l) => l.code === leafCode);
    if (!leaf) throw new AppError('NOT_FOUND', `Tiêu chí ${leafCode} không áp dụng cho đơn vị này (hoặc không có trong bộ chỉ số).`);
    return { cycle, rubric, unit, leaf };
  }

  async stageOf(db: Db, cycleId: string, unitId: string, stage: 'self' | 'explanation'): Promise<StageState> {
    const [row] = await db.select().from(unitStages).where(and(eq(unitStages.cycleId, cycleId), eq(unitStages.unitId, unitId), eq(unitStages.stage, stage)));
    return row ? { status: row.status, note: row.note, changedAt: row.changedAt.toISOString() } : { status: 'draft', note: null, changedAt: null };
  }

  /** Locks the row and checks the revision the client saw; 409 with the current value when it moved. */
  async lockRow(tx: Db, cycleId: string, unitId: string, leafCode: string, expected: number): Promise<LeafScoreRow | undefined> {
    const read = () =>
      tx
        .select()
        .from(leafScores)
        .where(and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, unitId), eq(leafScores.leafCode, leafCode)))
        .for('update');
    let [row] = await read();
    if (!row) {
      // No row to lock yet: two first saves of this leaf would both find none and both insert. A
      // lock per (cycle, unit, leaf), held to the end of the transaction, lets them through one by
      // one; reading again (a new snapshot) the second finds the first's row and gets the 409 below.
      const FIRST_ROW_LOCK = 7_270_012; // namespace of these advisory locks (two-key form)
      await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ROW_LOCK}::int, hashtext(${`${cycleId}|${unitId}|${leafCode}`}::text))`);
      [row] = await read();
    }
    const current = row?.revision ?? 0;
    if (current !== expected)
      throw new AppError('CONFLICT', `Tiêu chí ${leafCode} vừa được ${row?.updatedBy ? 'người khác' : 'ai đó'} cập nhật. Dữ liệu hiện tại đã được tải lại; hãy xem và lưu lại nếu cần.`, [], {
        current: row ? presentRow(row) : null,
      });
    return row;
  }

  /** Writes the row (insert or update) with the next revision and who changed it. */
  async writeRow(tx: Db, cycleId: string, unitId: string, leafCode: string, existing: LeafScoreRow | undefined, set: Partial<typeof leafScores.$inferInsert>, actor: SessionUser): Promise<LeafScoreRow> {
    if (existing) {
      const [row] = await tx
        .update(leafScores)
        .set({ ...set, revision: existing.revision + 1, updatedAt: new Date(), updatedBy: actor.id })
        .where(and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, unitId), eq(leafScores.leafCode, leafCode)))
        .returning();
      return row;
    }
    // A first row written meanwhile by another transaction (one that did not pass lockRow) is not
    // overwritten and never a primary-key error: this save is stale, 409 with the current value.
    const [row] = await tx
      .insert(leafScores)
      .values({ cycleId, unitId, leafCode, inputs: {}, points: null, ...set, revision: 1, updatedBy: actor.id })
      .onConflictDoNothing({ target: [leafScores.cycleId, leafScores.unitId, leafScores.leafCode] })
      .returning();
    if (row) return row;
    await this.lockRow(tx, cycleId, unitId, leafCode, 0);
    throw new AppError('CONFLICT', `Tiêu chí ${leafCode} vừa được người khác cập nhật. Hãy tải lại trang rồi lưu lại nếu cần.`);
  }

  // ---------- self-assessment ----------

  async sheet(cycleId: string, unitId: string): Promise<UnitSheet> {
    const { cycle, rubric } = await this.cycleAndRubric(cycleId);
    const unit = await this.unitInCycle(cycleId, unitId);
    const leaves = await this.applicable(cycleId, unitId, rubric, unit.peerGroup);
    const rows = new Map((await this.db.select().from(leafScores).where(and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, unitId)))).map((r) => [r.leafCode, r]));
    const names = new Map((await this.db.select({ id: users.id, fullName: users.fullName }).from(users)).map((u) => [u.id, u.fullName]));
    const evidence = await this.evidenceOf(cycleId, unitId, cycle.year);
    const self = await this.stageOf(this.db, cycleId, unitId, 'self');
    const explanation = await this.stageOf(this.db, cycleId, unitId, 'explanation');
    let done = 0;
    let claimed = dec(0);
    let max = dec(0);
    const out: SheetLeaf[] = leaves.map((leaf) => {
      const r = rows.get(leaf.code);
      const problems = r && leaf.source === 'appraised' ? checkLeafInputs(leaf, r.inputs).map((p) => p.message) : [];
      if (leaf.effect === 'score') max = max.plus(leaf.max);
      if (r?.selfPoints != null) {
        done++;
        if (leaf.effect === 'deduction') claimed = claimed.minus(r.selfPoints);
        else claimed = claimed.plus(r.selfPoints);
      }
      return {
        code: leaf.code,
        title: leaf.title,
        path: leaf.ancestors.map((c) => ({ code: c, title: rubric.nodes.get(c)?.title ?? c })),
        max: toExact(leaf.max),
        source: leaf.source,
        effect: leaf.effect,
        rule: leaf.rule,
        evidenceExpected: findNode(rubric, leaf.code)?.evidence ?? null,
        evidenceRequired: leaf.evidenceRequired,
        revision: r?.revision ?? 0,
        inputs: r?.inputs ?? null,
        selfPoints: r?.selfPoints ?? null,
        selfNote: r?.selfNote ?? null,
        proposedPoints: r?.proposedPoints ?? null,
        proposedReason: r?.proposedReason ?? null,
        proposedBy: r?.proposedBy ? (names.get(r.proposedBy) ?? null) : null,
        response: r?.response ?? null,
        responseText: r?.responseText ?? null,
        councilPoints: r?.councilPoints ?? null,
        councilReason: r?.councilReason ?? null,
        // A survey leaf's points come from survey scoring, final as soon as they are scored; other leaves are final at approval.
        finalPoints: r && (APPROVED_STATUSES.has(cycle.status) || leaf.source === 'survey') ? finalPointsOf({ self: r.selfPoints, proposed: r.proposedPoints, council: r.councilPoints, final: r.points }) : null,
        evidence: evidence.get(leaf.code) ?? [],
        problems,
      };
    });
    const appraisedLeaves = out.filter((l) => l.source === 'appraised');
    const explanationEditable = explanationLocked(cycle, explanation) === null;
    let explanationBlockedBy: UnitSheet['explanationBlockedBy'] = null;
    if (explanationEditable) {
      // The same check as submitExplanation, so the page never offers a send the server refuses.
      const unproposed = (await unproposedAssigned(this.db, cycleId, rubric, unitId)).map((u) => u.leaf.code);
      const message = explanationSendLocked(cycle, unit.name, unproposed);
      if (message) explanationBlockedBy = { message, unproposed };
    }
    return {
      cycle: { id: cycle.id, year: cycle.year, name: cycle.name, status: cycle.status, deadlines: { ...cycle.deadlines } },
      unit: { id: unit.unitId, code: unit.code, name: unit.name, peerGroup: unit.peerGroup },
      stages: { self, explanation },
      // The same rules the saves apply, so the page is editable exactly when a save would pass.
      editable: { self: selfLocked(cycle, self) === null, explanation: explanationEditable },
      explanationBlockedBy,
      progress: { leaves: appraisedLeaves.length, done, claimed: toExact(claimed), max: toExact(max) },
      leaves: out,
    };
  }

  private async evidenceOf(cycleId: string, unitId: string, year: number): Promise<Map<string, EvidenceLink[]>> {
    const rows = await this.db
      .select({ leafCode: leafEvidence.leafCode, page: leafEvidence.page, d: evidenceDocuments })
      .from(leafEvidence)
      .innerJoin(evidenceDocuments, eq(evidenceDocuments.id, leafEvidence.documentId))
      .where(and(eq(leafEvidence.cycleId, cycleId), eq(leafEvidence.unitId, unitId)));
    const out = new Map<string, EvidenceLink[]>();
    for (const r of rows) {
      const list = out.get(r.leafCode) ?? [];
      list.push({
        documentId: r.d.id,
        fileName: r.d.fileName,
        numberSymbol: r.d.numberSymbol,
        issuedDate: r.d.issuedDate,
        issuer: r.d.issuer,
        page: r.page,
        outsideYear: outsideYear(r.d.issuedDate, year),
      });
      out.set(r.leafCode, list);
    }
    return out;
  }

  /** Saves a unit's raw inputs and note for a leaf; the engine gives the points. Incomplete inputs are kept as a draft. */
  async saveSelf(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, body: { inputs: LeafInputs; note?: string | null; revision: number }): Promise<SheetLeaf> {
    const { cycle, rubric, leaf } = await this.leafFor(cycleId, unitId, leafCode);
    if (leaf.source !== 'appraised') throw new AppError('VALIDATION', `Tiêu chí ${leafCode} lấy điểm từ điều tra xã hội học, đơn vị không tự chấm.`);
    if (cycle.status !== 'open') throw new AppError('CONFLICT', 'Kỳ đánh giá không ở giai đoạn tự đánh giá: không sửa được điểm tự chấm.');
    const inputs: LeafInputs = { ...body.inputs };
    delete inputs.hasEvidence;
    delete inputs.explanationAccepted;
    const problems = checkLeafInputs(leaf, inputs);
    const errors = problems.filter((p) => !isMissing(p.message));
    if (errors.length) throw new AppError('VALIDATION', errors.map((p) => p.message).join(' '), errors.map((p) => ({ field: p.field, message: p.message })));
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const locked = selfLocked(cycle, await this.stageOf(tx, cycleId, unitId, 'self'));
      if (locked) throw new AppError('CONFLICT', locked);
      const existing = await this.lockRow(tx, cycleId, unitId, leafCode, body.revision);
      const hasEvidence = await this.hasEvidence(tx, cycleId, unitId, leafCode);
      const complete = problems.length === 0;
      const selfPoints = complete ? toExact(evaluateLeaf(leaf, { ...inputs, hasEvidence }, rubric.doc.settings).points) : null;
      const before = existing ? { inputs: existing.inputs, selfPoints: existing.selfPoints, note: existing.selfNote } : null;
      await this.writeRow(tx, cycleId, unitId, leafCode, existing, { inputs: { ...inputs, hasEvidence }, selfPoints, selfNote: body.note ?? existing?.selfNote ?? null }, actor);
      await audit(tx, actor, { action: 'self.save', cycleId, unitId, subject: leafCode, before, after: { inputs, selfPoints, note: body.note ?? null } });
    });
    return this.sheetLeaf(cycleId, unitId, leafCode);
  }

  async sheetLeaf(cycleId: string, unitId: string, leafCode: string): Promise<SheetLeaf> {
    const s = await this.sheet(cycleId, unitId);
    return s.leaves.find((l) => l.code === leafCode)!;
  }

  private async hasEvidence(tx: Db, cycleId: string, unitId: string, leafCode: string): Promise<boolean> {
    const [r] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(leafEvidence)
      .where(and(eq(leafEvidence.cycleId, cycleId), eq(leafEvidence.unitId, unitId), eq(leafEvidence.leafCode, leafCode)));
    return Number(r?.n ?? 0) > 0;
  }

  /** Re-evaluates the self points after evidence was linked or removed (required evidence changes the score). */
  async refreshEvidence(tx: Db, actor: SessionUser, cycleId: string, unitId: string, leafCode: string): Promise<void> {
    const { cycle, rubric, leaf } = await this.leafFor(cycleId, unitId, leafCode, tx);
    // Evidence added after submission supports the explanation; it never changes the self-assessed score.
    if (selfLocked(cycle, await this.stageOf(tx, cycleId, unitId, 'self')) !== null) return;
    const [row] = await tx.select().from(leafScores).where(and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, unitId), eq(leafScores.leafCode, leafCode))).for('update');
    const hasEvidence = await this.hasEvidence(tx, cycleId, unitId, leafCode);
    const inputs = { ...(row?.inputs ?? {}), hasEvidence };
    const complete = checkLeafInputs(leaf, inputs).length === 0;
    const selfPoints = complete ? toExact(evaluateLeaf(leaf, inputs, rubric.doc.settings).points) : null;
    if (row && row.selfPoints === selfPoints && row.inputs.hasEvidence === hasEvidence) return;
    await this.writeRow(tx, cycleId, unitId, leafCode, row, { inputs, selfPoints }, actor);
    if (row?.selfPoints !== selfPoints) await audit(tx, actor, { action: 'self.evidence', cycleId, unitId, subject: leafCode, before: { selfPoints: row?.selfPoints ?? null }, after: { selfPoints, hasEvidence } });
  }

  /** The unit head submits the self-assessment: it is locked until the secretariat returns it. */
  async submitSelf(actor: SessionUser, cycleId: string, unitId: string): Promise<StageState> {
    const sheet = await this.sheet(cycleId, unitId);
    if (sheet.cycle.status !== 'open') throw new AppError('CONFLICT', 'Kỳ đánh giá không ở giai đoạn tự đánh giá.');
    const missing = sheet.leaves.filter((l) => l.source === 'appraised' && l.selfPoints === null);
    if (missing.length)
      throw new AppError('VALIDATION', `Còn ${missing.length} tiêu chí chưa tự chấm đủ: ${missing.slice(0, 8).map((l) => l.code).join(', ')}${missing.length > 8 ? '…' : ''}.`, missing.map((l) => ({ field: l.code, message: 'chưa tự chấm' })));
    const state = await this.setStage(actor, cycleId, unitId, 'self', 'submitted', null, 'self.submit');
    await this.notifier.quietly(() => this.notifier.toRoles(['secretariat'], `${sheet.unit.name} đã gửi kết quả tự đánh giá (${sheet.cycle.name}).`, `/work/cycles/${cycleId}/board`));
    return state;
  }

  /** The secretariat returns a submitted sheet with its reason; the unit may fix and resubmit it, even after the self deadline. */
  async returnSelf(actor: SessionUser, cycleId: string, unitId: string, reason: string): Promise<StageState> {
    const { cycle } = await this.cycleAndRubric(cycleId);
    // Once appraisal has begun the scores are under review: a returned sheet could not be edited anyway.
    if (cycle.status !== 'open') throw new AppError('CONFLICT', 'Chỉ trả lại kết quả tự đánh giá khi kỳ đánh giá đang ở giai đoạn tự đánh giá.');
    const current = await this.stageOf(this.db, cycleId, unitId, 'self');
    if (current.status !== 'submitted') throw new AppError('CONFLICT', 'Đơn vị chưa gửi kết quả tự đánh giá nên không có gì để trả lại.');
    const state = await this.setStage(actor, cycleId, unitId, 'self', 'returned', reason, 'self.return');
    await this.notifier.quietly(() =>
      this.notifier.toUnits([unitId], `Sở Nội vụ trả lại kết quả tự đánh giá (${cycle.name}): ${reason.trim()} Hãy sửa và gửi lại.`, `/work/cycles/${cycleId}/units/${unitId}`),
    );
    return state;
  }

  private async setStage(actor: SessionUser, cycleId: string, unitId: string, stage: 'self' | 'explanation', status: StageState['status'], note: string | null, action: string): Promise<StageState> {
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const before = await this.stageOf(tx, cycleId, unitId, stage);
      if (before.status === 'submitted' && status === 'submitted') throw new AppError('CONFLICT', 'Đã gửi rồi.');
      await tx
        .insert(unitStages)
        .values({ cycleId, unitId, stage, status, note, changedBy: actor.id, changedAt: new Date() })
        .onConflictDoUpdate({ target: [unitStages.cycleId, unitStages.unitId, unitStages.stage], set: { status, note, changedBy: actor.id, changedAt: new Date() } });
      await audit(tx, actor, { action, cycleId, unitId, subject: stage, before: { status: before.status }, after: { status }, reason: note });
    });
    return this.stageOf(this.db, cycleId, unitId, stage);
  }

  // ---------- appraisal ----------

  /** Leaves of every unit the appraiser is assigned to (their own unit never), with the unit's inputs and score. */
  async appraisalQueue(actor: SessionUser, cycleId: string): Promise<{ items: QueueItem[]; progress: { field: string; title: string; total: number; proposed: number }[] }> {
    const { rubric } = await this.cycleAndRubric(cycleId);
    const own = ownUnitOf(actor);
    const nodes = actor.role === 'appraiser' ? (await this.db.select().from(appraiserAssignments).where(and(eq(appraiserAssignments.cycleId, cycleId), eq(appraiserAssignments.userId, actor.id)))).map((a) => a.nodeCode) : null;
    const covers = (leaf: IndexedLeaf) => nodes === null || nodes.some((n) => n === leaf.code || leaf.ancestors.includes(n));
    const units = await repositories(this.db).cycles.listCycleUnits(cycleId);
    const excl = await repositories(this.db).cycles.listExclusions(cycleId);
    const rows = new Map((await this.db.select().from(leafScores).where(eq(leafScores.cycleId, cycleId))).map((r) => [`${r.unitId}|${r.leafCode}`, r]));
    const items: QueueItem[] = [];
    const collator = new Intl.Collator('vi');
    for (const u of [...units].sort((a, b) => collator.compare(a.name, b.name))) {
      if (own && u.unitId === own) continue;
      const leaves = applicableLeaves(rubric, u.peerGroup, excl.filter((e) => e.unitId === u.unitId).map((e) => e.nodeCode));
      for (const leaf of leaves) {
        if (leaf.source !== 'appraised' || !covers(leaf)) continue;
        const r = rows.get(`${u.unitId}|${leaf.code}`);
        items.push({
          unitId: u.unitId,
          unitName: u.name,
          leafCode: leaf.code,
          leafTitle: leaf.title,
          field: leaf.ancestors[0] ?? leaf.code,
          max: toExact(leaf.max),
          rule: leaf.rule,
          allowed: presentPointsDomain(allowedPointsOf(leaf, rubric.doc.settings)),
          inputs: r?.inputs ?? null,
          selfPoints: r?.selfPoints ?? null,
          selfNote: r?.selfNote ?? null,
          proposedPoints: r?.proposedPoints ?? null,
          proposedReason: r?.proposedReason ?? null,
          response: r?.response ?? null,
          responseText: r?.responseText ?? null,
          revision: r?.revision ?? 0,
        });
      }
    }
    const byField = new Map<string, { total: number; proposed: number }>();
    for (const i of items) {
      const f = byField.get(i.field) ?? { total: 0, proposed: 0 };
      f.total++;
      if (i.proposedPoints !== null) f.proposed++;
      byField.set(i.field, f);
    }
    return { items, progress: [...byField].map(([field, v]) => ({ field, title: rubric.nodes.get(field)?.title ?? field, ...v })) };
  }

  private async assertMayAppraise(actor: SessionUser, cycleId: string, unitId: string, leaf: IndexedLeaf, db: Db = this.db): Promise<void> {
    if (ownUnitOf(actor) === unitId) throw new AppError('FORBIDDEN', 'Không được thẩm định đơn vị của chính mình (xung đột lợi ích).');
    if (actor.role !== 'appraiser') return;
    const nodes = (await db.select().from(appraiserAssignments).where(and(eq(appraiserAssignments.cycleId, cycleId), eq(appraiserAssignments.userId, actor.id)))).map((a) => a.nodeCode);
    if (!nodes.some((n) => n === leaf.code || leaf.ancestors.includes(n))) throw new AppError('FORBIDDEN', `Bạn không được phân công thẩm định tiêu chí ${leaf.code}.`);
  }

  /**
   * The appraiser's proposed score: points the leaf's rule can give, or raw inputs the engine
   * turns into points (scored-entry.ts). A reason is required when it differs from the unit's own.
   */
  async propose(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, body: ScoredEntry & { reason?: string | null; revision: number }): Promise<SheetLeaf> {
    const { cycle, rubric, unit, leaf } = await this.leafFor(cycleId, unitId, leafCode);
    const closed = proposalLocked(cycle, leafCode, unit.name);
    if (closed) throw new AppError('CONFLICT', closed);
    await this.assertMayAppraise(actor, cycleId, unitId, leaf);
    if (leaf.source !== 'appraised') throw new AppError('VALIDATION', `Tiêu chí ${leafCode} lấy điểm từ điều tra xã hội học, không thẩm định.`);
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const existing = await this.lockRow(tx, cycleId, unitId, leafCode, body.revision);
      const locked = proposalLocked(cycle, leafCode, unit.name, await this.stageOf(tx, cycleId, unitId, 'explanation'), existing?.response ?? null);
      if (locked) throw new AppError('CONFLICT', locked);
      const { points, inputs } = pointsOfEntry(leaf, rubric.doc.settings, body, existing?.inputs);
      const self = existing?.selfPoints ?? null;
      const differs = self === null || !dec(self).equals(points);
      if (differs && !body.reason?.trim())
        throw new AppError('VALIDATION', `Điểm đề xuất (${toExact(points).replace('.', ',')}) khác điểm tự chấm của tiêu chí ${leafCode}: phải ghi lý do.`, [{ field: 'reason', message: 'bắt buộc khi điểm khác điểm tự chấm' }]);
      await this.writeRow(tx, cycleId, unitId, leafCode, existing, { proposedPoints: toExact(points), proposedReason: body.reason?.trim() || null, proposedBy: actor.id, proposedAt: new Date() }, actor);
      // The appraiser's raw inputs have no column of their own; the audit entry keeps them.
      await audit(tx, actor, { action: 'appraisal.propose', cycleId, unitId, subject: leafCode, before: { proposedPoints: existing?.proposedPoints ?? null }, after: { proposedPoints: toExact(points), ...(inputs ? { inputs } : {}) }, reason: body.reason ?? null });
    });
    await this.notifyProposals(cycle, [unitId]);
    return this.sheetLeaf(cycleId, unitId, leafCode);
  }

  /**
   * Accepts the unit's own score as the proposal for many leaves at once. A leaf that already has
   * a proposal is never touched (it may differ from the self score on purpose): it is skipped and
   * counted, and the answer names it.
   */
  async acceptMany(actor: SessionUser, cycleId: string, items: { unitId: string; leafCode: string; revision: number }[]): Promise<{ accepted: number; skipped: number; skippedLeaves: { unitId: string; unitName: string; leafCode: string }[] }> {
    const { cycle, rubric } = await this.cycleAndRubric(cycleId);
    if (cycle.status !== 'appraisal') throw new AppError('CONFLICT', 'Kỳ đánh giá không ở giai đoạn thẩm định.');
    const names = new Map((await repositories(this.db).cycles.listCycleUnits(cycleId)).map((u) => [u.unitId, u.name]));
    const skippedLeaves: { unitId: string; unitName: string; leafCode: string }[] = [];
    const acceptedUnits = new Set<string>();
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const explanations = new Map<string, StageState>();
      for (const i of items) {
        const leaf = rubric.leafByCode.get(i.leafCode);
        if (!leaf) throw new AppError('NOT_FOUND', `Không có tiêu chí ${i.leafCode}.`);
        const unitName = names.get(i.unitId) ?? i.unitId;
        await this.assertMayAppraise(actor, cycleId, i.unitId, leaf, tx);
        // Checked before the revision: a proposal saved since the page loaded is skipped, not a conflict.
        const [current] = await tx.select().from(leafScores).where(and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, i.unitId), eq(leafScores.leafCode, i.leafCode))).for('update');
        if (current?.proposedPoints != null) {
          skippedLeaves.push({ unitId: i.unitId, unitName, leafCode: i.leafCode });
          continue;
        }
        const existing = await this.lockRow(tx, cycleId, i.unitId, i.leafCode, i.revision);
        if (!explanations.has(i.unitId)) explanations.set(i.unitId, await this.stageOf(tx, cycleId, i.unitId, 'explanation'));
        const locked = proposalLocked(cycle, i.leafCode, unitName, explanations.get(i.unitId)!, existing?.response ?? null);
        if (locked) throw new AppError('CONFLICT', locked);
        if (!existing?.selfPoints) throw new AppError('VALIDATION', `Tiêu chí ${i.leafCode} (${unitName}): đơn vị chưa tự chấm, không thể chấp nhận điểm tự chấm.`);
        // The self score came from the engine, but possibly under an earlier rubric version.
        pointsOfEntry(leaf, rubric.doc.settings, { points: existing.selfPoints }, existing.inputs);
        await this.writeRow(tx, cycleId, i.unitId, i.leafCode, existing, { proposedPoints: existing.selfPoints, proposedReason: null, proposedBy: actor.id, proposedAt: new Date() }, actor);
        await audit(tx, actor, { action: 'appraisal.accept', cycleId, unitId: i.unitId, subject: i.leafCode, before: { proposedPoints: existing.proposedPoints }, after: { proposedPoints: existing.selfPoints } });
        acceptedUnits.add(i.unitId);
      }
    });
    await this.notifyProposals(cycle, [...acceptedUnits]);
    return { accepted: items.length - skippedLeaves.length, skipped: skippedLeaves.length, skippedLeaves };
  }

  /**
   * Tells each unit that proposals await its answer: one message per unit, repeated only after the
   * unit has read the last one, however many leaves were proposed one by one or in a batch.
   */
  private async notifyProposals(cycle: Cycle, unitIds: string[]): Promise<void> {
    const by = cycle.deadlines.explanation ? ` trước ngày ${viDate(cycle.deadlines.explanation)}` : '';
    const message = `Có điểm đề xuất thẩm định mới (${cycle.name}): hãy xem, đồng ý hoặc giải trình${by}.`;
    for (const unitId of unitIds) await this.notifier.quietly(() => this.notifier.toUnits([unitId], message, `/work/cycles/${cycle.id}/units/${unitId}`, { unlessUnread: true }));
  }

  // ---------- explanation (giải trình) ----------

  async respond(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, body: { response: 'accepted' | 'explained'; text?: string | null; revision: number }): Promise<SheetLeaf> {
    const { cycle } = await this.leafFor(cycleId, unitId, leafCode);
    const closed = explanationLocked(cycle);
    if (closed) throw new AppError('CONFLICT', closed);
    if (body.response === 'explained' && !body.text?.trim()) throw new AppError('VALIDATION', 'Hãy ghi nội dung giải trình.', [{ field: 'text', message: 'bắt buộc' }]);
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const locked = explanationLocked(cycle, await this.stageOf(tx, cycleId, unitId, 'explanation'));
      if (locked) throw new AppError('CONFLICT', locked);
      const existing = await this.lockRow(tx, cycleId, unitId, leafCode, body.revision);
      if (existing?.proposedPoints == null) throw new AppError('VALIDATION', `Tiêu chí ${leafCode} chưa có điểm đề xuất thẩm định để giải trình.`);
      await this.writeRow(tx, cycleId, unitId, leafCode, existing, { response: body.response, responseText: body.text?.trim() || null, respondedAt: new Date() }, actor);
      await audit(tx, actor, { action: 'explanation.respond', cycleId, unitId, subject: leafCode, before: { response: existing.response }, after: { response: body.response }, reason: body.text ?? null });
    });
    return this.sheetLeaf(cycleId, unitId, leafCode);
  }

  /**
   * The unit head sends the explanation. It ends the unit's appraisal (proposals lock), so it waits
   * until every assigned leaf of the unit has a proposal, or the appraisal deadline has passed —
   * then the leaves left without one go to the council (council-items.ts).
   */
  async submitExplanation(actor: SessionUser, cycleId: string, unitId: string): Promise<StageState> {
    const { cycle, rubric } = await this.cycleAndRubric(cycleId);
    // setStage refuses a second submission; here the stage and its deadline.
    const closed = explanationLocked(cycle);
    if (closed) throw new AppError('CONFLICT', closed);
    const unit = await this.unitInCycle(cycleId, unitId);
    const unproposed = (await unproposedAssigned(this.db, cycleId, rubric, unitId)).map((u) => u.leaf.code);
    const waiting = explanationSendLocked(cycle, unit.name, unproposed);
    if (waiting) throw new AppError('CONFLICT', waiting, unproposed.map((code) => ({ field: code, message: 'chưa có điểm đề xuất thẩm định' })), { unproposed });
    return this.setStage(actor, cycleId, unitId, 'explanation', 'submitted', null, 'explanation.submit');
  }

  // ---------- council (council.service.ts) ----------

  /** The council's items: disputed leaves, and assigned leaves left without a proposal once appraisal is over. */
  councilItems(cycleId: string): Promise<CouncilItem[]> {
    return new CouncilService(this.db, this).items(cycleId);
  }

  decide(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, body: ScoredEntry & { reason: string; revision: number }): Promise<CouncilItem> {
    return new CouncilService(this.db, this).decide(actor, cycleId, unitId, leafCode, body);
  }

  decideMany(actor: SessionUser, cycleId: string, body: { items: ManyDecisionItem[]; reason: string }): Promise<{ decided: number }> {
    return new CouncilService(this.db, this).decideMany(actor, cycleId, body);
  }

  /** The chair approves the final scores (engine: decidedPointsOf); refused while a council item is undecided. */
  finalize(actor: SessionUser, cycleId: string): Promise<{ leaves: number }> {
    return new CouncilService(this.db, this).finalize(actor, cycleId);
  }

  /** Every stage's score of one leaf, and the audit entries behind them. */
  async leafHistory(cycleId: string, unitId: string, leafCode: string) {
    const leaf = await this.sheetLeaf(cycleId, unitId, leafCode);
    const { listAudit } = await import('./audit.ts');
    return { leaf, entries: await listAudit(this.db, { cycleId, unitId, subject: leafCode }) };
  }

  /** Documents uploaded by the unit in this cycle. */
  async listDocuments(cycleId: string, unitId: string) {
    const { cycle } = await this.cycleAndRubric(cycleId);
    const docs = await this.db.select().from(evidenceDocuments).where(and(eq(evidenceDocuments.cycleId, cycleId), eq(evidenceDocuments.unitId, unitId)));
    const links = await this.db.select().from(leafEvidence).where(and(eq(leafEvidence.cycleId, cycleId), eq(leafEvidence.unitId, unitId), docs.length ? inArray(leafEvidence.documentId, docs.map((d) => d.id)) : sql`false`));
    return docs.map((d) => ({
      id: d.id,
      fileName: d.fileName,
      mime: d.mime,
      size: d.size,
      numberSymbol: d.numberSymbol,
      issuedDate: d.issuedDate,
      issuer: d.issuer,
      signer: d.signer,
      outsideYear: outsideYear(d.issuedDate, cycle.year),
      leaves: links.filter((l) => l.documentId === d.id).map((l) => ({ leafCode: l.leafCode, page: l.page })),
      createdAt: d.createdAt.toISOString(),
    }));
  }
}

export interface QueueItem {
  unitId: string;
  unitName: string;
  leafCode: string;
  leafTitle: string;
  field: string;
  max: string;
  rule: ScoringRule;
  /** The figures a proposal may give (engine: allowedPointsOf). */
  allowed: PointsDomainDto;
  inputs: LeafInputs | null;
  selfPoints: string | null;
  selfNote: string | null;
  proposedPoints: string | null;
  proposedReason: string | null;
  response: string | null;
  responseText: string | null;
  revision: number;
}

function presentRow(r: LeafScoreRow) {
  return {
    revision: r.revision,
    inputs: r.inputs,
    selfPoints: r.selfPoints,
    selfNote: r.selfNote,
    proposedPoints: r.proposedPoints,
    proposedReason: r.proposedReason,
    response: r.response,
    responseText: r.responseText,
    councilPoints: r.councilPoints,
    updatedAt: r.updatedAt.toISOString(),
  };
}

function findNode(rubric: RubricIndex, code: string) {
  const walk = (nodes: RubricIndex['doc']['fields']): RubricIndex['doc']['fields'][number] | undefined => {
    for (const n of nodes) {
      if (n.code === code) return n;
      const f = n.children ? walk(n.children) : undefined;
      if (f) return f;
    }
    return undefined;
  };
  return walk(rubric.doc.fields);
}

export function outsideYear(date: string | null, year: number): boolean {
  return !!date && Number(date.slice(0, 4)) !== year;
}

export { pastDeadline, viDate };

/**
 * The unit whose assessment this person may never appraise. An appraiser's account must name
 * their own unit (accounts enforce it); an older account without one is refused outright rather
 * than trusted, since the conflict of interest could not be checked.
 */
function ownUnitOf(actor: SessionUser): string | null {
  if (actor.role === 'appraiser' && !actor.unitId)
    throw new AppError('FORBIDDEN', 'Tài khoản thẩm định của bạn chưa gắn đơn vị công tác nên chưa kiểm tra được xung đột lợi ích: đề nghị quản trị viên cập nhật trường "Đơn vị" của tài khoản.');
  return actor.unitId;
}

export { UNIT_ROLES };
