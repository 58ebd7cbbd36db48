/**
 * The province's results in the national indices (external_index_results) and its targets for
 * them (external_index_targets), one of each per index and year.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { type EXTERNAL_INDICES, externalIndexResults, externalIndexTargets } from '../db/schema.ts';

type IndexCode = (typeof EXTERNAL_INDICES)[number];
export type ExternalIndexResultRow = typeof externalIndexResults.$inferSelect;
export type ExternalIndexTargetRow = typeof externalIndexTargets.$inferSelect;
export type NewExternalIndexResult = typeof externalIndexResults.$inferInsert;
/** The columns of a result besides its key (index, year) and id. */
export type ExternalIndexResultValues = Omit<typeof externalIndexResults.$inferInsert, 'id' | 'indexCode' | 'year'>;

export class ExternalIndexRepository {
  constructor(private readonly db: Db) {}

  /** Every result of every index and year, in no particular order. */
  async listResults(): Promise<ExternalIndexResultRow[]> {
    return this.db.select().from(externalIndexResults);
  }

  /** Every target of every index and year, in no particular order. */
  async listTargets(): Promise<ExternalIndexTargetRow[]> {
    return this.db.select().from(externalIndexTargets);
  }

  /** The result of one index in one year, or undefined. */
  async findResult(code: IndexCode, year: number): Promise<ExternalIndexResultRow | undefined> {
    const [row] = await this.db.select().from(externalIndexResults).where(and(eq(externalIndexResults.indexCode, code), eq(externalIndexResults.year, year)));
    return row;
  }

  /** Overwrites the values of a stored result. */
  async updateResult(id: string, values: ExternalIndexResultValues): Promise<void> {
    await this.db.update(externalIndexResults).set(values).where(eq(externalIndexResults.id, id));
  }

  /** Adds results (one or many, one statement). */
  async addResults(rows: NewExternalIndexResult | NewExternalIndexResult[]): Promise<void> {
    await this.db.insert(externalIndexResults).values(rows as NewExternalIndexResult[]);
  }

  /** Removes the target of an index in a year (if any). */
  async deleteTarget(code: IndexCode, year: number): Promise<void> {
    await this.db.delete(externalIndexTargets).where(and(eq(externalIndexTargets.indexCode, code), eq(externalIndexTargets.year, year)));
  }

  /** Adds targets (one or many, one statement). */
  async addTargets(rows: typeof externalIndexTargets.$inferInsert | (typeof externalIndexTargets.$inferInsert)[]): Promise<void> {
    await this.db.insert(externalIndexTargets).values(rows as (typeof externalIndexTargets.$inferInsert)[]);
  }
}
