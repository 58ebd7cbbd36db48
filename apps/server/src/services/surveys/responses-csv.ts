/**
 * The survey responses of one questionnaire as CSV (UTF-8 with BOM), streamed in pages of
 * EXPORT_PAGE by id (keyset pagination on the (questionnaire, id) index): memory stays flat for
 * millions of rows. No respondent identity unless the survey is declared identified. Kept apart
 * from the survey service so an export process loads only what it needs. Every cell (free-text
 * answers above all) is neutralised against formula injection by stringifyCsv (io/csv-safe.ts).
 */
import { AppError } from '@parindex/contracts';
import type { Db } from '../../db/database.ts';
import { SurveyResponseRepository } from '../../repositories/survey-response.repository.ts';
import { SurveyRepository } from '../../repositories/survey.repository.ts';
import { stringifyCsv } from '../../io/csv-safe.ts';

const EXPORT_PAGE = 2_000;

export async function* exportResponsesCsv(db: Db, questionnaireId: string): AsyncGenerator<string> {
  const surveys = new SurveyRepository(db);
  const q = await surveys.findQuestionnaire(questionnaireId);
  if (!q) throw new AppError('NOT_FOUND', 'Không tìm thấy phiếu khảo sát.');
  const questions = q.document.questions.map((x) => x.code);
  const unitCode = new Map((await surveys.listUnitLabels()).map((u) => [u.id, u.code]));
  const responses = new SurveyResponseRepository(db);
  const header = ['id', 'group', 'unit_code', 'channel', 'submitted_at', 'duration_seconds', 'excluded_reason', ...(q.identified ? ['respondent_name'] : []), ...questions];
  yield '\uFEFF' + stringifyCsv([header]);
  let after = '';
  for (;;) {
    const page = await responses.pageAfter(questionnaireId, after, EXPORT_PAGE);
    if (page.length === 0) break;
    yield stringifyCsv(
      page.map((r) => [
        r.id,
        r.respondentGroup,
        r.unitId ? unitCode.get(r.unitId) : '',
        r.channel,
        r.submittedAt?.toISOString() ?? '',
        r.durationSeconds ?? '',
        r.excludedReason ?? '',
        ...(q.identified ? [r.respondentName ?? ''] : []),
        ...questions.map((c) => {
          const a = r.answers[c];
          return Array.isArray(a) ? a.join(';') : (a ?? '');
        }),
      ]),
    );
    if (page.length < EXPORT_PAGE) break;
    after = page[page.length - 1].id;
  }
}
