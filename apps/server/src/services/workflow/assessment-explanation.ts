/**
 * The unit's answer to the appraisers' proposals (giải trình): accept or explain leaf by leaf, then
 * the head sends it. Shared lookups and the race-safe row writes come from AssessmentService.
 */
import { AppError } from '@parindex/contracts';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { unproposedAssigned } from './appraisal-coverage.ts';
import type { SheetLeaf } from './assessment-sheet.ts';
import type { AssessmentService } from './assessment.service.ts';
import { audit } from './audit.ts';
import { explanationLocked, explanationSendLocked, type StageState } from './stage-rules.ts';

export class AssessmentExplanation {
  constructor(
    private readonly db: Db,
    private readonly a: AssessmentService,
  ) {}

  async respond(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, body: { response: 'accepted' | 'explained'; text?: string | null; revision: number }): Promise<SheetLeaf> {
    const { cycle } = await this.a.leafFor(cycleId, unitId, leafCode);
    const closed = explanationLocked(cycle);
    if (closed) throw new AppError('CONFLICT', closed);
    if (body.response === 'explained' && !body.text?.trim()) throw new AppError('VALIDATION', 'Hãy ghi nội dung giải trình.', [{ field: 'text', message: 'bắt buộc' }]);
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const locked = explanationLocked(cycle, await this.a.stageOf(tx, cycleId, unitId, 'explanation'));
      if (locked) throw new AppError('CONFLICT', locked);
      const existing = await this.a.lockRow(tx, cycleId, unitId, leafCode, body.revision);
      if (existing?.proposedPoints == null) throw new AppError('VALIDATION', `Tiêu chí ${leafCode} chưa có điểm đề xuất thẩm định để giải trình.`);
      await this.a.writeRow(tx, cycleId, unitId, leafCode, existing, { response: body.response, responseText: body.text?.trim() || null, respondedAt: new Date() }, actor);
      await audit(tx, actor, { action: 'explanation.respond', cycleId, unitId, subject: leafCode, before: { response: existing.response }, after: { response: body.response }, reason: body.text ?? null });
    });
    return this.a.sheetLeaf(cycleId, unitId, leafCode);
  }

  /**
   * The unit head sends the explanation. It ends the unit's appraisal (proposals lock), so it waits
   * until every assigned leaf of the unit has a proposal, or the appraisal deadline has passed —
   * then the leaves left without one go to the council (council-items.ts).
   */
  async submitExplanation(actor: SessionUser, cycleId: string, unitId: string): Promise<StageState> {
    const { cycle, rubric } = await this.a.cycleAndRubric(cycleId);
    // setStage refuses a second submission; here the stage and its deadline.
    const closed = explanationLocked(cycle);
    if (closed) throw new AppError('CONFLICT', closed);
    const unit = await this.a.unitInCycle(cycleId, unitId);
    const unproposed = (await unproposedAssigned(this.db, cycleId, rubric, unitId)).map((u) => u.leaf.code);
    const waiting = explanationSendLocked(cycle, unit.name, unproposed);
    if (waiting) throw new AppError('CONFLICT', waiting, unproposed.map((code) => ({ field: code, message: 'chưa có điểm đề xuất thẩm định' })), { unproposed });
    return this.a.setStage(actor, cycleId, unitId, 'explanation', 'submitted', null, 'explanation.submit');
  }
}
