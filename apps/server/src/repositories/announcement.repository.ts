/**
 * Thông báo on the public portal (announcements).
 */
import { desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { announcements, cycles } from '../db/schema.ts';

export type AnnouncementRow = typeof announcements.$inferSelect;
/** Columns of an announcement to change. */
export type AnnouncementPatch = Partial<typeof announcements.$inferInsert>;

export class AnnouncementRepository {
  constructor(private readonly db: Db) {}

  /** Published announcements, newest publication first, at most `limit`. */
  async listPublished(limit: number): Promise<AnnouncementRow[]> {
    return this.db.select().from(announcements).where(isNotNull(announcements.publishedAt)).orderBy(desc(announcements.publishedAt)).limit(limit);
  }

  /** Every announcement, drafts included, newest first. */
  async listAll(): Promise<AnnouncementRow[]> {
    return this.db.select().from(announcements).orderBy(desc(announcements.createdAt));
  }

  /** One announcement, or undefined. */
  async findById(id: string): Promise<AnnouncementRow | undefined> {
    const [row] = await this.db.select().from(announcements).where(eq(announcements.id, id));
    return row;
  }

  /** Whether the cycle an announcement would link to exists. */
  async cycleExists(cycleId: string): Promise<boolean> {
    const [cycle] = await this.db.select({ id: cycles.id }).from(cycles).where(eq(cycles.id, cycleId));
    return cycle !== undefined;
  }

  /** Adds an announcement and returns its row. */
  async add(row: typeof announcements.$inferInsert): Promise<AnnouncementRow> {
    const [saved] = await this.db.insert(announcements).values(row).returning();
    return saved!;
  }

  /** Changes the given columns of an announcement and returns its row. */
  async patch(id: string, set: AnnouncementPatch): Promise<AnnouncementRow> {
    const [row] = await this.db.update(announcements).set(set).where(eq(announcements.id, id)).returning();
    return row!;
  }
}
