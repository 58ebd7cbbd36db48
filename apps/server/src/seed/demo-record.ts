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
import type { Db } from '../db/database.ts';
import { DemoRepository } from '../repositories/demo.repository.ts';
import { SettingsRepository } from '../repositories/settings.repository.ts';

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

const ids = async (rows: Promise<string[]>) => new Set(await rows);

export const targetFingerprint = (t: { targetRank: number | null; targetValue: string | null; note: string | null }) => JSON.stringify([t.targetRank, t.targetValue, t.note]);
const targetKey = (t: { indexCode: string; year: number }) => `${t.indexCode}/${t.year}`;

/** The ids of every table the seed writes outside its cycles. */
export async function snapshot(db: Db): Promise<Snapshot> {
  const repo = new DemoRepository(db);
  const targets = await repo.listExternalIndexTargets();
  return {
    units: await ids(repo.listIds('units')),
    unitLineage: await ids(repo.listIds('unitLineage')),
    rubricVersions: await ids(repo.listIds('rubricVersions')),
    cycles: await ids(repo.listIds('cycles')),
    users: await ids(repo.listIds('users')),
    questionnaires: await ids(repo.listIds('questionnaires')),
    externalIndexResults: new Map((await repo.listExternalIndexSources()).map((r) => [r.id, r.source])),
    externalIndexTargets: new Map(targets.map((t) => [targetKey(t), { indexCode: t.indexCode, year: t.year, fingerprint: targetFingerprint(t) }])),
    announcements: await ids(repo.listIds('announcements')),
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
  await new SettingsRepository(db).put(DEMO_SETTING_KEY, record);
}

export async function loadDemoRecord(db: Db): Promise<DemoRecord | undefined> {
  const value = (await new SettingsRepository(db).get(DEMO_SETTING_KEY)) as Partial<DemoRecord> | undefined;
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
  await new SettingsRepository(db).put(DEMO_SETTING_KEY, value, at);
}

/** Whether the demo was removed from this database (then the start does not seed it again). */
export async function demoRemoved(db: Db): Promise<boolean> {
  const value = await new SettingsRepository(db).get(DEMO_SETTING_KEY);
  return typeof (value as { removedAt?: unknown } | undefined)?.removedAt === 'string';
}
