/**
 * The survey responses of one questionnaire as CSV (UTF-8 with BOM), streamed in pages of
 * EXPORT_PAGE by id (keyset pagination on the (questionnaire, id) index): memory stays flat for
 * millions of rows. No respondent identity unless the survey is declared identified. Kept apart
 * from the survey service so an export process loads only what it needs. Every cell (free-text
 * answers above all) is neutralised against formula injection by stringifyCsv (io/csv-safe.ts).
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import { AppError } from '@parindex/contracts';
import type { Db } from '../../db/database.ts';
import { questionnaires, surveyResponses, units } from '../../db/schema.ts';
import { stringifyCsv } from '../../io/csv-safe.ts';

const EXPORT_PAGE = 2_000;

export async function* exportResponsesCsv(db: Db, questionnaireId: string): AsyncGenerator<string> {
  const [q] = await db.select().from(questionnaires).where(eq(questionnaires.id, questionnaireId));
  if (!q) throw new AppError('NOT_FOUND', 'Không tìm thấy phiếu khảo sát.');
  const questions = q.document.questions.map((x) => x.code);
  const unitCode = new Map((await db.select({ id: units.id, code: units.code }).from(units)).map((u) => [u.id, u.code]));
  const header = ['id', 'group', 'unit_code', 'channel', 'submitted_at', 'duration_seconds', 'excluded_reason', ...(q.identified ? ['respondent_name'] : []), ...questions];
  yield '\uFEFF' + stringifyCsv([header]);
  let after = '';
  for (;;) {
    const page = await db
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.questionnaireId, questionnaireId), gt(surveyResponses.id, after)))
      .orderBy(asc(surveyResponses.id))
      .limit(EXPORT_PAGE);
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
