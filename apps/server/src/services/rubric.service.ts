import { AppError, type Issue, type RubricDocument } from '@parindex/contracts';
import { type RubricChangeReport, diffRubrics } from '@parindex/engine';
import type { Db } from '../db/database.ts';
import type { RubricVersion } from '../repositories/rubric.repository.ts';
import { importRubricJson, exportRubricJson } from '../rubric-io/rubric-json.ts';
import { exportRubricXlsx, importRubricXlsx } from '../rubric-io/rubric-xlsx.ts';
import { detectTableFormat } from '../io/table-reader.ts';
import { type Repositories, inTransaction, repositories } from './repositories.ts';

export type RubricFormat = 'xlsx' | 'json';

/** Reads a rubric file (XLSX annex layout or JSON, told apart by content) and validates it fully; nothing is saved. */
export async function parseRubricFile(file: Buffer): Promise<{ ok: true; doc: RubricDocument } | { ok: false; issues: Issue[] }> {
  if (file.length === 0) return { ok: false, issues: [{ message: 'Tệp rỗng: không có bộ chỉ số để nhập.' }] };
  return detectTableFormat(file) === 'xlsx' ? importRubricXlsx(file) : importRubricJson(file.toString('utf8'));
}

/** Rubric versions: import (validated, nothing saved when anything is wrong), export, and replacement inside a running cycle. */
export class RubricService {
  constructor(private readonly db: Db) {}

  async importFile(file: Buffer): Promise<RubricVersion> {
    const parsed = await parseRubricFile(file);
    if (!parsed.ok) throw new AppError('VALIDATION', `Bộ chỉ số có ${parsed.issues.length} lỗi; chưa lưu gì.`, parsed.issues);
    return repositories(this.db).rubrics.insertVersion(parsed.doc);
  }

  /** Finds "CODE" (latest version) or "CODE@N". */
  async find(ref: string): Promise<RubricVersion> {
    const [code, v] = ref.split('@');
    const repo = repositories(this.db).rubrics;
    const found = v ? await repo.findVersion(code, Number(v)) : await repo.findLatest(code);
    if (!found) throw new AppError('NOT_FOUND', `Không có bộ chỉ số "${ref}".`);
    return found;
  }

  async export(ref: string, format: RubricFormat): Promise<Buffer> {
    const { document } = await this.find(ref);
    return format === 'xlsx' ? exportRubricXlsx(document) : Buffer.from(exportRubricJson(document));
  }

  /**
   * Replaces the rubric version of a running cycle: scores of leaves whose code survives are kept,
   * those of removed leaves are deleted, all in one transaction; returns the change report.
   */
  async replaceInCycle(cycleId: string, rubricVersionId: string): Promise<RubricChangeReport> {
    return inTransaction(this.db, (r) => this.replace(r, cycleId, rubricVersionId));
  }

  /**
   * `parindex rubric replace`: the file becomes the next version of its rubric and replaces the
   * cycle's version, in one transaction — a refused replacement saves no version either.
   */
  async replaceInCycleFromFile(cycleId: string, file: Buffer): Promise<{ version: RubricVersion; report: RubricChangeReport }> {
    const parsed = await parseRubricFile(file);
    if (!parsed.ok) throw new AppError('VALIDATION', `Bộ chỉ số có ${parsed.issues.length} lỗi; chưa lưu gì.`, parsed.issues);
    return inTransaction(this.db, async (r) => {
      const version = await r.rubrics.insertVersion(parsed.doc);
      return { version, report: await this.replace(r, cycleId, version.id) };
    });
  }

  private async replace(r: Repositories, cycleId: string, rubricVersionId: string): Promise<RubricChangeReport> {
    const cycle = await r.cycles.getById(cycleId);
    if (cycle.source !== 'assessed' || !cycle.rubricVersionId)
      throw new AppError('VALIDATION', 'Chỉ thay bộ chỉ số được cho kỳ đánh giá đang chấm điểm theo bộ chỉ số.');
    if (cycle.status === 'published' || cycle.status === 'closed')
      throw new AppError('CONFLICT', 'Kỳ đánh giá đã công bố: không thể thay bộ chỉ số. Hãy tạo bản đính chính.');
    const oldDoc = (await r.rubrics.getVersion(cycle.rubricVersionId)).document;
    const newDoc = (await r.rubrics.getVersion(rubricVersionId)).document;
    const report = diffRubrics(oldDoc, newDoc);
    await r.scores.deleteLeafScores(cycleId, report.removed.map((x) => x.code));
    await r.cycles.setRubricVersion(cycleId, rubricVersionId);
    await r.cycles.setComputedAt(cycleId, null);
    return report;
  }
}
