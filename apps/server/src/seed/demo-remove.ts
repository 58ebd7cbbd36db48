/**
 * `parindex demo remove`: deletes the demo province — every row the demo seed created (recorded
 * in app_settings `demo`, demo-record.ts) and everything owned by its cycles and accounts — in
 * one transaction, after checking that no real data references it (demo-references.ts). The
 * installation keeps its real data, an audit row records the removal, and the embedded
 * database's start does not seed the demo again (`parindex demo seed` still can).
 *
 * Rows that go with a demo account: its sessions, notifications, background jobs (with their
 * files), sign-in counters, and the audit rows it wrote. Rows that go with a demo cycle: its
 * units' membership, exclusions, imported totals, scores, evidence, stages, results,
 * publications, appraiser assignments, questionnaires (targets, links, desks, responses, paper
 * entries), remediation plans, and its audit rows. A real announcement about a demo cycle stays,
 * without its cycle (the column is set null). A national-index figure or target the seed wrote
 * but a real user has since replaced is kept.
 */
import { AppError } from '@parindex/contracts';
import { and, count, eq, inArray, like, or, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Db, withMigrationLock } from '../db/database.ts';
import {
  announcements,
  appraiserAssignments,
  auditLog,
  cycleUnits,
  cycles,
  documentBlobs,
  evidenceDocuments,
  externalIndexResults,
  externalIndexTargets,
  groupResults,
  importedTotals,
  jobs,
  leafEvidence,
  leafScores,
  loginThrottle,
  notifications,
  publications,
  questionnaires,
  remediationActions,
  rubricVersions,
  sessions,
  surveyDesks,
  surveyPaperEntries,
  surveyResponses,
  surveyTargets,
  surveyTokens,
  unitExclusions,
  unitLineage,
  unitResults,
  unitStages,
  units,
  users,
} from '../db/schema.ts';
import { audit } from '../services/workflow/audit.ts';
import { loadDemoRecord, markDemoRemoved, targetFingerprint } from './demo-record.ts';
import { anyOf, findRealReferences, referencesText } from './demo-references.ts';

export interface DemoRemoval {
  /** Rows deleted, per table. */
  removed: Record<string, number>;
  /** Seeded rows kept because a real user has since changed them. */
  kept: string[];
}

