/**
 * What stops `parindex demo remove`: real data that references the demo province. Real data is
 * whatever the demo seed did not create (demo-record.ts): a real account, a real cycle, and
 * everything written by a real account. Removing the demo must never take real data with it, nor
 * leave real rows pointing at deleted ones, so each finding is named and the removal refused.
 */
import { and, count, eq, inArray, isNotNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';
import {
  announcements,
  appraiserAssignments,
  auditLog,
  cycleUnits,
  cycles,
  evidenceDocuments,
  leafScores,
  publications,
  questionnaires,
  remediationActions,
  surveyDesks,
  surveyPaperEntries,
  surveyResponses,
  surveyTargets,
  surveyTokens,
  unitLineage,
  unitStages,
  units,
  users,
} from '../db/schema.ts';
import type { DemoRecord } from './demo-record.ts';

/** One kind of real data referencing the demo, with a few examples. */
export interface DemoReference {
  what: string;
  count: number;
  examples: string[];
}

export const anyOf = (column: PgColumn, ids: readonly string[]): SQL => (ids.length ? inArray(column, [...ids]) : sql`false`);
export const noneOf = (column: PgColumn, ids: readonly string[]): SQL => (ids.length ? notInArray(column, [...ids]) : sql`true`);

const EXAMPLES = 5;
const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];

/** Rows written by someone, scoped to the demo's cycles or to real ones. */
interface Written {
  label: string;
  find: (db: Db, by: (c: PgColumn) => SQL, scope: 'demo' | 'real') => Promise<WrittenBy>;
}

/** How many rows, and the ids of who wrote them. */
interface WrittenBy {
  n: number;
  writers: string[];
}

export async function findRealReferences(db: Db, rec: DemoRecord): Promise<DemoReference[]> {
  const U = rec.units;
  const C = rec.cycles;
  const S = rec.users;
  const out: DemoReference[] = [];
  const add = (what: string, n: number, examples: string[]) => {
    if (n > 0) out.push({ what, count: n, examples: examples.slice(0, EXAMPLES) });
  };

  // Real accounts of a demo unit.
  const accounts = await db.select({ username: users.username, unit: units.name }).from(users).innerJoin(units, eq(units.id, users.unitId)).where(and(anyOf(users.unitId, U), noneOf(users.id, S)));
  add('Tài khoản thật gắn với đơn vị minh họa', accounts.length, accounts.map((a) => `${a.username} (${a.unit})`));

  // Real cycles using demo units or a demo rubric version.
  const members = await db
    .select({ name: cycles.name, n: count() })
    .from(cycleUnits)
    .innerJoin(cycles, eq(cycles.id, cycleUnits.cycleId))
    .where(and(anyOf(cycleUnits.unitId, U), noneOf(cycleUnits.cycleId, C)))
    .groupBy(cycles.id, cycles.name);
  add('Kỳ đánh giá thật dùng đơn vị minh họa', members.length, members.map((m) => `${m.name} (${m.n} đơn vị)`));
  const rubricUsers = await db.select({ name: cycles.name }).from(cycles).where(and(anyOf(cycles.rubricVersionId, rec.rubricVersions), noneOf(cycles.id, C)));
  add('Kỳ đánh giá thật dùng bộ chỉ số minh họa', rubricUsers.length, rubricUsers.map((c) => c.name));

  // Real questionnaires (of real cycles) and remediation plans naming a demo unit.
  const realQuestionnaires = db.select({ id: questionnaires.id }).from(questionnaires).where(noneOf(questionnaires.cycleId, C));
  const surveyRefs: string[] = [];
  let surveyCount = 0;
  for (const t of [surveyTargets, surveyDesks, surveyTokens]) {
    const rows = await db
      .select({ code: questionnaires.code, n: count() })
      .from(t)
      .innerJoin(questionnaires, eq(questionnaires.id, t.questionnaireId))
      .where(and(anyOf(t.unitId, U), inArray(t.questionnaireId, realQuestionnaires)))
      .groupBy(questionnaires.code);
    for (const r of rows) {
      surveyCount += Number(r.n);
      surveyRefs.push(r.code);
    }
  }
  add('Phiếu khảo sát thật (cỡ mẫu, quầy, đường dẫn) nhắm vào đơn vị minh họa', surveyCount, distinct(surveyRefs));
  const plans = await db.select({ unit: units.name }).from(remediationActions).innerJoin(units, eq(units.id, remediationActions.unitId)).where(and(anyOf(remediationActions.unitId, U), noneOf(remediationActions.cycleId, C)));
  add('Kế hoạch khắc phục của kỳ thật cho đơn vị minh họa', plans.length, distinct(plans.map((p) => p.unit)));

  // Lineage between a demo unit and a real one.
  const links = await db
    .select({ id: unitLineage.id, predecessor: unitLineage.predecessorId, successor: unitLineage.successorId })
    .from(unitLineage)
    .where(or(and(anyOf(unitLineage.predecessorId, U), noneOf(unitLineage.successorId, U)), and(anyOf(unitLineage.successorId, U), noneOf(unitLineage.predecessorId, U))));
  if (links.length) {
    const ids = distinct(links.flatMap((l) => [l.predecessor, l.successor]));
    const names = new Map((await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids))).map((u) => [u.id, u.name]));
    add('Quan hệ sáp nhập giữa đơn vị minh họa và đơn vị thật', links.length, links.map((l) => `${names.get(l.predecessor) ?? l.predecessor} → ${names.get(l.successor) ?? l.successor}`));
  }

  // Who wrote what: real accounts inside the demo's cycles, demo accounts outside them.
  const realIds = db.select({ id: users.id }).from(users).where(noneOf(users.id, S));
  const names = new Map((await db.select({ id: users.id, username: users.username }).from(users)).map((u) => [u.id, u.username]));
  for (const w of written(rec)) {
    const byReal = await w.find(db, (c) => inArray(c, realIds), 'demo');
    add(`Dữ liệu do tài khoản thật nhập vào dữ liệu minh họa — ${w.label}`, byReal.n, byReal.writers.map((id) => names.get(id) ?? id));
    const byDemo = await w.find(db, (c) => anyOf(c, S), 'real');
    add(`Dữ liệu thật do tài khoản minh họa nhập — ${w.label}`, byDemo.n, byDemo.writers.map((id) => names.get(id) ?? id));
  }
  return out;
}

