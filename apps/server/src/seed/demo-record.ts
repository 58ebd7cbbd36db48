/**
 * What the demo seed created, kept in `app_settings` under the key `demo`, so that
 * `parindex demo remove` deletes the demo province and nothing else. The rows owned by a demo
 * cycle (cycle units, scores, evidence, results, publications, questionnaires and their
 * responses, remediation plans…) are found through the cycle; the record lists the rest.
 *
 * The record is the difference between the ids present before and after the seed, taken in the
 * seed's own transaction: whatever the seed comes to create later is recorded without a change
 * here, as long as its table is listed in `snapshot`.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { announcements, appSettings, cycles, externalIndexResults, externalIndexTargets, questionnaires, rubricVersions, unitLineage, units, users } from '../db/schema.ts';

export const DEMO_SETTING_KEY = 'demo';

/** A national-index target (keyed by index and year) as the seed wrote it: removed only while unchanged. */
export interface DemoTarget {
  indexCode: string;
  year: number;
  fingerprint: string;
}

export interface DemoRecord {
  version: 1;
  seededAt: string;
  units: string[];
  unitLineage: string[];
  rubricVersions: string[];
  cycles: string[];
  users: string[];
  /** Informational: they go with their cycle. */
  questionnaires: string[];
  /** id → the source the seed wrote; a row since overwritten with real figures (another source) is kept. */
  externalIndexResults: { id: string; source: string | null }[];
  externalIndexTargets: DemoTarget[];
  announcements: string[];
}

export interface Snapshot {
  units: Set<string>;
  unitLineage: Set<string>;
  rubricVersions: Set<string>;
  cycles: Set<string>;
  users: Set<string>;
  questionnaires: Set<string>;
  externalIndexResults: Map<string, string | null>;
  externalIndexTargets: Map<string, DemoTarget>;
  announcements: Set<string>;
}

const ids = async (rows: Promise<{ id: string }[]>) => new Set((await rows).map((r) => r.id));

export const targetFingerprint = (t: { targetRank: number | null; targetValue: string | null; note: string | null }) => JSON.stringify([t.targetRank, t.targetValue, t.note]);
const targetKey = (t: { indexCode: string; year: number }) => `${t.indexCode}/${t.year}`;

/** The ids of every table the seed writes outside its cycles. */
export async function snapshot(db: Db): Promise<Snapshot> {
  const targets = await db.select().from(externalIndexTargets);
  return {
    units: await ids(db.select({ id: units.id }).from(units)),
    unitLineage: await ids(db.select({ id: unitLineage.id }).from(unitLineage)),
    rubricVersions: await ids(db.select({ id: rubricVersions.id }).from(rubricVersions)),
    cycles: await ids(db.select({ id: cycles.id }).from(cycles)),
    users: await ids(db.select({ id: users.id }).from(users)),
    questionnaires: await ids(db.select({ id: questionnaires.id }).from(questionnaires)),
    externalIndexResults: new Map((await db.select({ id: externalIndexResults.id, source: externalIndexResults.source }).from(externalIndexResults)).map((r) => [r.id, r.source])),
    externalIndexTargets: new Map(targets.map((t) => [targetKey(t), { indexCode: t.indexCode, year: t.year, fingerprint: targetFingerprint(t) }])),
    announcements: await ids(db.select({ id: announcements.id }).from(announcements)),
  };
}

/** What is in `after` and was not in `before`. */
export function recordOf(before: Snapshot, after: Snapshot, seededAt = new Date()): DemoRecord {
  const added = (b: Set<string>, a: Set<string>) => [...a].filter((id) => !b.has(id));
  return {
    version: 1,
    seededAt: seededAt.toISOString(),
    units: added(before.units, after.units),
    unitLineage: added(before.unitLineage, after.unitLineage),
    rubricVersions: added(before.rubricVersions, after.rubricVersions),
    cycles: added(before.cycles, after.cycles),
    users: added(before.users, after.users),
    questionnaires: added(before.questionnaires, after.questionnaires),
    externalIndexResults: [...after.externalIndexResults].filter(([id]) => !before.externalIndexResults.has(id)).map(([id, source]) => ({ id, source })),
    externalIndexTargets: [...after.externalIndexTargets].filter(([key]) => !before.externalIndexTargets.has(key)).map(([, t]) => t),
    announcements: added(before.announcements, after.announcements),
  };
}

export async function saveDemoRecord(db: Db, record: DemoRecord): Promise<void> {
  await db
    .insert(appSettings)
    .values({ key: DEMO_SETTING_KEY, value: record })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: record, updatedAt: new Date() } });
}

export async function loadDemoRecord(db: Db): Promise<DemoRecord | undefined> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, DEMO_SETTING_KEY));
  const value = row?.value as Partial<DemoRecord> | undefined;
  if (!value || value.version !== 1) return undefined;
  return {
    version: 1,
    seededAt: String(value.seededAt ?? ''),
    units: value.units ?? [],
    unitLineage: value.unitLineage ?? [],
    rubricVersions: value.rubricVersions ?? [],
    cycles: value.cycles ?? [],
    users: value.users ?? [],
    questionnaires: value.questionnaires ?? [],
    externalIndexResults: value.externalIndexResults ?? [],
    externalIndexTargets: value.externalIndexTargets ?? [],
    announcements: value.announcements ?? [],
  };
}

/**
 * After `demo remove` the key holds `{ removedAt }` instead of the record: a later start with the
 * embedded database does not seed the demo again (`parindex demo seed` still does, when asked).
 */
export async function markDemoRemoved(db: Db, at = new Date()): Promise<void> {
  const value = { removedAt: at.toISOString() };
  await db
    .insert(appSettings)
    .values({ key: DEMO_SETTING_KEY, value })
    .onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: at } });
}

/** Whether the demo was removed from this database (then the start does not seed it again). */
export async function demoRemoved(db: Db): Promise<boolean> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, DEMO_SETTING_KEY));
  return typeof (row?.value as { removedAt?: unknown } | undefined)?.removedAt === 'string';
}
