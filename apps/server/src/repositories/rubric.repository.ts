/**
 * Rubric versions (phiên bản bộ chỉ số). A version is never edited: saving a changed rubric
 * inserts the next version of its code, so a cycle computed on version 2 stays reproducible
 * after version 3 is issued (a province replaced its rubric twice inside one cycle in 2025).
 */
import { AppError, type RubricDocument } from '@parindex/contracts';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rubricVersions } from '../db/schema.ts';
import { newId, pgErrorOf, SqlState } from '../db/sql-helpers.ts';

export type RubricVersion = typeof rubricVersions.$inferSelect;
/** A version as listed: without its (large) document. */
export type RubricVersionSummary = Omit<RubricVersion, 'document'>;

/** Two saves of the same code at once both compute the same next number; the loser retries. */
const INSERT_ATTEMPTS = 5;

const summaryColumns = {
  id: rubricVersions.id,
  code: rubricVersions.code,
  version: rubricVersions.version,
  year: rubricVersions.year,
  name: rubricVersions.name,
  createdAt: rubricVersions.createdAt,
};

export class RubricRepository {
  constructor(private readonly db: Db) {}

  /** Stores the document as the next version of its code (1 for a new code). */
  async insertVersion(doc: RubricDocument): Promise<RubricVersion> {
    for (let attempt = 1; ; attempt++) {
      try {
        const [row] = await this.db
          .insert(rubricVersions)
          .values({
            id: newId(),
            code: doc.code,
            version: sql`(select coalesce(max(${rubricVersions.version}), 0) + 1 from ${rubricVersions} where ${rubricVersions.code} = ${doc.code})`,
            year: doc.year,
            name: doc.name,
            document: doc,
          })
          .returning();
        return row;
      } catch (err) {
        if (pgErrorOf(err)?.code !== SqlState.uniqueViolation || attempt >= INSERT_ATTEMPTS) throw err;
      }
    }
  }

  async getVersion(id: string): Promise<RubricVersion> {
    const [row] = await this.db.select().from(rubricVersions).where(eq(rubricVersions.id, id));
    if (!row) throw new AppError('NOT_FOUND', `Không tìm thấy phiên bản bộ chỉ số (mã nội bộ ${id}). Hãy chọn lại bộ chỉ số.`);
    return row;
  }

  async findVersion(code: string, version: number): Promise<RubricVersion | undefined> {
    const [row] = await this.db
      .select()
      .from(rubricVersions)
      .where(and(eq(rubricVersions.code, code), eq(rubricVersions.version, version)));
    return row;
  }

  /** The newest version of a rubric code, if any. */
  async findLatest(code: string): Promise<RubricVersion | undefined> {
    const [row] = await this.db
      .select()
      .from(rubricVersions)
      .where(eq(rubricVersions.code, code))
      .orderBy(desc(rubricVersions.version))
      .limit(1);
    return row;
  }

  /** Every version, newest year first, then by code and newest version. */
  async list(): Promise<RubricVersionSummary[]> {
    return this.db
      .select(summaryColumns)
      .from(rubricVersions)
      .orderBy(desc(rubricVersions.year), sql`${rubricVersions.code} collate "C"`, desc(rubricVersions.version));
  }
}
