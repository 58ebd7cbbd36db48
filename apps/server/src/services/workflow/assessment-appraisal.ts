/**
 * Appraisal (thẩm định): the appraiser's queue of assigned leaves (their own unit never), a
 * proposal per leaf, and accepting the units' own scores in bulk. Shared lookups and the
 * race-safe row writes come from AssessmentService.
 */
import { AppError, type AppraisalAcceptItem, type AppraisalAcceptResult, type AppraisalQueue, type QueueItem, type SkippedLeaf } from '@parindex/contracts';
import { type IndexedLeaf, applicableLeaves, dec, toExact } from '@parindex/engine';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import type { Cycle } from '../../repositories/cycle.repository.ts';
import { LeafStagesRepository } from '../../repositories/leaf-stages.repository.ts';
import { WorkflowRepository } from '../../repositories/workflow.repository.ts';
import { repositories } from '../repositories.ts';
import type { SheetLeaf } from './assessment-sheet.ts';
import type { AssessmentService } from './assessment.service.ts';
import { audit } from './audit.ts';
import { leafCaseOf } from './leaf-case.ts';
import type { Notifier } from './notifier.ts';
import { type ScoredEntry, pointsOfEntry } from './scored-entry.ts';
import { proposalLocked, type StageState, viDate } from './stage-rules.ts';

/** A leaf in the appraiser's queue (packages/contracts, workflow.ts). */
export type { QueueItem };

export class AssessmentAppraisal {
  constructor(
    private readonly db: Db,
    private readonly notifier: Notifier,
    private readonly a: AssessmentService,
  ) {}

  /** Leaves of every unit the appraiser is assigned to (their own unit never), with the unit's inputs and score. */
  async appraisalQueue(actor: SessionUser, cycleId: string): Promise<AppraisalQueue> {
    const { rubric } = await this.a.cycleAndRubric(cycleId);
    const own = ownUnitOf(actor);
    const nodes = actor.role === 'appraiser' ? await new WorkflowRepository(this.db).listAssignedNodes(cycleId, actor.id) : null;
    const covers = (leaf: IndexedLeaf) => nodes === null || nodes.some((n) => n === leaf.code || leaf.ancestors.includes(n));
    const units = await repositories(this.db).cycles.listCycleUnits(cycleId);
    const excl = await repositories(this.db).cycles.listExclusions(cycleId);
    const rows = new Map((await new LeafStagesRepository(this.db).listRows(cycleId)).map((r) => [`${r.unitId}|${r.leafCode}`, r]));
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
          field: leaf.ancestors[0] ?? leaf.code,
          ...leafCaseOf(leaf, r, rubric.doc.settings),
          response: r?.response ?? null,
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
    const nodes = await new WorkflowRepository(db).listAssignedNodes(cycleId, actor.id);
    if (!nodes.some((n) => n === leaf.code || leaf.ancestors.includes(n))) throw new AppError('FORBIDDEN', `Bạn không được phân công thẩm định tiêu chí ${leaf.code}.`);
  }

  /**
   * The appraiser's proposed score: points the leaf's rule can give, or raw inputs the engine
   * turns into points (scored-entry.ts). A reason is required when it differs from the unit's own.
   */
  async propose(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, body: ScoredEntry & { reason?: string | null; revision: number }): Promise<SheetLeaf> {
    const { cycle, rubric, unit, leaf } = await this.a.leafFor(cycleId, unitId, leafCode);
    const closed = proposalLocked(cycle, leafCode, unit.name);
    if (closed) throw new AppError('CONFLICT', closed);
    await this.assertMayAppraise(actor, cycleId, unitId, leaf);
    if (leaf.source !== 'appraised') throw new AppError('VALIDATION', `Tiêu chí ${leafCode} lấy điểm từ điều tra xã hội học, không thẩm định.`);
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const existing = await this.a.lockRow(tx, cycleId, unitId, leafCode, body.revision);
      const locked = proposalLocked(cycle, leafCode, unit.name, await this.a.stageOf(tx, cycleId, unitId, 'explanation'), existing?.response ?? null);
      if (locked) throw new AppError('CONFLICT', locked);
      const { points, inputs } = pointsOfEntry(leaf, rubric.doc.settings, body, existing?.inputs);
      const self = existing?.selfPoints ?? null;
      const differs = self === null || !dec(self).equals(points);
      if (differs && !body.reason?.trim())
        throw new AppError('VALIDATION', `Điểm đề xuất (${toExact(points).replace('.', ',')}) khác điểm tự chấm của tiêu chí ${leafCode}: phải ghi lý do.`, [{ field: 'reason', message: 'bắt buộc khi điểm khác điểm tự chấm' }]);
      await this.a.writeRow(tx, cycleId, unitId, leafCode, existing, { proposedPoints: toExact(points), proposedReason: body.reason?.trim() || null, proposedBy: actor.id, proposedAt: new Date() }, actor);
      // The appraiser's raw inputs have no column of their own; the audit entry keeps them.
      await audit(tx, actor, { action: 'appraisal.propose', cycleId, unitId, subject: leafCode, before: { proposedPoints: existing?.proposedPoints ?? null }, after: { proposedPoints: toExact(points), ...(inputs ? { inputs } : {}) }, reason: body.reason ?? null });
    });
    await this.notifyProposals(cycle, [unitId]);
    return this.a.sheetLeaf(cycleId, unitId, leafCode);
  }

  /**
   * Accepts the unit's own score as the proposal for many leaves at once. A leaf that already has
   * a proposal is never touched (it may differ from the self score on purpose): it is skipped and
   * counted, and the answer names it.
   */
  async acceptMany(actor: SessionUser, cycleId: string, items: AppraisalAcceptItem[]): Promise<AppraisalAcceptResult> {
    const { cycle, rubric } = await this.a.cycleAndRubric(cycleId);
    if (cycle.status !== 'appraisal') throw new AppError('CONFLICT', 'Kỳ đánh giá không ở giai đoạn thẩm định.');
    const names = new Map((await repositories(this.db).cycles.listCycleUnits(cycleId)).map((u) => [u.unitId, u.name]));
    const skippedLeaves: SkippedLeaf[] = [];
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
        const current = await new LeafStagesRepository(tx).findForUpdate(cycleId, i.unitId, i.leafCode);
        if (current?.proposedPoints != null) {
          skippedLeaves.push({ unitId: i.unitId, unitName, leafCode: i.leafCode });
          continue;
        }
        const existing = await this.a.lockRow(tx, cycleId, i.unitId, i.leafCode, i.revision);
        if (!explanations.has(i.unitId)) explanations.set(i.unitId, await this.a.stageOf(tx, cycleId, i.unitId, 'explanation'));
        const locked = proposalLocked(cycle, i.leafCode, unitName, explanations.get(i.unitId)!, existing?.response ?? null);
        if (locked) throw new AppError('CONFLICT', locked);
        if (!existing?.selfPoints) throw new AppError('VALIDATION', `Tiêu chí ${i.leafCode} (${unitName}): đơn vị chưa tự chấm, không thể chấp nhận điểm tự chấm.`);
        // The self score came from the engine, but possibly under an earlier rubric version.
        pointsOfEntry(leaf, rubric.doc.settings, { points: existing.selfPoints }, existing.inputs);
        await this.a.writeRow(tx, cycleId, i.unitId, i.leafCode, existing, { proposedPoints: existing.selfPoints, proposedReason: null, proposedBy: actor.id, proposedAt: new Date() }, actor);
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
}


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
