/** Reviewing responses: quality flags (likely duplicates, straight-lining, too fast) and exclusions with a reason. */
import { AppError, type SurveyExclusionResult, type SurveyQualityFlag } from '@parindex/contracts';
import { checkResponseQuality } from '@parindex/engine';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { SurveyResponseRepository } from '../../repositories/survey-response.repository.ts';
import { audit } from '../workflow/audit.ts';
import { getQuestionnaire, responsesOf } from './survey-queries.ts';
import { assertSurveyResultsOpen } from './survey-windows.ts';

export class SurveyReview {
  constructor(private readonly db: Db) {}

  async quality(questionnaireId: string): Promise<SurveyQualityFlag[]> {
    const q = await getQuestionnaire(this.db, questionnaireId);
    const { rows, responses } = await responsesOf(this.db, [questionnaireId]);
    const flags = checkResponseQuality([q.document], responses);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return flags.map((f) => ({ ...f, excludedReason: byId.get(f.responseId)?.excludedReason ?? null }));
  }

  async exclude(actor: SessionUser, responseId: string, reason: string | null): Promise<SurveyExclusionResult> {
    const r = await new SurveyResponseRepository(this.db).findById(responseId);
    if (!r) throw new AppError('NOT_FOUND', 'Không tìm thấy phiếu trả lời.');
    if (reason !== null && !reason.trim()) throw new AppError('VALIDATION', 'Hãy ghi lý do loại phiếu.', [{ field: 'reason', message: 'bắt buộc' }]);
    const q = await getQuestionnaire(this.db, r.questionnaireId);
    await assertSurveyResultsOpen(this.db, q.cycleId, reason === null ? 'khôi phục phiếu đã loại' : 'loại phiếu trả lời');
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await new SurveyResponseRepository(tx).setExclusion(responseId, reason?.trim() ?? null, reason ? actor.id : null);
      await audit(tx, actor, { action: reason ? 'survey.exclude' : 'survey.include', cycleId: q.cycleId, unitId: r.unitId, subject: responseId, before: { excludedReason: r.excludedReason }, after: { excludedReason: reason }, reason });
    });
    return { id: responseId, excludedReason: reason };
  }
}
