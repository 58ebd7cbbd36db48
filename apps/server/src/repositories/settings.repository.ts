/**
 * Installation-wide settings (app_settings): one JSON value per key.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { appSettings } from '../db/schema.ts';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  /** The value stored under `key`, or undefined when there is none. */
  async get(key: string): Promise<unknown> {
    const [row] = await this.db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
    return row?.value;
  }

  /** Stores `value` under `key`, replacing the value there and stamping it `updatedAt`. */
  async put(key: string, value: unknown, updatedAt = new Date()): Promise<void> {
    await this.db
      .insert(appSettings)
      .values({ key, value })
      .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt } });
  }
}
