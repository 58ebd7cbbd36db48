/**
 * Work exports (xuất bản dự thảo): the secretariat, an administrator or the province's leaders
 * export a computed cycle before it is published — to review the annex and the report and to draft
 * the approval decision — at once or as a background job. Every document of an unpublished cycle
 * is marked "DỰ THẢO" (documents/document-format.ts) and its file name starts with "du-thao-".
 * A job started here is its starter's alone: the public job routes never serve it.
 */
import { createReadStream } from 'node:fs';
import { AppError, DecisionFields, ExportJobDto, ExportJobRequest } from '@parindex/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { draftFileName, isDraftCycle } from '../../documents/document-format.ts';
import type { ExportJob, ExportJobs } from '../../documents/export-jobs.ts';
import { prepareExportTask } from '../../documents/export-task.ts';
import { EXPORT_FORMATS, exportResults } from '../../io/results-export.ts';
import { ResultsService } from '../../services/results.service.ts';
import { userOf } from '../auth.ts';

/** Who may read results before publication and draft the decision (the council reviews results on its own page). */
export const DRAFT_EXPORT_ROLES: readonly Role[] = ['admin', 'secretariat', 'leader'];
/** Job meta marking a job as a work export, and who started it. */
export const WORK_AUDIENCE = 'work';

const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.any().optional() }), requestId: z.string().optional() });
const CycleParams = z.object({ id: z.string().min(1).max(64) });
const JobParams = z.object({ jobId: z.uuid() });
const tags = ['results'];

const gone = () => new AppError('NOT_FOUND', 'Không tìm thấy yêu cầu xuất tệp (có thể đã hết hạn sau 1 giờ). Hãy tạo lại yêu cầu.');

export function registerWorkExports(app: FastifyInstance, deps: { db: Db; jobs: ExportJobs; present: (job: ExportJob, base: string) => ExportJobDto }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, jobs, present } = deps;
  const access = [...DRAFT_EXPORT_ROLES];
  /** The caller's own work job, or 404 (another user's job is not theirs to see). */
  const ownJob = (jobId: string, userId: string) => {
    const job = jobs.find(jobId);
    if (!job || job.meta.audience !== WORK_AUDIENCE || job.meta.userId !== userId) throw gone();
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
        response: { 404: ErrorSchema },
      },
    },
    async (req, reply) => {
      const { format, ...decision } = req.query;
      const { cycle } = await new ResultsService(db).getResults(req.params.id, { publicOnly: false });
      const file = await exportResults(db, req.params.id, format, { ...decision, publicOnly: false });
      return sendFile(reply, file.contentType, isDraftCycle(cycle.status) ? draftFileName(file.fileName) : file.fileName).send(file.body);
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
        response: { 202: ExportJobDto, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (req, reply) => {
      const task = await prepareExportTask(db, req.params.id, req.body, { publicOnly: false });
      const meta = { cycleId: req.params.id, format: req.body.format, scope: req.body.scope, audience: WORK_AUDIENCE, userId: userOf(req).id };
      const job = jobs.start(meta, task);
      return reply.status(202).header('location', `/api/work/exports/${job.id}`).send(present(job, '/api/work/exports'));
    },
  );

  r.get(
    '/work/exports/:jobId',
    { config: { access }, schema: { tags, summary: 'Tình trạng và tiến độ (0–100) của một yêu cầu xuất bản dự thảo', params: JobParams, response: { 200: ExportJobDto, 404: ErrorSchema } } },
    async (req) => present(ownJob(req.params.jobId, userOf(req).id), '/api/work/exports'),
  );

  r.get(
    '/work/exports/:jobId/file',
    { config: { access }, schema: { tags, summary: 'Tải tệp dự thảo đã xuất (404 khi không có hoặc đã hết hạn, 409 khi chưa xong)', params: JobParams } },
    async (req, reply) => {
      const job = ownJob(req.params.jobId, userOf(req).id);
      return sendJobFile(reply, job);
    },
  );
}

function sendFile(reply: FastifyReply, contentType: string, fileName: string): FastifyReply {
  return reply.header('content-type', contentType).header('content-disposition', `attachment; filename="${fileName}"`);
}

/** The file of a finished job; a failed job says why, an unfinished one how far it is. */
export function sendJobFile(reply: FastifyReply, job: ExportJob): FastifyReply {
  if (job.status === 'failed') throw new AppError('NOT_FOUND', `Không tạo được tệp: ${job.error}`);
  if (job.status !== 'done' || !job.filePath) throw new AppError('CONFLICT', `Tệp đang được tạo (${job.progress}%). Vui lòng chờ rồi tải lại.`);
  return sendFile(reply, job.contentType ?? 'application/octet-stream', job.fileName ?? 'tep-xuat').send(createReadStream(job.filePath));
}
