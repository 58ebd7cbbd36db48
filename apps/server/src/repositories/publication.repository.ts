/**
 * The SQL of the publication store: rows of `publications`, one per published version of a cycle.
 * Rows are only ever inserted — a version, once written, is never updated or deleted.
 */
import type { CycleResultsDto } from '@parindex/contracts';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { publications } from '../db/schema.ts';

/** A stored version as read back; `results` is the raw document (see services/publication/publication-store.ts for its formats). */
export interface PublicationRow {
  cycleId: string;
  version: number;
  decisionNumber: string;
  decisionDate: string;
  reason: string | null;
  results: CycleResultsDto;
  publishedBy: string;
  publishedAt: Date;
}

export type PublicationHeader = Omit<PublicationRow, 'results'>;

export class PublicationRepository {
  constructor(private readonly db: Db) {}

  async latest(cycleId: string): Promise<PublicationRow | undefined> {
    const [row] = await this.db.select().from(publications).where(eq(publications.cycleId, cycleId)).orderBy(desc(publications.version)).limit(1);
    return row;
  }

  /** The latest version's number only (0 when the cycle was never published). */
  async latestVersion(cycleId: string): Promise<number> {
    const [row] = await this.db.select({ v: publications.version }).from(publications).where(eq(publications.cycleId, cycleId)).orderBy(desc(publications.version)).limit(1);
    return row?.v ?? 0;
  }

  async byVersion(cycleId: string, version: number): Promise<PublicationRow | undefined> {
    const [row] = await this.db.select().from(publications).where(and(eq(publications.cycleId, cycleId), eq(publications.version, version)));
    return row;
  }

  /** Every version of a cycle without its document, newest first. */
  async headers(cycleId: string): Promise<PublicationHeader[]> {
    return this.db
      .select({
        cycleId: publications.cycleId,
        version: publications.version,
        decisionNumber: publications.decisionNumber,
        decisionDate: publications.decisionDate,
        reason: publications.reason,
        publishedBy: publications.publishedBy,
        publishedAt: publications.publishedAt,
      })
      .from(publications)
      .where(eq(publications.cycleId, cycleId))
      .orderBy(desc(publications.version));
  }

  /** Appends a version; the primary key (cycle, version) refuses a second writer of the same number. */
  async append(row: Omit<PublicationRow, 'publishedAt'>): Promise<void> {
    await this.db.insert(publications).values(row);
  }
}
