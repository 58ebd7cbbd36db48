/**
 * Work exports (xuất bản dự thảo): the secretariat, an administrator or the province's leaders
 * export a computed cycle before it is published — to review the annex and the report and to draft
 * the approval decision — at once or as a background job. Every document of an unpublished cycle
 * is marked "DỰ THẢO" (documents/document-format.ts) and its file name starts with "du-thao-".
 * A job started here is its starter's alone: the public job routes never serve it.
 */
import { AppError, DecisionFields, ErrorResponse, ExportJobDto, ExportJobRequest, fileResponse } from '@parindex/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { ExportJob, ExportJobs } from '../../documents/export-jobs.ts';
import { DRAFT_EXPORT_ROLES } from '../../documents/export-task.ts';
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportWorkResults } from '../../io/results-export.ts';
import { userOf } from '../auth.ts';
import { sendDownload } from '../download.ts';

export { DRAFT_EXPORT_ROLES };

const CycleParams = z.object({ id: z.string().min(1).max(64) });
const JobParams = z.object({ jobId: z.uuid() });
const tags = ['results'];

const gone = () => new AppError('NOT_FOUND', 'Không tìm thấy yêu cầu xuất tệp (có thể đã hết hạn sau 1 giờ). Hãy tạo lại yêu cầu.');

export function registerWorkExports(app: FastifyInstance, deps: { db: Db; jobs: ExportJobs; present: (job: ExportJob, base: string) => ExportJobDto }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, jobs, present } = deps;
  const access = [...DRAFT_EXPORT_ROLES];
  /** The caller's own work job, or 404 (another user's job is not theirs to see). */
  const ownJob = async (jobId: string, userId: string) => {
    const job = await jobs.find(jobId);
    if (!job || job.audience !== 'work' || job.userId !== userId) throw gone();
    return job;
  };

  r.get(
    '/work/cycles/:id/results/export',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Tải bản dự thảo trước khi công bố (kỳ đã tính kết quả): XLSX phụ lục, PDF báo cáo, DOCX dự thảo quyết định, CSV, JSON',
        params: CycleParams,
        querystring: DecisionFields.extend({ format: z.enum(EXPORT_FORMATS).default('xlsx') }),
        response: { 200: fileResponse(EXPORT_CONTENT_TYPES), 404: ErrorResponse },
      },
    },
    async (req, reply) => {
      const { format, ...decision } = req.query;
      return sendDownload(reply, await exportWorkResults(db, req.params.id, format, decision));
    },
  );

  r.post(
    '/work/cycles/:id/exports',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Xuất bản dự thảo chạy nền (PDF báo cáo, XLSX…) của kỳ đã tính kết quả, kể cả chưa công bố',
        params: CycleParams,
        body: ExportJobRequest,
        response: { 202: ExportJobDto, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req, reply) => {
      const job = await jobs.start({ cycleId: req.params.id, request: req.body, audience: 'work', userId: userOf(req).id });
      return reply.status(202).header('location', `/api/work/exports/${job.id}`).send(present(job, '/api/work/exports'));
    },
  );

  r.get(
    '/work/exports/:jobId',
    { config: { access }, schema: { tags, summary: 'Tình trạng và tiến độ (0–100) của một yêu cầu xuất bản dự thảo', params: JobParams, response: { 200: ExportJobDto, 404: ErrorResponse } } },
    async (req) => present(await ownJob(req.params.jobId, userOf(req).id), '/api/work/exports'),
  );

  r.get(
    '/work/exports/:jobId/file',
    { config: { access }, schema: { tags, summary: 'Tải tệp dự thảo đã xuất (404 khi không có hoặc đã hết hạn, 409 khi chưa xong)', params: JobParams, response: { 200: fileResponse(EXPORT_CONTENT_TYPES), 404: ErrorResponse, 409: ErrorResponse } } },
    async (req, reply) => {
      const job = await ownJob(req.params.jobId, userOf(req).id);
      return sendJobFile(reply, job, jobs);
    },
  );
}

/** The file of a finished job; a failed job says why, an unfinished one how far it is. */
export async function sendJobFile(reply: FastifyReply, job: ExportJob, jobs: ExportJobs): Promise<FastifyReply> {
  if (job.status === 'failed') throw new AppError('NOT_FOUND', `Không tạo được tệp: ${job.error}`);
  if (job.status !== 'done') throw new AppError('CONFLICT', `Tệp đang được tạo (${job.progress}%). Vui lòng chờ rồi tải lại.`);
  const file = await jobs.file(job.id);
  if (!file) throw gone();
  return sendDownload(reply, { contentType: file.contentType, fileName: file.fileName, body: file.content });
}