export async function removeDemo(db: Db): Promise<DemoRemoval> {
  return withMigrationLock(db, async (tx) => {
    const rec = await loadDemoRecord(tx);
    if (!rec)
      throw new AppError('NOT_FOUND', 'Cơ sở dữ liệu này không có dữ liệu minh họa được ghi nhận (khóa "demo" trong app_settings): không có gì để xóa.');
    const refs = await findRealReferences(tx, rec);
    if (refs.length)
      throw new AppError('CONFLICT', `Không xóa dữ liệu minh họa vì dữ liệu thật đang tham chiếu đến nó:\n${referencesText(refs)}\nHãy xóa hoặc chuyển các dữ liệu đó sang đơn vị, tài khoản thật rồi chạy lại; chưa có gì bị xóa.`, [], { references: refs });

    const C = rec.cycles;
    const U = rec.units;
    const S = rec.users;
    const removed: Record<string, number> = {};
    const del = async (name: string, table: PgTable, where: SQL | undefined) => {
      const n = Number((await tx.select({ n: count() }).from(table).where(where))[0]?.n ?? 0);
      if (n === 0) return;
      await tx.delete(table).where(where);
      removed[name] = (removed[name] ?? 0) + n;
    };

    // The demo accounts' own traces (usernames read before the accounts go).
    const usernames = (await tx.select({ username: users.username }).from(users).where(anyOf(users.id, S))).map((u) => u.username);
    await del('jobs', jobs, anyOf(jobs.userId, S));
    await del('sessions', sessions, anyOf(sessions.userId, S));
    await del('notifications', notifications, anyOf(notifications.userId, S));
    if (usernames.length) await del('login_throttle', loginThrottle, or(...usernames.flatMap((u) => [eq(loginThrottle.key, `a:${u}`), like(loginThrottle.key, `a:${escapeLike(u)}|%`)])));
    await del('audit_log', auditLog, or(anyOf(auditLog.cycleId, C), anyOf(auditLog.unitId, U), anyOf(auditLog.userId, S)));

    // Everything owned by the demo cycles, children first (scores and evidence block a cycle's units).
    const demoQuestionnaires = tx.select({ id: questionnaires.id }).from(questionnaires).where(anyOf(questionnaires.cycleId, C));
    for (const [name, t] of [['survey_paper_entries', surveyPaperEntries], ['survey_responses', surveyResponses], ['survey_tokens', surveyTokens], ['survey_desks', surveyDesks], ['survey_targets', surveyTargets]] as const)
      await del(name, t, inArray(t.questionnaireId, demoQuestionnaires));
    await del('questionnaires', questionnaires, anyOf(questionnaires.cycleId, C));
    await del('leaf_evidence', leafEvidence, anyOf(leafEvidence.cycleId, C));
    await del('document_blobs', documentBlobs, inArray(documentBlobs.documentId, tx.select({ id: evidenceDocuments.id }).from(evidenceDocuments).where(anyOf(evidenceDocuments.cycleId, C))));
    await del('evidence_documents', evidenceDocuments, anyOf(evidenceDocuments.cycleId, C));
    await del('leaf_scores', leafScores, anyOf(leafScores.cycleId, C));
    await del('unit_exclusions', unitExclusions, anyOf(unitExclusions.cycleId, C));
    await del('imported_totals', importedTotals, anyOf(importedTotals.cycleId, C));
    await del('unit_results', unitResults, anyOf(unitResults.cycleId, C));
    await del('group_results', groupResults, anyOf(groupResults.cycleId, C));
    await del('unit_stages', unitStages, anyOf(unitStages.cycleId, C));
    await del('appraiser_assignments', appraiserAssignments, anyOf(appraiserAssignments.cycleId, C));
    await del('publications', publications, anyOf(publications.cycleId, C));
    await del('remediation_actions', remediationActions, anyOf(remediationActions.cycleId, C));
    await del('announcements', announcements, anyOf(announcements.id, rec.announcements));
    await del('cycle_units', cycleUnits, anyOf(cycleUnits.cycleId, C));
    await del('cycles', cycles, anyOf(cycles.id, C));
    await del('rubric_versions', rubricVersions, anyOf(rubricVersions.id, rec.rubricVersions));
    await del('users', users, anyOf(users.id, S));
    await del('unit_lineage', unitLineage, or(anyOf(unitLineage.id, rec.unitLineage), anyOf(unitLineage.predecessorId, U), anyOf(unitLineage.successorId, U)));
    await del('units', units, anyOf(units.id, U));

    // National-index figures and targets, unless a real user has replaced them since.
    const kept: string[] = [];
    for (const r of rec.externalIndexResults) {
      const [row] = await tx.select().from(externalIndexResults).where(eq(externalIndexResults.id, r.id));
      if (!row) continue;
      if (row.source === r.source) await del('external_index_results', externalIndexResults, eq(externalIndexResults.id, r.id));
      else kept.push(`kết quả chỉ số ${row.indexCode.toUpperCase()} năm ${row.year} (đã được sửa sau khi nạp)`);
    }
    for (const t of rec.externalIndexTargets) {
      const key = and(eq(externalIndexTargets.indexCode, t.indexCode as typeof externalIndexTargets.$inferSelect.indexCode), eq(externalIndexTargets.year, t.year));
      const [row] = await tx.select().from(externalIndexTargets).where(key);
      if (!row) continue;
      if (targetFingerprint(row) === t.fingerprint) await del('external_index_targets', externalIndexTargets, key);
      else kept.push(`mục tiêu chỉ số ${row.indexCode.toUpperCase()} năm ${row.year} (đã được sửa sau khi nạp)`);
    }

    await markDemoRemoved(tx);
    await audit(tx, null, { action: 'demo.remove', subject: 'dữ liệu minh họa', before: { seededAt: rec.seededAt }, after: { removed, kept } });
    return { removed, kept };
  });
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
