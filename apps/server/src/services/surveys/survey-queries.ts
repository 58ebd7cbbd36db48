/**
 * Reads shared by the survey use cases (survey.service.ts and its parts): a questionnaire by id,
 * the cycle's indexed rubric, and a questionnaire's responses in the engine's shape.
 */
import { createHash } from 'node:crypto';
import { AppError, type SurveyResponse } from '@parindex/contracts';
import { indexRubric } from '@parindex/engine';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { questionnaires, surveyResponses, units } from '../../db/schema.ts';
import { repositories } from '../repositories.ts';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const collator = new Intl.Collator('vi');

export async function getQuestionnaire(db: Db, id: string) {
  const [q] = await db.select().from(questionnaires).where(eq(questionnaires.id, id));
  if (!q) throw new AppError('NOT_FOUND', 'Không tìm thấy phiếu khảo sát.');
  return q;
}

export async function rubricOf(db: Db, cycleId: string) {
  const repos = repositories(db);
  const cycle = await repos.cycles.getById(cycleId);
  if (!cycle.rubricVersionId) throw new AppError('VALIDATION', 'Kỳ đánh giá này không có bộ chỉ số để gắn câu hỏi khảo sát.');
  return { cycle, rubric: indexRubric((await repos.rubrics.getVersion(cycle.rubricVersionId)).document) };
}

export async function responsesOf(db: Db, questionnaireIds: string[], includeExcluded = true): Promise<{ rows: (typeof surveyResponses.$inferSelect)[]; responses: SurveyResponse[] }> {
  if (questionnaireIds.length === 0) return { rows: [], responses: [] };
  const qs = await db.select({ id: questionnaires.id, code: questionnaires.code }).from(questionnaires).where(inArray(questionnaires.id, questionnaireIds));
  const codeOf = new Map(qs.map((q) => [q.id, q.code]));
  const unitCode = new Map((await db.select({ id: units.id, code: units.code }).from(units)).map((u) => [u.id, u.code]));
  const rows = await db.select().from(surveyResponses).where(and(inArray(surveyResponses.questionnaireId, questionnaireIds), includeExcluded ? undefined : isNull(surveyResponses.excludedReason)));
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
