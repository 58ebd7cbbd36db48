/**
 * Beyond the province's own index: the national indices the province is measured by (PAR Index,
 * SIPAS, PAPI, PCI) with targets, units' remediation plans, and portal announcements.
 */
import multipart from '@fastify/multipart';
import {
  ActionDto,
  AnnouncementDto,
  AnnouncementPatch,
  ExternalIndexImportResult,
  ExternalIndexResultRequest,
  ExternalIndexSeries,
  ExternalIndexTargetRequest,
  FileUpload,
  Limits,
  NewAnnouncementRequest,
  NewRemediationActions,
  OkResponse,
  RemediationActionPatch,
  RemediationPlan,
  SafeText,
} from '@parindex/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { EXTERNAL_INDICES, type Role } from '../../db/schema.ts';
import { AnnouncementsService } from '../../services/announcements.service.ts';
import { ExternalIndicesService } from '../../services/external-indices.service.ts';
import { RemediationService } from '../../services/remediation.service.ts';
import { userOf } from '../auth.ts';
import { readUpload } from '../multipart.ts';

const SECRETARIAT: Role[] = ['secretariat'];
const PLAN_EDIT: Role[] = ['secretariat', 'unit_officer', 'unit_head'];
const PLAN_READ: Role[] = ['secretariat', 'admin', 'leader', 'unit_officer', 'unit_head'];

const Id = SafeText.min(1).max(64);
const IndexParams = z.object({ indexCode: z.enum(EXTERNAL_INDICES), year: z.coerce.number().int().min(2000).max(2100) });
const UnitParams = z.object({ id: Id, unitId: Id });

export const planningRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  await app.register(multipart, { limits: { fileSize: Limits.importFileBytes, files: 1, fields: 5 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const indices = new ExternalIndicesService(db);
  const plans = new RemediationService(db);
  const news = new AnnouncementsService(db);

  // ----- external indices -----
  r.get('/external-indices', { config: { access: 'public' }, schema: { tags: ['external'], summary: 'PAR Index, SIPAS, PAPI, PCI của tỉnh theo năm, mục tiêu và khoảng cách', response: { 200: z.array(ExternalIndexSeries) } } }, () => indices.list());
  r.put(
    '/work/external-indices/:indexCode/:year',
    {
      config: { access: SECRETARIAT },
      schema: {
        tags: ['external'],
        summary: 'Nhập kết quả một chỉ số của một năm',
        params: IndexParams,
        body: ExternalIndexResultRequest,
        response: { 200: OkResponse },
      },
    },
    (req) => indices.save(userOf(req), req.params.indexCode, req.params.year, req.body),
  );
  r.put(
    '/work/external-indices/:indexCode/:year/target',
    {
      config: { access: SECRETARIAT },
      schema: {
        tags: ['external'],
        summary: 'Mục tiêu của một chỉ số cho một năm (thứ hạng và/hoặc giá trị); để trống cả hai để bỏ mục tiêu',
        params: IndexParams,
        body: ExternalIndexTargetRequest,
        response: { 200: OkResponse },
      },
    },
    (req) => indices.setTarget(userOf(req), req.params.indexCode, req.params.year, req.body),
  );
  r.post(
    '/work/external-indices/import',
    { config: { access: SECRETARIAT }, schema: { tags: ['external'], summary: 'Nhập kết quả từ CSV/XLSX (mỗi dòng một chỉ số × năm; lỗi ở đâu báo dòng đó, không lưu gì)', multipartBody: FileUpload, response: { 200: ExternalIndexImportResult } } },
    async (req) => {
      const file = await readUpload(req, { maxBytes: Limits.importFileBytes });
      return indices.import(userOf(req), file.content);
    },
  );

  // ----- remediation plans -----
  r.get(
    '/work/cycles/:id/units/:unitId/remediation',
    { config: { access: PLAN_READ, unitScoped: true }, schema: { tags: ['remediation'], summary: 'Kế hoạch khắc phục của đơn vị: tiêu chí mất điểm, việc cần làm, việc của năm trước và kết quả năm nay', params: UnitParams, response: { 200: RemediationPlan } } },
    (req) => plans.view(req.params.id, req.params.unitId),
  );
  r.post(
    '/work/cycles/:id/units/:unitId/remediation',
    {
      config: { access: PLAN_EDIT, unitScoped: true },
      schema: { tags: ['remediation'], summary: 'Thêm việc khắc phục (một hay nhiều)', params: UnitParams, body: NewRemediationActions, response: { 200: z.array(ActionDto) } },
    },
    (req) => plans.create(userOf(req), req.params.id, req.params.unitId, req.body.items),
  );
  r.patch(
    '/work/cycles/:id/units/:unitId/remediation/:actionId',
    { config: { access: PLAN_EDIT, unitScoped: true }, schema: { tags: ['remediation'], summary: 'Sửa một việc khắc phục (nội dung, phụ trách, hạn, trạng thái)', params: UnitParams.extend({ actionId: Id }), body: RemediationActionPatch, response: { 200: ActionDto } } },
    (req) => plans.update(userOf(req), req.params.id, req.params.unitId, req.params.actionId, req.body),
  );

  // ----- announcements -----
  r.get(
    '/announcements',
    { config: { access: 'public' }, schema: { tags: ['announcements'], summary: 'Thông báo đã đăng', querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }), response: { 200: z.array(AnnouncementDto) } } },
    (req) => news.listPublished(req.query.limit),
  );
  r.get('/work/announcements', { config: { access: SECRETARIAT }, schema: { tags: ['announcements'], summary: 'Mọi thông báo, cả bản nháp', response: { 200: z.array(AnnouncementDto) } } }, () => news.listAll());
  r.post(
    '/work/announcements',
    { config: { access: SECRETARIAT }, schema: { tags: ['announcements'], summary: 'Soạn thông báo (đăng ngay nếu publish = true)', body: NewAnnouncementRequest, response: { 200: AnnouncementDto } } },
    (req) => news.create(userOf(req), req.body),
  );
  r.patch(
    '/work/announcements/:announcementId',
    { config: { access: SECRETARIAT }, schema: { tags: ['announcements'], summary: 'Sửa, đăng hoặc gỡ thông báo', params: z.object({ announcementId: Id }), body: AnnouncementPatch, response: { 200: AnnouncementDto } } },
    (req) => news.update(userOf(req), req.params.announcementId, req.body),
  );
};
