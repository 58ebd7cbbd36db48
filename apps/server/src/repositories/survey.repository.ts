/**
 * Surveys: questionnaires, their one-time links (survey_tokens), sample plan (survey_targets) and
 * paper entries typed twice (survey_paper_entries). Responses are in survey-response.repository.ts,
 * the collection windows and desks in survey-window.repository.ts. Constructed over a transaction
 * when the caller's statements must commit together.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { questionnaires, surveyPaperEntries, surveyTargets, surveyTokens, units } from '../db/schema.ts';

export type QuestionnaireRow = typeof questionnaires.$inferSelect;
export type SurveyTokenRow = typeof surveyTokens.$inferSelect;
export type PaperEntryRow = typeof surveyPaperEntries.$inferSelect;

export class SurveyRepository {
  constructor(private readonly db: Db) {}

  // ---------- questionnaires ----------

  /** One questionnaire by id. */
  async findQuestionnaire(id: string): Promise<QuestionnaireRow | undefined> {
    const [row] = await this.db.select().from(questionnaires).where(eq(questionnaires.id, id));
    return row;
  }

  /** One questionnaire by its public code. */
  async findQuestionnaireByCode(code: string): Promise<QuestionnaireRow | undefined> {
    const [row] = await this.db.select().from(questionnaires).where(eq(questionnaires.code, code));
    return row;
  }

  /** The questionnaires whose id or code is `ref`. */
  async findQuestionnairesByIdOrCode(ref: string): Promise<QuestionnaireRow[]> {
    return this.db.select().from(questionnaires).where(sql`${questionnaires.id} = ${ref} or ${questionnaires.code} = ${ref}`);
  }

  /** Every questionnaire of the cycle, unordered or by code. */
  async listQuestionnaires(cycleId: string, opts: { byCode?: boolean } = {}): Promise<QuestionnaireRow[]> {
    const rows = this.db.select().from(questionnaires).where(eq(questionnaires.cycleId, cycleId));
    return opts.byCode ? rows.orderBy(questionnaires.code) : rows;
  }

  /** The documents of the cycle's questionnaires. */
  async listDocuments(cycleId: string): Promise<Pick<QuestionnaireRow, 'document'>[]> {
    return this.db.select({ document: questionnaires.document }).from(questionnaires).where(eq(questionnaires.cycleId, cycleId));
  }

  /** The cycle's questionnaires for the list page: everything but the cycle. */
  async listSummaries(cycleId: string) {
    return this.db
      .select({ id: questionnaires.id, code: questionnaires.code, kind: questionnaires.kind, document: questionnaires.document, open: questionnaires.open, opensOn: questionnaires.opensOn, closesOn: questionnaires.closesOn, closedAt: questionnaires.closedAt, identified: questionnaires.identified })
      .from(questionnaires)
      .where(eq(questionnaires.cycleId, cycleId));
  }

  /** Id and code of these questionnaires. */
  async listCodes(ids: string[]): Promise<{ id: string; code: string }[]> {
    return this.db.select({ id: questionnaires.id, code: questionnaires.code }).from(questionnaires).where(inArray(questionnaires.id, ids));
  }

  /** Adds a questionnaire; a unique violation (its code) reaches the caller. */
  async insertQuestionnaire(values: typeof questionnaires.$inferInsert): Promise<void> {
    await this.db.insert(questionnaires).values(values);
  }

  /** Id, code and name of every unit (responses keep unit ids; forms and files show codes and names). */
  async listUnitLabels(): Promise<{ id: string; code: string; name: string }[]> {
    return this.db.select({ id: units.id, code: units.code, name: units.name }).from(units);
  }

  // ---------- one-time links ----------

  /** The link with this token hash when it belongs to the questionnaire. */
  async findToken(tokenHash: string, questionnaireId: string): Promise<SurveyTokenRow | undefined> {
    const [row] = await this.db.select().from(surveyTokens).where(and(eq(surveyTokens.tokenHash, tokenHash), eq(surveyTokens.questionnaireId, questionnaireId)));
    return row;
  }

  /** The link with this token hash, locked (FOR UPDATE) until the transaction ends. */
  async lockToken(tokenHash: string): Promise<SurveyTokenRow | undefined> {
    const [row] = await this.db.select().from(surveyTokens).where(eq(surveyTokens.tokenHash, tokenHash)).for('update');
    return row;
  }

  /** Marks the link used, now, by this response. */
  async markTokenUsed(tokenHash: string, responseId: string): Promise<void> {
    await this.db.update(surveyTokens).set({ usedAt: new Date(), responseId }).where(eq(surveyTokens.tokenHash, tokenHash));
  }

  /** Adds links (one statement). */
  async insertTokens(rows: (typeof surveyTokens.$inferInsert)[]): Promise<void> {
    await this.db.insert(surveyTokens).values(rows);
  }

  // ---------- sample plan ----------

  /** Replaces the questionnaire's sample plan (delete, then insert): call it on a transaction. */
  async replaceTargets(questionnaireId: string, rows: (typeof surveyTargets.$inferInsert)[]): Promise<void> {
    await this.db.delete(surveyTargets).where(eq(surveyTargets.questionnaireId, questionnaireId));
    if (rows.length) await this.db.insert(surveyTargets).values(rows);
  }

  /** The questionnaire's sample plan with each unit's name. */
  async listTargetsWithUnit(questionnaireId: string) {
    return this.db
      .select({ unitId: surveyTargets.unitId, group: surveyTargets.respondentGroup, target: surveyTargets.target, transactions: surveyTargets.transactions, margin: surveyTargets.margin, name: units.name })
      .from(surveyTargets)
      .innerJoin(units, eq(units.id, surveyTargets.unitId))
      .where(eq(surveyTargets.questionnaireId, questionnaireId));
  }

  // ---------- paper entries ----------

  /** The entries of one paper form, locked (FOR UPDATE) until the transaction ends. */
  async lockPaperEntries(questionnaireId: string, serial: string): Promise<PaperEntryRow[]> {
    return this.db.select().from(surveyPaperEntries).where(and(eq(surveyPaperEntries.questionnaireId, questionnaireId), eq(surveyPaperEntries.serial, serial))).for('update');
  }

  /** Adds one entry of a paper form. */
  async insertPaperEntry(values: typeof surveyPaperEntries.$inferInsert): Promise<void> {
    await this.db.insert(surveyPaperEntries).values(values);
  }

  /** Serial, entry number and time of every paper entry of the questionnaire. */
  async listPaperEntries(questionnaireId: string): Promise<Pick<PaperEntryRow, 'serial' | 'entryNo' | 'enteredAt'>[]> {
    return this.db.select({ serial: surveyPaperEntries.serial, entryNo: surveyPaperEntries.entryNo, enteredAt: surveyPaperEntries.enteredAt }).from(surveyPaperEntries).where(eq(surveyPaperEntries.questionnaireId, questionnaireId));
  }
}
