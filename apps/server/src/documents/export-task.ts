/**
 * What a background export does: checks at once that the caller may export the cycle (so an
 * unpublished cycle is refused when asked, not later in a failed job), then returns the task the
 * job registry runs — the national workbook streamed to disk, the PDF report written to disk, or
 * any other format through exportResults. A work export (publicOnly false) of an unpublished
 * cycle is a draft: its file name starts with "du-thao-" (the documents mark themselves).
 * A queued work export is made for the user who asked: `assertMayExportDrafts` checks their right
 * again when it runs, on whichever server.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, type CycleDto, type ExportJobRequest } from '@parindex/contracts';
import type { Db } from '../db/database.ts';
import type { Role } from '../db/schema.ts';
import { CONTENT_TYPES, type ExportOptions, exportFileName, exportResults } from '../io/results-export.ts';
import { WorkflowRepository } from '../repositories/workflow.repository.ts';
import { ResultsService } from '../services/results.service.ts';
import { loadDocumentData } from './document-data.ts';
import { DRAFT_MARK, draftFileName, isDraftCycle } from './document-format.ts';
import type { ExportTask } from './export-jobs.ts';
import { listYearCycles, writeNationalWorkbook } from './national-workbook.ts';
import { writeResultsReport } from './results-report.ts';

/** Who may read results before publication and draft the decision (the council reviews results on its own page). */
export const DRAFT_EXPORT_ROLES: readonly Role[] = ['admin', 'secretariat', 'leader'];

/** The user who asked for a work export still has an active account allowed to read drafts. */
export async function assertMayExportDrafts(db: Db, userId: string | null): Promise<void> {
  const role = userId ? await new WorkflowRepository(db).findActiveRole(userId) : undefined;
  if (!role || !DRAFT_EXPORT_ROLES.includes(role))
    throw new AppError('FORBIDDEN', 'Tài khoản đã yêu cầu xuất tệp không còn quyền xem kết quả chưa công bố; tệp không được tạo.');
}

export async function prepareExportTask(db: Db, cycleId: string, req: ExportJobRequest, opts: { publicOnly: boolean }): Promise<ExportTask> {
  const { cycle } = await new ResultsService(db).getResults(cycleId, { publicOnly: opts.publicOnly });
  const task = await chooseTask(db, cycle, cycleId, req, opts);
  // A work export of an unpublished cycle (or a year that includes one) is a draft: its file name says so.
  const draft = !opts.publicOnly && (req.scope === 'year' ? await hasUnpublished(db, cycle.year) : isDraftCycle(cycle.status));
  if (!draft) return task;
  return async (ctx) => {
    const result = await task(ctx);
    return { ...result, fileName: draftFileName(result.fileName) };
  };
}

async function hasUnpublished(db: Db, year: number): Promise<boolean> {
  return (await new ResultsService(db).listCycles({ publicOnly: false })).some((c) => c.year === year && c.computedAt !== null && isDraftCycle(c.status));
}

async function chooseTask(db: Db, cycle: CycleDto, cycleId: string, req: ExportJobRequest, opts: { publicOnly: boolean }): Promise<ExportTask> {
  const exportOpts: ExportOptions = { ...req, publicOnly: opts.publicOnly };
  if (req.scope === 'year') {
    if (req.format !== 'xlsx') throw new AppError('VALIDATION', 'Bảng tổng hợp nhiều kỳ đánh giá chỉ xuất được dạng XLSX (format: "xlsx").');
    return async ({ dir, progress }) => {
      const ids = await listYearCycles(db, cycle.year, opts.publicOnly);
      const fileName = `tong-hop-chi-so-cchc-${cycle.year}.xlsx`;
      const draft = !opts.publicOnly && (await hasUnpublished(db, cycle.year));
      const filePath = path.join(dir, fileName);
      await writeNationalWorkbook(db, ids, filePath, {
        publicOnly: opts.publicOnly,
        title: `${draft ? `${DRAFT_MARK} — ` : ''}TỔNG HỢP KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${cycle.year}`,
        onProgress: progress,
      });
      return { filePath, fileName, contentType: CONTENT_TYPES.xlsx };
    };
  }
  if (req.format === 'pdf') {
    return async ({ dir, progress }) => {
      progress(5);
      const data = await loadDocumentData(db, cycleId, { publicOnly: opts.publicOnly, province: req.province });
      progress(30);
      // A published cycle's report is named after its stored decision (and version).
      const fileName = exportFileName(cycle.year, req.format, data.publication);
      const filePath = path.join(dir, fileName);
      await writeResultsReport(data, filePath);
      return { filePath, fileName, contentType: CONTENT_TYPES.pdf };
    };
  }
  return async ({ dir, progress }) => {
    progress(10);
    const file = await exportResults(db, cycleId, req.format, exportOpts);
    const filePath = path.join(dir, file.fileName);
    await writeFile(filePath, file.body);
    return { filePath, fileName: file.fileName, contentType: file.contentType };
  };
}
