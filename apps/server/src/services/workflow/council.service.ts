/**
 * The appraisal council (Hội đồng thẩm định): its items (council-items.ts), a decision per item or
 * many at once, and the chair's approval of the final points. Every figure obeys the leaf's rule
 * (scored-entry.ts); the final points are the engine's one rule (decidedPointsOf / finalPointsOf).
 */
import { AppError, type CouncilDecisionsItem, type CouncilDecisionsResult } from '@parindex/contracts';
import { type IndexedLeaf, applicableLeaves, decidedPointsOf, toExact } from '@parindex/engine';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { newId } from '../../db/sql-helpers.ts';
import { AuditRepository } from '../../repositories/audit.repository.ts';
import { LeafStagesRepository } from '../../repositories/leaf-stages.repository.ts';
import { repositories } from '../repositories.ts';
import { assignmentCover } from './appraisal-coverage.ts';
import type { AssessmentService, LeafScoreRow } from './assessment.service.ts';
import { audit } from './audit.ts';
import { type CouncilItem, isDisputed, listCouncilItems } from './council-items.ts';
import { councilMinutesDocx } from './council-minutes.ts';
import { type ScoredEntry, pointsOfEntry } from './scored-entry.ts';
import { appraisalOver } from './stage-rules.ts';

/** One item of a decision on many: without points, the unit's own score is kept. */
export type ManyDecisionItem = CouncilDecisionsItem;

export class CouncilService {
  constructor(
    private readonly db: Db,
    private readonly assessment: AssessmentService,
  ) {}

  async items(cycleId: string): Promise<CouncilItem[]> {
    const { cycle, rubric } = await this.assessment.cycleAndRubric(cycleId);
    return listCouncilItems(this.db, cycle, rubric);
  }

  /** The council's minutes (biên bản họp) as a DOCX to sign, with its file name. */
  async minutes(cycleId: string): Promise<{ fileName: string; body: Buffer }> {
    const { cycle, rubric } = await this.assessment.cycleAndRubric(cycleId);
    return { fileName: `bien-ban-hoi-dong-${cycle.year}.docx`, body: await councilMinutesDocx(cycle, await listCouncilItems(this.db, cycle, rubric)) };
  }

