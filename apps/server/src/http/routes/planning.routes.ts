/**
 * Beyond the province's own index: the national indices the province is measured by (PAR Index,
 * SIPAS, PAPI, PCI) with targets, units' remediation plans, and portal announcements.
 */
import multipart from '@fastify/multipart';
import { DateString, Limits, SafeText } from '@parindex/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { ACTION_STATUSES, EXTERNAL_INDICES, type Role } from '../../db/schema.ts';
import { AnnouncementsService } from '../../services/announcements.service.ts';
import { ExternalIndicesService, parseValue } from '../../services/external-indices.service.ts';
import { RemediationService } from '../../services/remediation.service.ts';
import { userOf } from '../auth.ts';
import { readUpload } from '../multipart.ts';

const SECRETARIAT: Role[] = ['secretariat'];
const PLAN_EDIT: Role[] = ['secretariat', 'unit_officer', 'unit_head'];
const PLAN_READ: Role[] = ['secretariat', 'admin', 'leader', 'unit_officer', 'unit_head'];

const Id = SafeText.min(1).max(64);
const Value = z
  .string()
  .max(12)
  .transform((s, ctx) => {
    const v = parseValue(s);
    if (v === null) ctx.addIssue({ code: 'custom', message: `"${s}" không phải số (tối đa 4 chữ số thập phân).` });
    return v ?? '0';
  });
const IndexParams = z.object({ indexCode: z.enum(EXTERNAL_INDICES), year: z.coerce.number().int().min(2000).max(2100) });
const UnitParams = z.object({ id: Id, unitId: Id });
const IsoDate = DateString;
const ActionFields = z.object({
  action: SafeText.trim().min(1, 'Hãy ghi việc cần làm.').max(2000),
  owner: SafeText.trim().min(1, 'Hãy ghi người/bộ phận phụ trách.').max(200),
  deadline: IsoDate.nullable().optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  note: SafeText.max(2000).nullable().optional(),
});

export const planningRoutes: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  await app.register(multipart, { limits: { fileSize: Limits.importFileBytes, files: 1, fields: 5 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const indices = new ExternalIndicesService(db);
  const plans = new RemediationService(db);
  const news = new AnnouncementsService(db);

  // ----- external indices -----
  r.get('/external-indices', { config: { access: 'public' }, schema: { tags: ['external'], summary: 'PAR Index, SIPAS, PAPI, PCI của tỉnh theo năm, mục tiêu và khoảng cách' } }, () => indices.list());
  r.put(
    '/work/external-indices/:indexCode/:year',
    {
      config: { access: SECRETARIAT },
      schema: {
        tags: ['external'],
        summary: 'Nhập kết quả một chỉ số của một năm',
        params: IndexParams,
        body: z.object({
          value: Value,
          maxValue: Value.nullable().optional(),
          rank: z.number().int().min(1).max(999).nullable().optional(),
          rankOf: z.number().int().min(1).max(999).nullable().optional(),
          grade: SafeText.max(60).nullable().optional(),
          source: SafeText.max(500).nullable().optional(),
          components: z.array(z.object({ code: SafeText.trim().min(1).max(12), name: SafeText.trim().min(1).max(200), value: Value, max: Value.nullable().optional() })).max(40).optional(),
        }),
      },
    },
    async (req) => {
      await indices.save(userOf(req), req.params.indexCode, req.params.year, req.body);
      return { ok: true };
    },
  );
  r.put(
    '/work/external-indices/:indexCode/:year/target',
    {
      config: { access: SECRETARIAT },
      schema: {
        tags: ['external'],
        summary: 'Mục tiêu của một chỉ số cho một năm (thứ hạng và/hoặc giá trị); để trống cả hai để bỏ mục tiêu',
        params: IndexParams,
        body: z.object({ targetRank: z.number().int().min(1).max(999).nullable().optional(), targetValue: Value.nullable().optional(), note: SafeText.max(500).nullable().optional() }),
      },
    },
    async (req) => {
      await indices.setTarget(userOf(req), req.params.indexCode, req.params.year, req.body);
      return { ok: true };
    },
  );
  r.post(
    '/work/external-indices/import',
    { config: { access: SECRETARIAT }, schema: { tags: ['external'], summary: 'Nhập kết quả từ CSV/XLSX (mỗi dòng một chỉ số × năm; lỗi ở đâu báo dòng đó, không lưu gì)', consumes: ['multipart/form-data'] } },
    async (req) => {
      const file = await readUpload(req, { maxBytes: Limits.importFileBytes });
      return indices.import(userOf(req), file.content);
    },
  );

  // ----- remediation plans -----
  r.get(
    '/work/cycles/:id/units/:unitId/remediation',
    { config: { access: PLAN_READ, unitScoped: true }, schema: { tags: ['remediation'], summary: 'Kế hoạch khắc phục của đơn vị: tiêu chí mất điểm, việc cần làm, việc của năm trước và kết quả năm nay', params: UnitParams } },
    (req) => plans.view(req.params.id, req.params.unitId),
  );
  r.post(
    '/work/cycles/:id/units/:unitId/remediation',
    {
      config: { access: PLAN_EDIT, unitScoped: true },
      schema: { tags: ['remediation'], summary: 'Thêm việc khắc phục (một hay nhiều)', params: UnitParams, body: z.object({ items: z.array(ActionFields.extend({ leafCode: SafeText.min(1).max(40) })).min(1).max(50) }) },
    },
    (req) => plans.create(userOf(req), req.params.id, req.params.unitId, req.body.items),
  );
  r.patch(
    '/work/cycles/:id/units/:unitId/remediation/:actionId',
    { config: { access: PLAN_EDIT, unitScoped: true }, schema: { tags: ['remediation'], summary: 'Sửa một việc khắc phục (nội dung, phụ trách, hạn, trạng thái)', params: UnitParams.extend({ actionId: Id }), body: ActionFields.partial() } },
    (req) => plans.update(userOf(req), req.params.id, req.params.unitId, req.params.actionId, req.body),
  );

  // ----- announcements -----
  r.get(
    '/announcements',
    { config: { access: 'public' }, schema: { tags: ['announcements'], summary: 'Thông báo đã đăng', querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }) } },
    (req) => news.listPublished(req.query.limit),
  );
  r.get('/work/announcements', { config: { access: SECRETARIAT }, schema: { tags: ['announcements'], summary: 'Mọi thông báo, cả bản nháp' } }, () => news.listAll());
  const AnnouncementBody = z.object({ title: SafeText.trim().min(1, 'Hãy ghi tiêu đề.').max(300), body: SafeText.trim().min(1, 'Hãy ghi nội dung.').max(20000), cycleId: Id.nullable().optional() });
  r.post(
    '/work/announcements',
    { config: { access: SECRETARIAT }, schema: { tags: ['announcements'], summary: 'Soạn thông báo (đăng ngay nếu publish = true)', body: AnnouncementBody.extend({ publish: z.boolean().optional() }) } },
    (req) => news.create(userOf(req), req.body),
  );
  r.patch(
    '/work/announcements/:announcementId',
    { config: { access: SECRETARIAT }, schema: { tags: ['announcements'], summary: 'Sửa, đăng hoặc gỡ thông báo', params: z.object({ announcementId: Id }), body: AnnouncementBody.partial().extend({ published: z.boolean().optional() }) } },
    (req) => news.update(userOf(req), req.params.announcementId, req.body),
  );
};
