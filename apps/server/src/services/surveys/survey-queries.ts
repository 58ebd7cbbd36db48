/**
 * Reads shared by the survey use cases (survey.service.ts and its parts): a questionnaire by id,
 * the cycle's indexed rubric, and a questionnaire's responses in the engine's shape.
 */
import { createHash } from 'node:crypto';
import { AppError, type SurveyResponse } from '@parindex/contracts';
import { indexRubric } from '@parindex/engine';
import type { Db } from '../../db/database.ts';
import { type StoredResponse, SurveyResponseRepository } from '../../repositories/survey-response.repository.ts';
import { SurveyRepository } from '../../repositories/survey.repository.ts';
import { repositories } from '../repositories.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const collator = new Intl.Collator('vi');

export async function getQuestionnaire(db: Db, id: string) {
  const q = await new SurveyRepository(db).findQuestionnaire(id);
  if (!q) throw new AppError('NOT_FOUND', 'Không tìm thấy phiếu khảo sát.');
  return q;
}

export async function rubricOf(db: Db, cycleId: string) {
  const repos = repositories(db);
  const cycle = await repos.cycles.getById(cycleId);
  if (!cycle.rubricVersionId) throw new AppError('VALIDATION', 'Kỳ đánh giá này không có bộ chỉ số để gắn câu hỏi khảo sát.');
  return { cycle, rubric: indexRubric((await repos.rubrics.getVersion(cycle.rubricVersionId)).document) };
}

export async function responsesOf(db: Db, questionnaireIds: string[], includeExcluded = true): Promise<{ rows: StoredResponse[]; responses: SurveyResponse[] }> {
  if (questionnaireIds.length === 0) return { rows: [], responses: [] };
  const surveys = new SurveyRepository(db);
  const codeOf = new Map((await surveys.listCodes(questionnaireIds)).map((q) => [q.id, q.code]));
  const unitCode = new Map((await surveys.listUnitLabels()).map((u) => [u.id, u.code]));
  const rows = await new SurveyResponseRepository(db).listByQuestionnaires(questionnaireIds, includeExcluded);
  const responses = rows.map(
    (r): SurveyResponse => ({
      id: r.id,
      questionnaireCode: codeOf.get(r.questionnaireId)!,
      respondentGroup: r.respondentGroup,
      evaluatedUnitCode: r.unitId ? unitCode.get(r.unitId) : undefined,
      answers: r.answers,
      startedAt: r.startedAt?.toISOString(),
      submittedAt: r.submittedAt?.toISOString(),
      durationSeconds: r.durationSeconds ?? undefined,
      channel: r.channel as SurveyResponse['channel'],
    }),
  );
  return { rows, responses };
}
