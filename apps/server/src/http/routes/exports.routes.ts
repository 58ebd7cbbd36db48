import { AppError, ErrorResponse, ExportJobDto, ExportJobRequest, fileResponse } from '@parindex/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { type ExportJob, ExportJobs } from '../../documents/export-jobs.ts';
import { EXPORT_CONTENT_TYPES } from '../../io/results-export.ts';
import { registerWorkExports, sendJobFile } from './work-exports.routes.ts';

const CycleParams = z.object({ id: z.string().min(1).max(64) });
const JobParams = z.object({ jobId: z.uuid() });

const gone = () => new AppError('NOT_FOUND', 'Không tìm thấy yêu cầu xuất tệp (có thể đã hết hạn sau 1 giờ). Hãy tạo lại yêu cầu.');

function present(job: ExportJob, base = '/api/exports'): ExportJobDto {
  return {
    id: job.id,
    cycleId: job.cycleId,
    format: job.format,
    scope: job.scope,
    status: job.status,
    progress: job.progress,
    error: job.error,
    fileName: job.fileName,
    downloadUrl: job.status === 'done' ? `${base}/${job.id}/file` : null,
    createdAt: job.createdAt.toISOString(),
    expiresAt: job.expiresAt.toISOString(),
  };
}

/**
 * Background exports: ask for a file (202 with the job), poll its progress, download it. Public
 * and limited to published cycles, like the results they are made from; the work exports of
 * unpublished cycles (work-exports.routes.ts) share the queue but never these public job routes.
 * The jobs live in the database: any server answers for a job started on another.
 */
export const exportsRoutes: FastifyPluginAsync<{ db: Db; jobs?: ExportJobs }> = async (app, opts) => {
  const jobs = opts.jobs ?? new ExportJobs(opts.db);
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** A public job, or 404: a draft (work) job is only its starter's, through /api/work/exports. */
  const publicJob = async (id: string) => {
    const job = await jobs.find(id);
    if (!job || job.audience !== 'public') throw gone();
    return job;
  };
  registerWorkExports(app, { db: opts.db, jobs, present });

  r.post(
    '/cycles/:id/exports',
    {
      config: { access: 'public' },
      schema: {
        tags: ['results'],
        summary: 'Xuất tệp chạy nền (XLSX tổng hợp nhiều tỉnh, PDF lớn…): trả về mã yêu cầu để theo dõi tiến độ',
        params: CycleParams,
        body: ExportJobRequest,
        response: { 202: ExportJobDto, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (req, reply) => {
      const job = await jobs.start({ cycleId: req.params.id, request: req.body, audience: 'public' });
      return reply.status(202).header('location', `/api/exports/${job.id}`).send(present(job));
    },
  );

  r.get(
    '/exports/:jobId',
    {
      config: { access: 'public' },
      schema: { tags: ['results'], summary: 'Tình trạng và tiến độ (0–100) của một yêu cầu xuất tệp', params: JobParams, response: { 200: ExportJobDto, 404: ErrorResponse } },
    },
    async (req) => present(await publicJob(req.params.jobId)),
  );

  r.get(
    '/exports/:jobId/file',
    {
      config: { access: 'public' },
      schema: { tags: ['results'], summary: 'Tải tệp đã xuất (404 khi không có hoặc đã hết hạn, 409 khi chưa xong)', params: JobParams, response: { 200: fileResponse(EXPORT_CONTENT_TYPES), 404: ErrorResponse, 409: ErrorResponse } },
    },
    async (req, reply) => sendJobFile(reply, await publicJob(req.params.jobId), jobs),
  );
};
