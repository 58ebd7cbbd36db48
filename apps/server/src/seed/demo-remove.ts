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
import { type Db, withMigrationLock } from '../db/database.ts';
import { DemoRepository } from '../repositories/demo.repository.ts';
import { audit } from '../services/workflow/audit.ts';
import { loadDemoRecord, markDemoRemoved, targetFingerprint } from './demo-record.ts';
import { findRealReferences, referencesText } from './demo-references.ts';

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

    const repo = new DemoRepository(tx);
    const removed: Record<string, number> = Object.fromEntries(await repo.deleteDemoRows(rec));
    const tally = (name: string, n: number) => {
      if (n > 0) removed[name] = (removed[name] ?? 0) + n;
    };

    // National-index figures and targets, unless a real user has replaced them since.
    const kept: string[] = [];
    for (const r of rec.externalIndexResults) {
      const row = await repo.findExternalIndexResult(r.id);
      if (!row) continue;
      if (row.source === r.source) tally('external_index_results', await repo.deleteExternalIndexResult(r.id));
      else kept.push(`kết quả chỉ số ${row.indexCode.toUpperCase()} năm ${row.year} (đã được sửa sau khi nạp)`);
    }
    for (const t of rec.externalIndexTargets) {
      const row = await repo.findExternalIndexTarget(t.indexCode, t.year);
      if (!row) continue;
      if (targetFingerprint(row) === t.fingerprint) tally('external_index_targets', await repo.deleteExternalIndexTarget(t.indexCode, t.year));
      else kept.push(`mục tiêu chỉ số ${row.indexCode.toUpperCase()} năm ${row.year} (đã được sửa sau khi nạp)`);
    }

    await markDemoRemoved(tx);
    await audit(tx, null, { action: 'demo.remove', subject: 'dữ liệu minh họa', before: { seededAt: rec.seededAt }, after: { removed, kept } });
    return { removed, kept };
  });
}