  /** The council's decision on one item: points the leaf's rule can give, or raw inputs the engine scores. */
  async decide(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, body: ScoredEntry & { reason: string; revision: number }): Promise<CouncilItem> {
    const { cycle } = await this.assessment.cycleAndRubric(cycleId);
    if (cycle.status !== 'council') throw new AppError('CONFLICT', 'Kỳ đánh giá không ở giai đoạn Hội đồng thẩm định.');
    if (!body.reason.trim()) throw new AppError('VALIDATION', 'Hãy ghi lý do quyết định của Hội đồng.', [{ field: 'reason', message: 'bắt buộc' }]);
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const { unit, leaf } = await this.assessment.leafFor(cycleId, unitId, leafCode, tx);
      await this.decideOne(tx, await this.context(tx, cycleId), actor, { unitId, unitName: unit.name, leaf }, body);
    });
    return (await this.items(cycleId)).find((i) => i.unitId === unitId && i.leafCode === leafCode)!;
  }

  /**
   * Many items at once with one reason (e.g. the leaves no appraiser proposed, kept at the unit's
   * own score after review): each is a council decision on record, checked like a single one; any
   * refusal saves nothing.
   */
  async decideMany(actor: SessionUser, cycleId: string, body: { items: ManyDecisionItem[]; reason: string }): Promise<CouncilDecisionsResult> {
    const { cycle } = await this.assessment.cycleAndRubric(cycleId);
    if (cycle.status !== 'council') throw new AppError('CONFLICT', 'Kỳ đánh giá không ở giai đoạn Hội đồng thẩm định.');
    if (!body.reason.trim()) throw new AppError('VALIDATION', 'Hãy ghi lý do quyết định của Hội đồng.', [{ field: 'reason', message: 'bắt buộc' }]);
    const units = new Map((await repositories(this.db).cycles.listCycleUnits(cycleId)).map((u) => [u.unitId, u]));
    const exclusions = await repositories(this.db).cycles.listExclusions(cycleId);
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const ctx = await this.context(tx, cycleId);
      for (const i of body.items) {
        const unit = units.get(i.unitId);
        if (!unit) throw new AppError('NOT_FOUND', 'Đơn vị không tham gia kỳ đánh giá này.');
        const excluded = exclusions.filter((e) => e.unitId === i.unitId).map((e) => e.nodeCode);
        const leaf = applicableLeaves(ctx.rubric, unit.peerGroup, excluded).find((l) => l.code === i.leafCode);
        if (!leaf) throw new AppError('NOT_FOUND', `Tiêu chí ${i.leafCode} không áp dụng cho ${unit.name} (hoặc không có trong bộ chỉ số).`);
        await this.decideOne(tx, ctx, actor, { unitId: i.unitId, unitName: unit.name, leaf }, { points: i.points, reason: body.reason, revision: i.revision }, true);
      }
    });
    return { decided: body.items.length };
  }

  /** What every decision of a cycle checks against, loaded once per request. */
  private async context(tx: Db, cycleId: string) {
    const { cycle, rubric } = await this.assessment.cycleAndRubric(cycleId, tx);
    return { cycle, rubric, covers: await assignmentCover(tx, cycleId) };
  }

  private async decideOne(
    tx: Db,
    { cycle, rubric, covers }: Awaited<ReturnType<CouncilService['context']>>,
    actor: SessionUser,
    { unitId, unitName, leaf }: { unitId: string; unitName: string; leaf: IndexedLeaf },
    body: ScoredEntry & { reason: string; revision: number },
    selfByDefault = false,
  ): Promise<void> {
    const cycleId = cycle.id;
    const leafCode = leaf.code;
    const unit = { name: unitName };
    const existing = await this.assessment.lockRow(tx, cycleId, unitId, leafCode, body.revision);
    const unproposed = appraisalOver(cycle) && existing?.proposedPoints == null && covers(unitId, leaf);
    if (!isDisputed(existing) && !unproposed)
      throw new AppError('VALIDATION', `Tiêu chí ${leafCode} của ${unit.name} không có ý kiến giải trình hay thiếu đề xuất thẩm định cần Hội đồng quyết định.`);
    let entry: ScoredEntry = body;
    if (selfByDefault && (body.points == null || body.points === '')) {
      if (existing?.selfPoints == null) throw new AppError('VALIDATION', `Tiêu chí ${leafCode} của ${unit.name}: đơn vị chưa tự chấm, Hội đồng phải nhập điểm cho nội dung này.`);
      entry = { points: existing.selfPoints };
    }
    const { points, inputs } = pointsOfEntry(leaf, rubric.doc.settings, entry, existing?.inputs);
    await this.assessment.writeRow(tx, cycleId, unitId, leafCode, existing, { councilPoints: toExact(points), councilReason: body.reason.trim(), councilBy: actor.id, councilAt: new Date() }, actor);
    await audit(tx, actor, {
      action: 'council.decide',
      cycleId,
      unitId,
      subject: leafCode,
      before: { councilPoints: existing?.councilPoints ?? null, proposedPoints: existing?.proposedPoints ?? null, selfPoints: existing?.selfPoints ?? null },
      after: { councilPoints: toExact(points), ...(inputs ? { inputs } : {}) },
      reason: body.reason,
    });
  }

  /**
   * The chair approves the final scores: what the stages give (engine: decidedPointsOf — council
   * decision, else the appraisers' proposal, else the unit's own score). Written to `points`,
   * which the engine uses from now on. Refused while a council item (disputed, or assigned and
   * never proposed) is undecided.
   */
  async finalize(actor: SessionUser, cycleId: string): Promise<{ leaves: number }> {
    const { cycle } = await this.assessment.cycleAndRubric(cycleId);
    if (cycle.status !== 'council') throw new AppError('CONFLICT', 'Chỉ phê duyệt điểm cuối cùng ở giai đoạn Hội đồng thẩm định.');
    const undecided = (await this.items(cycleId)).filter((i) => i.councilPoints === null);
    if (undecided.length) {
      const unproposed = undecided.filter((i) => i.kind === 'unproposed').length;
      throw new AppError(
        'VALIDATION',
        `Còn ${undecided.length} nội dung chưa được Hội đồng quyết định (${undecided.length - unproposed} có ý kiến giải trình, ${unproposed} chưa có đề xuất thẩm định): ${undecided.slice(0, 5).map((i) => `${i.unitName} – ${i.leafCode}`).join('; ')}${undecided.length > 5 ? '…' : ''}.`,
      );
    }
    let n = 0;
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const scores = new LeafStagesRepository(tx);
      const rows = await scores.listRows(cycleId);
      const changes = rows
        .map((r) => ({ r, final: decidedPointsOf({ self: r.selfPoints, proposed: r.proposedPoints, council: r.councilPoints }) }))
        .filter((c): c is { r: LeafScoreRow; final: string } => c.final !== null && c.final !== c.r.points);
      n = changes.length;
      // One statement for the scores and one for their audit entries, however many leaves.
      for (let i = 0; i < changes.length; i += 5000) {
        const part = changes.slice(i, i + 5000);
        await scores.setFinalPoints(cycleId, actor.id, part.map((c) => ({ unitId: c.r.unitId, leafCode: c.r.leafCode, final: c.final })));
        await new AuditRepository(tx).append(
          part.map((c) => ({ id: newId(), userId: actor.id, userName: actor.fullName, action: 'final.set', cycleId, unitId: c.r.unitId, subject: c.r.leafCode, before: { points: c.r.points }, after: { points: c.final } })),
        );
      }
    });
    return { leaves: n };
  }
}
