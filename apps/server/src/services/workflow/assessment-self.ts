/**
 * Self-assessment (tự đánh giá): the unit saves its raw inputs leaf by leaf (the engine gives the
 * points), evidence re-scores leaves that require it, the head submits the sheet and the
 * secretariat may return it. Shared lookups and the race-safe row writes come from AssessmentService.
 */
import { AppError, type LeafInputs } from '@parindex/contracts';
import { checkLeafInputs, evaluateLeaf, toExact } from '@parindex/engine';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { EvidenceRepository } from '../../repositories/evidence.repository.ts';
import { LeafStagesRepository } from '../../repositories/leaf-stages.repository.ts';
import type { SheetLeaf } from './assessment-sheet.ts';
import type { AssessmentService } from './assessment.service.ts';
import { audit } from './audit.ts';
import type { Notifier } from './notifier.ts';
import { selfLocked, type StageState } from './stage-rules.ts';

const isMissing = (m: string) => / chưa (nhập|chọn) /.test(m);

export class AssessmentSelf {
  constructor(
    private readonly db: Db,
    private readonly notifier: Notifier,
    private readonly a: AssessmentService,
  ) {}

  /** Saves a unit's raw inputs and note for a leaf; the engine gives the points. Incomplete inputs are kept as a draft. */
  async saveSelf(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, body: { inputs: LeafInputs; note?: string | null; revision: number }): Promise<SheetLeaf> {
    const { cycle, rubric, leaf } = await this.a.leafFor(cycleId, unitId, leafCode);
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
      const locked = selfLocked(cycle, await this.a.stageOf(tx, cycleId, unitId, 'self'));
      if (locked) throw new AppError('CONFLICT', locked);
      const existing = await this.a.lockRow(tx, cycleId, unitId, leafCode, body.revision);
      const hasEvidence = await this.hasEvidence(tx, cycleId, unitId, leafCode);
      const complete = problems.length === 0;
      const selfPoints = complete ? toExact(evaluateLeaf(leaf, { ...inputs, hasEvidence }, rubric.doc.settings).points) : null;
      const before = existing ? { inputs: existing.inputs, selfPoints: existing.selfPoints, note: existing.selfNote } : null;
      await this.a.writeRow(tx, cycleId, unitId, leafCode, existing, { inputs: { ...inputs, hasEvidence }, selfPoints, selfNote: body.note ?? existing?.selfNote ?? null }, actor);
      await audit(tx, actor, { action: 'self.save', cycleId, unitId, subject: leafCode, before, after: { inputs, selfPoints, note: body.note ?? null } });
    });
    return this.a.sheetLeaf(cycleId, unitId, leafCode);
  }

  private async hasEvidence(tx: Db, cycleId: string, unitId: string, leafCode: string): Promise<boolean> {
    return (await new EvidenceRepository(tx).countForLeaf(cycleId, unitId, leafCode)) > 0;
  }

  /** Re-evaluates the self points after evidence was linked or removed (required evidence changes the score). */
  async refreshEvidence(tx: Db, actor: SessionUser, cycleId: string, unitId: string, leafCode: string): Promise<void> {
    const { cycle, rubric, leaf } = await this.a.leafFor(cycleId, unitId, leafCode, tx);
    // Evidence added after submission supports the explanation; it never changes the self-assessed score.
    if (selfLocked(cycle, await this.a.stageOf(tx, cycleId, unitId, 'self')) !== null) return;
    const row = await new LeafStagesRepository(tx).findForUpdate(cycleId, unitId, leafCode);
    const hasEvidence = await this.hasEvidence(tx, cycleId, unitId, leafCode);
    const inputs = { ...(row?.inputs ?? {}), hasEvidence };
    const complete = checkLeafInputs(leaf, inputs).length === 0;
    const selfPoints = complete ? toExact(evaluateLeaf(leaf, inputs, rubric.doc.settings).points) : null;
    if (row && row.selfPoints === selfPoints && row.inputs.hasEvidence === hasEvidence) return;
    await this.a.writeRow(tx, cycleId, unitId, leafCode, row, { inputs, selfPoints }, actor);
    if (row?.selfPoints !== selfPoints) await audit(tx, actor, { action: 'self.evidence', cycleId, unitId, subject: leafCode, before: { selfPoints: row?.selfPoints ?? null }, after: { selfPoints, hasEvidence } });
  }

  /** The unit head submits the self-assessment: it is locked until the secretariat returns it. */
  async submitSelf(actor: SessionUser, cycleId: string, unitId: string): Promise<StageState> {
    const sheet = await this.a.sheet(cycleId, unitId);
    if (sheet.cycle.status !== 'open') throw new AppError('CONFLICT', 'Kỳ đánh giá không ở giai đoạn tự đánh giá.');
    const missing = sheet.leaves.filter((l) => l.source === 'appraised' && l.selfPoints === null);
    if (missing.length)
      throw new AppError('VALIDATION', `Còn ${missing.length} tiêu chí chưa tự chấm đủ: ${missing.slice(0, 8).map((l) => l.code).join(', ')}${missing.length > 8 ? '…' : ''}.`, missing.map((l) => ({ field: l.code, message: 'chưa tự chấm' })));
    const state = await this.a.setStage(actor, cycleId, unitId, 'self', 'submitted', null, 'self.submit');
    await this.notifier.quietly(() => this.notifier.toRoles(['secretariat'], `${sheet.unit.name} đã gửi kết quả tự đánh giá (${sheet.cycle.name}).`, `/work/cycles/${cycleId}/board`));
    return state;
  }

  /** The secretariat returns a submitted sheet with its reason; the unit may fix and resubmit it, even after the self deadline. */
  async returnSelf(actor: SessionUser, cycleId: string, unitId: string, reason: string): Promise<StageState> {
    const { cycle } = await this.a.cycleAndRubric(cycleId);
    // Once appraisal has begun the scores are under review: a returned sheet could not be edited anyway.
    if (cycle.status !== 'open') throw new AppError('CONFLICT', 'Chỉ trả lại kết quả tự đánh giá khi kỳ đánh giá đang ở giai đoạn tự đánh giá.');
    const current = await this.a.stageOf(this.db, cycleId, unitId, 'self');
    if (current.status !== 'submitted') throw new AppError('CONFLICT', 'Đơn vị chưa gửi kết quả tự đánh giá nên không có gì để trả lại.');
    const state = await this.a.setStage(actor, cycleId, unitId, 'self', 'returned', reason, 'self.return');
    await this.notifier.quietly(() =>
      this.notifier.toUnits([unitId], `Sở Nội vụ trả lại kết quả tự đánh giá (${cycle.name}): ${reason.trim()} Hãy sửa và gửi lại.`, `/work/cycles/${cycleId}/units/${unitId}`),
    );
    return state;
  }
}
