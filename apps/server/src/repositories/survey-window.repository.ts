/**
 * Collection windows of surveys (the open flag and dates of questionnaires and their kiosk desks)
 * and the desks themselves (survey_desks). Constructed over a transaction when the caller's
 * statements must commit together.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { cycles, questionnaires, surveyDesks, units } from '../db/schema.ts';

export type SurveyDeskRow = typeof surveyDesks.$inferSelect;

/** A window as stored: the open flag (a desk's `active`) and the dates. */
export interface StoredWindow {
  open: number;
  opensOn: string | null;
  closesOn: string | null;
  closedAt: Date | null;
}

export class SurveyWindowRepository {
  constructor(private readonly db: Db) {}

  /** A questionnaire's window and cycle status, with the window of the desk `deskCode` of it (nulls when none). */
  async findAcceptance(questionnaireId: string, deskCode: string | null | undefined) {
    const [row] = await this.db
      .select({
        open: questionnaires.open,
        opensOn: questionnaires.opensOn,
        closesOn: questionnaires.closesOn,
        closedAt: questionnaires.closedAt,
        status: cycles.status,
        deskName: surveyDesks.name,
        deskActive: surveyDesks.active,
        deskOpensOn: surveyDesks.opensOn,
        deskClosesOn: surveyDesks.closesOn,
        deskClosedAt: surveyDesks.closedAt,
      })
      .from(questionnaires)
      .innerJoin(cycles, eq(cycles.id, questionnaires.cycleId))
      .leftJoin(surveyDesks, and(eq(surveyDesks.code, deskCode ?? ''), eq(surveyDesks.questionnaireId, questionnaires.id)))
      .where(eq(questionnaires.id, questionnaireId));
    return row;
  }

  /** Closes, at `now`, every open questionnaire of the cycle; returns their codes. */
  async closeOpenQuestionnaires(cycleId: string, now: Date): Promise<{ code: string }[]> {
    return this.db.update(questionnaires).set({ open: 0, closedAt: now }).where(and(eq(questionnaires.cycleId, cycleId), eq(questionnaires.open, 1))).returning({ code: questionnaires.code });
  }

  /** Closes, at `now`, every active desk of the cycle's questionnaires; returns their codes. */
  async closeActiveDesks(cycleId: string, now: Date): Promise<{ code: string }[]> {
    const ids = this.db.select({ id: questionnaires.id }).from(questionnaires).where(eq(questionnaires.cycleId, cycleId));
    return this.db.update(surveyDesks).set({ active: 0, closedAt: now }).where(and(inArray(surveyDesks.questionnaireId, ids), eq(surveyDesks.active, 1))).returning({ code: surveyDesks.code });
  }

  /** Writes a questionnaire's window. */
  async setQuestionnaireWindow(id: string, w: StoredWindow): Promise<void> {
    await this.db.update(questionnaires).set({ open: w.open, opensOn: w.opensOn, closesOn: w.closesOn, closedAt: w.closedAt }).where(eq(questionnaires.id, id));
  }

  /** Writes a desk's window (its `open` is the desk's `active`). */
  async setDeskWindow(code: string, w: StoredWindow): Promise<void> {
    await this.db.update(surveyDesks).set({ active: w.open, opensOn: w.opensOn, closesOn: w.closesOn, closedAt: w.closedAt }).where(eq(surveyDesks.code, code));
  }

  /** One desk by its code. */
  async findDesk(code: string): Promise<SurveyDeskRow | undefined> {
    const [row] = await this.db.select().from(surveyDesks).where(eq(surveyDesks.code, code));
    return row;
  }

  /** Every desk of these questionnaires, unordered. */
  async listDesks(questionnaireIds: string[]): Promise<SurveyDeskRow[]> {
    return this.db.select().from(surveyDesks).where(inArray(surveyDesks.questionnaireId, questionnaireIds));
  }

  /** Every desk of these questionnaires with its unit's name, by code. */
  async listDesksWithUnit(questionnaireIds: string[]): Promise<{ d: SurveyDeskRow; unitName: string }[]> {
    return this.db.select({ d: surveyDesks, unitName: units.name }).from(surveyDesks).innerJoin(units, eq(units.id, surveyDesks.unitId)).where(inArray(surveyDesks.questionnaireId, questionnaireIds)).orderBy(surveyDesks.code);
  }

  /** The questionnaire's desks as the collection page lists them (with the unit's name), unordered. */
  async listDeskViews(questionnaireId: string) {
    return this.db
      .select({ code: surveyDesks.code, name: surveyDesks.name, unitId: surveyDesks.unitId, unitName: units.name, respondentGroup: surveyDesks.respondentGroup, requireDossier: surveyDesks.requireDossier, active: surveyDesks.active, opensOn: surveyDesks.opensOn, closesOn: surveyDesks.closesOn, closedAt: surveyDesks.closedAt })
      .from(surveyDesks)
      .innerJoin(units, eq(units.id, surveyDesks.unitId))
      .where(eq(surveyDesks.questionnaireId, questionnaireId));
  }

  /** Adds a desk. */
  async insertDesk(values: typeof surveyDesks.$inferInsert): Promise<void> {
    await this.db.insert(surveyDesks).values(values);
  }
}
