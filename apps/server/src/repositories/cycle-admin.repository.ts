/**
 * The survey figures a stage change's checklist weighs (services/workflow/cycle-gate-facts.ts):
 * the cycle's questionnaires and when their responses last arrived.
 */
import { and, eq, gt, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { questionnaires, surveyResponses } from '../db/schema.ts';

export class CycleAdminRepository {
  constructor(private readonly db: Db) {}

  /** The ids of the cycle's questionnaires. */
  async listQuestionnaireIds(cycleId: string): Promise<string[]> {
    return (await this.db.select({ id: questionnaires.id }).from(questionnaires).where(eq(questionnaires.cycleId, cycleId))).map((q) => q.id);
  }

  /** When the newest response to these questionnaires arrived, or null. */
  async newestResponseAt(questionnaireIds: string[]): Promise<Date | null> {
    const [newest] = await this.db.select({ at: max(surveyResponses.receivedAt) }).from(surveyResponses).where(inArray(surveyResponses.questionnaireId, questionnaireIds));
    return newest?.at ?? null;
  }

  /** How many responses to these questionnaires arrived after `since`. */
  async countResponsesSince(questionnaireIds: string[], since: Date): Promise<number> {
    const [n] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(surveyResponses)
      .where(and(inArray(surveyResponses.questionnaireId, questionnaireIds), gt(surveyResponses.receivedAt, since)));
    return Number(n?.n ?? 0);
  }
}