/** Tables whose rows name their writer (an account id), scoped to demo or real cycles. */
function written(rec: DemoRecord): Written[] {
  const C = rec.cycles;
  const byCycle = (label: string, table: typeof leafScores | typeof evidenceDocuments | typeof unitStages | typeof publications | typeof appraiserAssignments, writers: PgColumn[]): Written => ({
    label,
    find: (db, by, scope) => writtenBy(db, table, writers, scope === 'demo' ? anyOf(table.cycleId, C) : noneOf(table.cycleId, C), by),
  });
  const byQuestionnaire = (label: string, table: typeof surveyPaperEntries | typeof surveyResponses, writer: PgColumn): Written => ({
    label,
    find: (db, by, scope) => {
      const qs = db.select({ id: questionnaires.id }).from(questionnaires).where(scope === 'demo' ? anyOf(questionnaires.cycleId, C) : noneOf(questionnaires.cycleId, C));
      return writtenBy(db, table, [writer], inArray(table.questionnaireId, qs), by);
    },
  });
  return [
    byCycle('điểm các tiêu chí', leafScores, [leafScores.updatedBy, leafScores.proposedBy, leafScores.councilBy]),
    byCycle('tài liệu kiểm chứng', evidenceDocuments, [evidenceDocuments.uploadedBy]),
    byCycle('trạng thái nộp/trả của đơn vị', unitStages, [unitStages.changedBy]),
    byCycle('bản công bố kết quả', publications, [publications.publishedBy]),
    byCycle('phân công thẩm định', appraiserAssignments, [appraiserAssignments.userId]),
    byQuestionnaire('phiếu giấy đã nhập', surveyPaperEntries, surveyPaperEntries.enteredBy),
    byQuestionnaire('phiếu khảo sát đã loại', surveyResponses, surveyResponses.excludedBy),
    {
      label: 'nhật ký thao tác',
      find: (db, by, scope) =>
        writtenBy(db, auditLog, [auditLog.userId], scope === 'demo' ? or(anyOf(auditLog.cycleId, C), anyOf(auditLog.unitId, rec.units))! : and(isNotNull(auditLog.cycleId), noneOf(auditLog.cycleId, C))!, by),
    },
    {
      label: 'thông báo trên cổng',
      find: async (db, by, scope) => (scope === 'demo' ? { n: 0, writers: [] } : writtenBy(db, announcements, [announcements.createdBy], noneOf(announcements.id, rec.announcements), by)),
    },
  ];
}

/** Rows in scope written by someone `by` selects, in any of the writer columns (a leaf score names up to three). */
async function writtenBy(db: Db, table: PgTable, writers: PgColumn[], inScope: SQL, by: (c: PgColumn) => SQL): Promise<WrittenBy> {
  const [total] = await db.select({ n: count() }).from(table).where(and(inScope, or(...writers.map(by))));
  const n = Number(total?.n ?? 0);
  if (n === 0) return { n, writers: [] };
  const ids: (string | null)[] = [];
  for (const w of writers) ids.push(...(await db.selectDistinct({ by: w }).from(table).where(and(inScope, by(w)))).map((r) => r.by as string | null));
  return { n, writers: distinct(ids) };
}

/** The refusal's text: one line per kind, with examples. */
export function referencesText(refs: DemoReference[]): string {
  return refs.map((r) => `- ${r.what}: ${r.count} (${r.examples.join('; ')}${r.count > r.examples.length && r.examples.length ? '; …' : ''})`).join('\n');
}
