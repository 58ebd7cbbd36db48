/**
 * The rubric over HTTP (one call into RubricService each):
 *
 * - for the secretariat and the administrator: the versions, upload of an XLSX annex or a JSON
 *   document (every error listed with sheet, row, column; nothing saved), a version's tree, two
 *   versions compared, the annex XLSX (or JSON) of a version, and replacing the rubric of a
 *   running cycle with a stored version — previewed first (the change report), then confirmed;
 * - for everyone: the rubric a published cycle was scored on, as a tree and as the annex XLSX
 *   (404 while the cycle is not published).
 */
import multipart from '@fastify/multipart';
import {
  ContentTypes,
  FileUpload,
  Limits,
  PublishedRubricDto,
  RubricComparisonDto,
  RubricReplaceRequest,
  RubricReplacementDto,
  RubricTreeDto,
  RubricUploadResult,
  RubricVersionDto,
  SafeText,
  fileResponse,
} from '@parindex/contracts';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { RubricService } from '../../services/rubric.service.ts';
import { userOf } from '../auth.ts';
import { sendDownload } from '../download.ts';
import { readUpload } from '../multipart.ts';

const MANAGERS: Role[] = ['admin', 'secretariat'];
const Id = SafeText.min(1).max(64);
const VersionParams = z.object({ versionId: Id });
const CycleParams = z.object({ id: Id });
const tags = ['rubric'];

/** A rubric version as a file: the annex XLSX, or its JSON. */
const sendRubricFile = (reply: FastifyReply, file: { fileName: string; body: Buffer }) =>
  sendDownload(reply, { contentType: file.fileName.endsWith('.json') ? 'application/json; charset=utf-8' : ContentTypes.xlsx, ...file });

export const rubricRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  await app.register(multipart, { limits: { fileSize: Limits.importFileBytes, files: 1, fields: 5 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rubrics = new RubricService(db);

  // ----- the secretariat's rubric pages -----
  r.get('/work/rubrics', { config: { access: MANAGERS }, schema: { tags, summary: 'Các phiên bản bộ chỉ số, với các kỳ đánh giá dùng từng phiên bản', response: { 200: z.array(RubricVersionDto) } } }, () => rubrics.listVersions());
  r.post(
    '/work/rubrics',
    {
      config: { access: MANAGERS },
      schema: {
        tags,
        summary: 'Tải lên bộ chỉ số (XLSX theo mẫu phụ lục, hoặc JSON): lưu thành phiên bản mới; có lỗi thì không lưu gì và trả về từng lỗi (trang, dòng, cột, nội dung) trong error.details.errors',
        multipartBody: FileUpload,
        response: { 200: RubricUploadResult, 201: RubricUploadResult },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, { maxBytes: Limits.importFileBytes });
      const result = await rubrics.upload(userOf(req), upload.content);
      return reply.status(result.stored ? 201 : 200).send(result);
    },
  );
  r.get(
    '/work/rubrics/compare',
    { config: { access: MANAGERS }, schema: { tags, summary: 'So sánh hai phiên bản: thêm, bỏ, đổi điểm tối đa, đổi cách chấm, đổi nội dung', querystring: z.object({ from: Id, to: Id }), response: { 200: RubricComparisonDto } } },
    (req) => rubrics.compare(req.query.from, req.query.to),
  );
  r.get('/work/rubrics/:versionId', { config: { access: MANAGERS }, schema: { tags, summary: 'Cây tiêu chí của một phiên bản', params: VersionParams, response: { 200: RubricTreeDto } } }, (req) => rubrics.tree(req.params.versionId));
  r.get(
    '/work/rubrics/:versionId/export',
    { config: { access: MANAGERS }, schema: { tags, summary: 'Tải phiên bản bộ chỉ số: XLSX (phụ lục) hoặc JSON', params: VersionParams, querystring: z.object({ format: z.enum(['xlsx', 'json']).default('xlsx') }), response: { 200: fileResponse([ContentTypes.xlsx, ContentTypes.json]) } } },
    async (req, reply) => sendRubricFile(reply, await rubrics.exportVersion(req.params.versionId, req.query.format)),
  );
  r.post(
    '/work/cycles/:id/rubric/preview',
    { config: { access: MANAGERS }, schema: { tags, summary: 'Xem trước việc thay bộ chỉ số của kỳ đang chấm bằng một phiên bản đã lưu (không lưu gì)', params: CycleParams, body: RubricReplaceRequest, response: { 200: RubricReplacementDto } } },
    (req) => rubrics.previewReplaceWithVersion(userOf(req), req.params.id, req.body.versionId, { rescale: req.body.rescale }),
  );
  r.put(
    '/work/cycles/:id/rubric',
    { config: { access: MANAGERS }, schema: { tags, summary: 'Thay bộ chỉ số của kỳ đang chấm (dự thảo, tự đánh giá, thẩm định) bằng một phiên bản đã lưu', params: CycleParams, body: RubricReplaceRequest, response: { 200: RubricReplacementDto } } },
    (req) => rubrics.replaceWithVersion(userOf(req), req.params.id, req.body.versionId, { rescale: req.body.rescale }),
  );

  // ----- the portal -----
  r.get(
    '/cycles/:id/rubric',
    { config: { access: 'public' }, schema: { tags: ['portal'], summary: 'Bộ chỉ số đã dùng để chấm một kỳ đã công bố: lĩnh vực, tiêu chí, điểm tối đa, cách chấm, tài liệu kiểm chứng', params: CycleParams, response: { 200: PublishedRubricDto } } },
    (req) => rubrics.published(req.params.id),
  );
  r.get(
    '/cycles/:id/rubric/export',
    { config: { access: 'public' }, schema: { tags: ['portal'], summary: 'Bộ chỉ số của một kỳ đã công bố, dạng bảng phụ lục XLSX', params: CycleParams, response: { 200: fileResponse([ContentTypes.xlsx]) } } },
    async (req, reply) => sendRubricFile(reply, await rubrics.exportPublished(req.params.id)),
  );
};
