/**
 * Survey responses (survey_responses): the batched insert the public form, imports and paper entry
 * share, the counts the survey pages show, exclusions, and the keyset pages of the CSV export.
 * Constructed over a transaction when the caller's statements must commit together.
 */
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { surveyResponses } from '../db/schema.ts';

export type ResponseRow = typeof surveyResponses.$inferInsert;
export type StoredResponse = typeof surveyResponses.$inferSelect;

export class SurveyResponseRepository {
  constructor(private readonly db: Db) {}

  /** Inserts rows (unnest arrays, one statement, ON CONFLICT (id) DO NOTHING); returns the ids actually inserted. */
  async insertMany(rows: ResponseRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const col = <T>(f: (r: ResponseRow) => T) => sql.param(rows.map(f));
    const result = (await this.db.execute(sql`
    insert into ${surveyResponses} (id, questionnaire_id, unit_id, respondent_group, channel, answers, started_at, submitted_at, duration_seconds, desk_code, dossier_hash, respondent_name)
    select t.id, t.q, t.u, t.g, t.c, t.a::jsonb, t.s::timestamptz, t.sub::timestamptz, t.d::int, t.desk, t.dh, t.rn
    from unnest(${col((r) => r.id)}::text[], ${col((r) => r.questionnaireId)}::text[], ${col((r) => r.unitId ?? null)}::text[], ${col((r) => r.respondentGroup)}::text[],
                ${col((r) => r.channel)}::text[], ${col((r) => JSON.stringify(r.answers))}::text[], ${col((r) => r.startedAt?.toISOString() ?? null)}::text[],
                ${col((r) => r.submittedAt?.toISOString() ?? null)}::text[], ${col((r) => (r.durationSeconds ?? null) === null ? null : String(r.durationSeconds))}::text[],
                ${col((r) => r.deskCode ?? null)}::text[], ${col((r) => r.dossierHash ?? null)}::text[], ${col((r) => r.respondentName ?? null)}::text[])
      as t(id, q, u, g, c, a, s, sub, d, desk, dh, rn)
    on conflict (id) do nothing
    returning id`)) as { rows: { id: string }[] };
    return new Set(result.rows.map((r) => r.id));
  }

  /** Refreshes the planner's statistics of the table (after a bulk load). */
  async analyze(): Promise<void> {
    await this.db.execute(sql`analyze ${surveyResponses}`);
  }

  /** One response by id. */
  async findById(id: string): Promise<StoredResponse | undefined> {
    const [row] = await this.db.select().from(surveyResponses).where(eq(surveyResponses.id, id));
    return row;
  }

  /** Whether a response with this id is stored (its id, or undefined). */
  async findId(id: string): Promise<{ id: string } | undefined> {
    const [row] = await this.db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.id, id));
    return row;
  }

  /** The response with this id when it belongs to the questionnaire (its id, or undefined). */
  async findIdInQuestionnaire(questionnaireId: string, id: string): Promise<{ id: string } | undefined> {
    const [row] = await this.db.select({ id: surveyResponses.id }).from(surveyResponses).where(and(eq(surveyResponses.id, id), eq(surveyResponses.questionnaireId, questionnaireId)));
    return row;
  }

  /** Serialises, until the transaction ends, the submissions of one dossier to one questionnaire (advisory lock). */
  async lockDossier(questionnaireId: string, dossierHash: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`dossier:${questionnaireId}:${dossierHash}`}))`);
  }

  /** The response already stored for this dossier of the questionnaire (its id, or undefined). */
  async findIdByDossier(questionnaireId: string, dossierHash: string): Promise<{ id: string } | undefined> {
    const [row] = await this.db.select({ id: surveyResponses.id }).from(surveyResponses).where(and(eq(surveyResponses.questionnaireId, questionnaireId), eq(surveyResponses.dossierHash, dossierHash)));
    return row;
  }

  /** Every response of these questionnaires, or only those not excluded. */
  async listByQuestionnaires(questionnaireIds: string[], includeExcluded = true): Promise<StoredResponse[]> {
    return this.db.select().from(surveyResponses).where(and(inArray(surveyResponses.questionnaireId, questionnaireIds), includeExcluded ? undefined : isNull(surveyResponses.excludedReason)));
  }

  /** Up to `limit` responses of the questionnaire with ids after `afterId`, by id (keyset page). */
  async pageAfter(questionnaireId: string, afterId: string, limit: number): Promise<StoredResponse[]> {
    return this.db
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.questionnaireId, questionnaireId), gt(surveyResponses.id, afterId)))
      .orderBy(asc(surveyResponses.id))
      .limit(limit);
  }

  /** Ids of the paper responses of the questionnaire. */
  async listPaperIds(questionnaireId: string): Promise<{ id: string }[]> {
    return this.db.select({ id: surveyResponses.id }).from(surveyResponses).where(and(eq(surveyResponses.questionnaireId, questionnaireId), eq(surveyResponses.channel, 'paper')));
  }

  /** Excludes a response with a reason, or restores it (reason null). */
  async setExclusion(id: string, excludedReason: string | null, excludedBy: string | null): Promise<void> {
    await this.db.update(surveyResponses).set({ excludedReason, excludedBy }).where(eq(surveyResponses.id, id));
  }

  /** Responses per questionnaire × desk (desk null for other channels). */
  async countByQuestionnaireAndDesk(questionnaireIds: string[]): Promise<{ q: string; desk: string | null; n: number }[]> {
    return this.db
      .select({ q: surveyResponses.questionnaireId, desk: surveyResponses.deskCode, n: sql<number>`count(*)::int` })
      .from(surveyResponses)
      .where(inArray(surveyResponses.questionnaireId, questionnaireIds))
      .groupBy(surveyResponses.questionnaireId, surveyResponses.deskCode);
  }

  /** Responses and excluded responses per questionnaire. */
  async countByQuestionnaire(questionnaireIds: string[]): Promise<{ q: string; n: number; excluded: number }[]> {
    return this.db
      .select({ q: surveyResponses.questionnaireId, n: sql<number>`count(*)::int`, excluded: sql<number>`count(${surveyResponses.excludedReason})::int` })
      .from(surveyResponses)
      .where(inArray(surveyResponses.questionnaireId, questionnaireIds))
      .groupBy(surveyResponses.questionnaireId);
  }

  /** Valid (not excluded) responses of the questionnaire per unit × respondent group. */
  async countValidByUnitAndGroup(questionnaireId: string): Promise<{ unitId: string | null; group: string; n: number }[]> {
    return this.db
      .select({ unitId: surveyResponses.unitId, group: surveyResponses.respondentGroup, n: sql<number>`count(*)::int` })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.questionnaireId, questionnaireId), isNull(surveyResponses.excludedReason)))
      .groupBy(surveyResponses.unitId, surveyResponses.respondentGroup);
  }
}
