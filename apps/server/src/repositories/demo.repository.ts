/**
 * Bulk reads and deletes of the demo province (seed/demo-record.ts, demo-references.ts,
 * demo-remove.ts) and the seed's own bulk writes. `rec` lists what the demo seed created: its
 * units (U), cycles (C), accounts (S) and the rest; real data is whatever it does not list.
 */
import { and, count, eq, inArray, isNotNull, like, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database.ts';
import * as t from '../db/schema.ts';

/** What the demo seed created, as far as these queries need it. */
export interface DemoIds {
  units: string[];
  unitLineage: string[];
  rubricVersions: string[];
  cycles: string[];
  users: string[];
  announcements: string[];
}

/** Tables whose rows name the account that wrote them. */
export type WrittenSource = 'leaf_scores' | 'evidence_documents' | 'unit_stages' | 'publications' | 'appraiser_assignments' | 'survey_paper_entries' | 'survey_responses' | 'audit_log' | 'announcements';

const anyOf = (column: PgColumn, ids: readonly string[]): SQL => (ids.length ? inArray(column, [...ids]) : sql`false`);
const noneOf = (column: PgColumn, ids: readonly string[]): SQL => (ids.length ? notInArray(column, [...ids]) : sql`true`);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const ID_TABLES = { units: t.units, unitLineage: t.unitLineage, rubricVersions: t.rubricVersions, cycles: t.cycles, users: t.users, questionnaires: t.questionnaires, announcements: t.announcements };
type IndexCode = typeof t.externalIndexTargets.$inferSelect.indexCode;

export class DemoRepository {
  constructor(private readonly db: Db) {}

  // --- The seed's record (a snapshot of ids) ---

  /** Every id of one of the tables the seed writes outside its cycles. */
  async listIds(table: keyof typeof ID_TABLES): Promise<string[]> {
    const tbl = ID_TABLES[table];
    return (await this.db.select({ id: tbl.id }).from(tbl)).map((r) => r.id);
  }

  /** Every national-index figure's id with its source. */
  async listExternalIndexSources(): Promise<{ id: string; source: string | null }[]> {
    return this.db.select({ id: t.externalIndexResults.id, source: t.externalIndexResults.source }).from(t.externalIndexResults);
  }

  /** Every national-index target. */
  async listExternalIndexTargets(): Promise<(typeof t.externalIndexTargets.$inferSelect)[]> {
    return this.db.select().from(t.externalIndexTargets);
  }

  /** How many rows a table the seed writes holds. */
  async countRows(table: typeof t.cycles | typeof t.units | typeof t.users | typeof t.rubricVersions | typeof t.externalIndexResults | typeof t.announcements): Promise<number> {
    return Number((await this.db.select({ n: count() }).from(table))[0]?.n ?? 0);
  }

  // --- Removal ---

  /** Deletes the rows `where` selects, returning how many there were (counted first). */
  private async deleteCounted(table: PgTable, where: SQL | undefined): Promise<number> {
    const n = Number((await this.db.select({ n: count() }).from(table).where(where))[0]?.n ?? 0);
    if (n > 0) await this.db.delete(table).where(where);
    return n;
  }

  /**
   * Deletes the demo accounts' traces, everything owned by the demo cycles (children first), then
   * the recorded rubric versions, accounts, lineage and units. Returns the rows deleted per table,
   * in the order they went (tables with none left out).
   */
  async deleteDemoRows(rec: DemoIds): Promise<[string, number][]> {
    const { cycles: C, units: U, users: S } = rec;
    const out: [string, number][] = [];
    const del = async (name: string, table: PgTable, where: SQL | undefined) => {
      const n = await this.deleteCounted(table, where);
      if (n > 0) out.push([name, n]);
    };
    // The demo accounts' own traces (usernames read before the accounts go).
    const usernames = (await this.db.select({ username: t.users.username }).from(t.users).where(anyOf(t.users.id, S))).map((u) => u.username);
    await del('jobs', t.jobs, anyOf(t.jobs.userId, S));
    await del('sessions', t.sessions, anyOf(t.sessions.userId, S));
    await del('notifications', t.notifications, anyOf(t.notifications.userId, S));
    const lt = t.loginThrottle;
    if (usernames.length) await del('login_throttle', lt, or(...usernames.flatMap((u) => [eq(lt.key, `a:${u}`), like(lt.key, `a:${escapeLike(u)}|%`)])));
    await del('audit_log', t.auditLog, or(anyOf(t.auditLog.cycleId, C), anyOf(t.auditLog.unitId, U), anyOf(t.auditLog.userId, S)));

    const demoQuestionnaires = this.db.select({ id: t.questionnaires.id }).from(t.questionnaires).where(anyOf(t.questionnaires.cycleId, C));
    for (const [name, q] of [['survey_paper_entries', t.surveyPaperEntries], ['survey_responses', t.surveyResponses], ['survey_tokens', t.surveyTokens], ['survey_desks', t.surveyDesks], ['survey_targets', t.surveyTargets]] as const)
      await del(name, q, inArray(q.questionnaireId, demoQuestionnaires));
    await del('questionnaires', t.questionnaires, anyOf(t.questionnaires.cycleId, C));
    await del('leaf_evidence', t.leafEvidence, anyOf(t.leafEvidence.cycleId, C));
    const ev = t.evidenceDocuments;
    await del('document_blobs', t.documentBlobs, inArray(t.documentBlobs.documentId, this.db.select({ id: ev.id }).from(ev).where(anyOf(ev.cycleId, C))));
    for (const [name, c] of [
      ['evidence_documents', ev], ['leaf_scores', t.leafScores], ['unit_exclusions', t.unitExclusions], ['imported_totals', t.importedTotals],
      ['unit_results', t.unitResults], ['group_results', t.groupResults], ['unit_stages', t.unitStages], ['appraiser_assignments', t.appraiserAssignments],
      ['publications', t.publications], ['remediation_actions', t.remediationActions],
    ] as const)
      await del(name, c, anyOf(c.cycleId, C));
    await del('announcements', t.announcements, anyOf(t.announcements.id, rec.announcements));
    await del('cycle_units', t.cycleUnits, anyOf(t.cycleUnits.cycleId, C));
    await del('cycles', t.cycles, anyOf(t.cycles.id, C));
    await del('rubric_versions', t.rubricVersions, anyOf(t.rubricVersions.id, rec.rubricVersions));
    await del('users', t.users, anyOf(t.users.id, S));
    const ul = t.unitLineage;
    await del('unit_lineage', ul, or(anyOf(ul.id, rec.unitLineage), anyOf(ul.predecessorId, U), anyOf(ul.successorId, U)));
    await del('units', t.units, anyOf(t.units.id, U));
    return out;
  }

  /** One national-index figure, or undefined. */
  async findExternalIndexResult(id: string): Promise<typeof t.externalIndexResults.$inferSelect | undefined> {
    const [row] = await this.db.select().from(t.externalIndexResults).where(eq(t.externalIndexResults.id, id));
    return row;
  }

  /** Deletes one national-index figure; returns how many rows went. */
  deleteExternalIndexResult(id: string): Promise<number> {
    return this.deleteCounted(t.externalIndexResults, eq(t.externalIndexResults.id, id));
  }

  /** The target of an index in a year, or undefined. */
  async findExternalIndexTarget(indexCode: string, year: number): Promise<typeof t.externalIndexTargets.$inferSelect | undefined> {
    const [row] = await this.db.select().from(t.externalIndexTargets).where(targetKey(indexCode, year));
    return row;
  }

  /** Deletes the target of an index in a year; returns how many rows went. */
  deleteExternalIndexTarget(indexCode: string, year: number): Promise<number> {
    return this.deleteCounted(t.externalIndexTargets, targetKey(indexCode, year));
  }

  // --- Real data referencing the demo (what stops its removal) ---

  /** Real accounts of a demo unit, with the unit's name. */
  async realAccountsOfUnits(rec: DemoIds): Promise<{ username: string; unit: string }[]> {
    return this.db.select({ username: t.users.username, unit: t.units.name }).from(t.users).innerJoin(t.units, eq(t.units.id, t.users.unitId)).where(and(anyOf(t.users.unitId, rec.units), noneOf(t.users.id, rec.users)));
  }

  /** Real cycles with demo units among their members, and how many. */
  async realCyclesUsingUnits(rec: DemoIds): Promise<{ name: string; n: number }[]> {
    const cu = t.cycleUnits;
    return this.db
      .select({ name: t.cycles.name, n: count() })
      .from(cu)
      .innerJoin(t.cycles, eq(t.cycles.id, cu.cycleId))
      .where(and(anyOf(cu.unitId, rec.units), noneOf(cu.cycleId, rec.cycles)))
      .groupBy(t.cycles.id, t.cycles.name);
  }

  /** Real cycles on a demo rubric version. */
  async realCyclesUsingRubrics(rec: DemoIds): Promise<{ name: string }[]> {
    return this.db.select({ name: t.cycles.name }).from(t.cycles).where(and(anyOf(t.cycles.rubricVersionId, rec.rubricVersions), noneOf(t.cycles.id, rec.cycles)));
  }

  /** Sample targets, desks and links of real questionnaires naming a demo unit: per table, per questionnaire code. */
  async realSurveyRowsForUnits(rec: DemoIds): Promise<{ code: string; n: number }[]> {
    const realQuestionnaires = this.db.select({ id: t.questionnaires.id }).from(t.questionnaires).where(noneOf(t.questionnaires.cycleId, rec.cycles));
    const out: { code: string; n: number }[] = [];
    for (const s of [t.surveyTargets, t.surveyDesks, t.surveyTokens]) {
      const rows = await this.db
        .select({ code: t.questionnaires.code, n: count() })
        .from(s)
        .innerJoin(t.questionnaires, eq(t.questionnaires.id, s.questionnaireId))
        .where(and(anyOf(s.unitId, rec.units), inArray(s.questionnaireId, realQuestionnaires)))
        .groupBy(t.questionnaires.code);
      out.push(...rows);
    }
    return out;
  }

  /** Remediation actions of real cycles for a demo unit, with the unit's name. */
  async realPlansForUnits(rec: DemoIds): Promise<{ unit: string }[]> {
    const ra = t.remediationActions;
    return this.db.select({ unit: t.units.name }).from(ra).innerJoin(t.units, eq(t.units.id, ra.unitId)).where(and(anyOf(ra.unitId, rec.units), noneOf(ra.cycleId, rec.cycles)));
  }

  /** Lineage links between a demo unit and a real one. */
  async lineageAcross(rec: DemoIds): Promise<{ id: string; predecessor: string; successor: string }[]> {
    const ul = t.unitLineage;
    const U = rec.units;
    return this.db
      .select({ id: ul.id, predecessor: ul.predecessorId, successor: ul.successorId })
      .from(ul)
      .where(or(and(anyOf(ul.predecessorId, U), noneOf(ul.successorId, U)), and(anyOf(ul.successorId, U), noneOf(ul.predecessorId, U))));
  }

  /** Names of these units by id. */
  async unitNames(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.db.select({ id: t.units.id, name: t.units.name }).from(t.units).where(inArray(t.units.id, ids))).map((u) => [u.id, u.name]));
  }

  /** Every account's username by id. */
  async usernames(): Promise<Map<string, string>> {
    return new Map((await this.db.select({ id: t.users.id, username: t.users.username }).from(t.users)).map((u) => [u.id, u.username]));
  }

  /**
   * Rows of `source` in the demo's cycles written by a real account (scope 'demo'), or in real
   * cycles written by a demo account (scope 'real'): how many, and who wrote them.
   */
  async writtenBy(rec: DemoIds, source: WrittenSource, scope: 'demo' | 'real'): Promise<{ n: number; writers: string[] }> {
    const C = rec.cycles;
    const by = scope === 'demo' ? (c: PgColumn) => inArray(c, this.db.select({ id: t.users.id }).from(t.users).where(noneOf(t.users.id, rec.users))) : (c: PgColumn) => anyOf(c, rec.users);
    const inCycles = (c: PgColumn) => (scope === 'demo' ? anyOf(c, C) : noneOf(c, C));
    const inQuestionnaires = (c: PgColumn) => inArray(c, this.db.select({ id: t.questionnaires.id }).from(t.questionnaires).where(inCycles(t.questionnaires.cycleId)));
    const tally = (table: PgTable, writers: PgColumn[], inScope: SQL) => this.countWritten(table, writers, inScope, by);
    switch (source) {
      case 'leaf_scores': return tally(t.leafScores, [t.leafScores.updatedBy, t.leafScores.proposedBy, t.leafScores.councilBy], inCycles(t.leafScores.cycleId));
      case 'evidence_documents': return tally(t.evidenceDocuments, [t.evidenceDocuments.uploadedBy], inCycles(t.evidenceDocuments.cycleId));
      case 'unit_stages': return tally(t.unitStages, [t.unitStages.changedBy], inCycles(t.unitStages.cycleId));
      case 'publications': return tally(t.publications, [t.publications.publishedBy], inCycles(t.publications.cycleId));
      case 'appraiser_assignments': return tally(t.appraiserAssignments, [t.appraiserAssignments.userId], inCycles(t.appraiserAssignments.cycleId));
      case 'survey_paper_entries': return tally(t.surveyPaperEntries, [t.surveyPaperEntries.enteredBy], inQuestionnaires(t.surveyPaperEntries.questionnaireId));
      case 'survey_responses': return tally(t.surveyResponses, [t.surveyResponses.excludedBy], inQuestionnaires(t.surveyResponses.questionnaireId));
      case 'audit_log': {
        const a = t.auditLog;
        return tally(a, [a.userId], scope === 'demo' ? or(anyOf(a.cycleId, C), anyOf(a.unitId, rec.units))! : and(isNotNull(a.cycleId), noneOf(a.cycleId, C))!);
      }
      case 'announcements': return scope === 'demo' ? { n: 0, writers: [] } : tally(t.announcements, [t.announcements.createdBy], noneOf(t.announcements.id, rec.announcements));
    }
  }

  /** Rows in scope written by someone `by` selects, in any of the writer columns (a leaf score names up to three). */
  private async countWritten(table: PgTable, writers: PgColumn[], inScope: SQL, by: (c: PgColumn) => SQL): Promise<{ n: number; writers: string[] }> {
    const [total] = await this.db.select({ n: count() }).from(table).where(and(inScope, or(...writers.map(by))));
    const n = Number(total?.n ?? 0);
    if (n === 0) return { n, writers: [] };
    const ids: (string | null)[] = [];
    for (const w of writers) ids.push(...(await this.db.selectDistinct({ by: w }).from(table).where(and(inScope, by(w)))).map((r) => r.by as string | null));
    return { n, writers: [...new Set(ids.filter((v): v is string => !!v))] };
  }

  // --- The demo seed's bulk writes ---

  /** Assigns an appraiser to a field of a cycle. */
  async addAppraiserAssignment(row: typeof t.appraiserAssignments.$inferInsert): Promise<void> {
    await this.db.insert(t.appraiserAssignments).values(row);
  }

  /** Adds an evidence document and its content (base64). */
  async addEvidenceDocument(doc: typeof t.evidenceDocuments.$inferInsert, contentBase64: string): Promise<void> {
    await this.db.insert(t.evidenceDocuments).values(doc);
    await this.db.insert(t.documentBlobs).values({ documentId: doc.id, content: contentBase64 });
  }

  /** Adds leaf scores and evidence links, 2,000 rows per statement (scores first). */
  async addScoresAndLinks(scores: (typeof t.leafScores.$inferInsert)[], links: (typeof t.leafEvidence.$inferInsert)[]): Promise<void> {
    for (let i = 0; i < scores.length; i += 2000) await this.db.insert(t.leafScores).values(scores.slice(i, i + 2000));
    for (let i = 0; i < links.length; i += 2000) await this.db.insert(t.leafEvidence).values(links.slice(i, i + 2000));
  }

  /** Records a unit's stage status. */
  async addUnitStage(row: typeof t.unitStages.$inferInsert): Promise<void> {
    await this.db.insert(t.unitStages).values(row);
  }
}

const targetKey = (indexCode: string, year: number) => and(eq(t.externalIndexTargets.indexCode, indexCode as IndexCode), eq(t.externalIndexTargets.year, year));
