/**
 * The assessment cycle over HTTP: setup, self-assessment with evidence, appraisal, explanation,
 * council, approval and publication, the status board and the audit trail. Each route names the
 * roles allowed; unit-scoped routes refuse a unit officer or head of another unit.
 */
import multipart from '@fastify/multipart';
import { AppError, DateString, Exclusion, LeafInputs, SafeText } from '@parindex/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { presentCycle } from '../../services/presenters.ts';
import { repositories } from '../../services/repositories.ts';
import { ResultsService } from '../../services/results.service.ts';
import { SCORE_RUN_ROLES, ScoreRuns } from '../../services/jobs/score-run-job.ts';
import { AssessmentService } from '../../services/workflow/assessment.service.ts';
import { listAudit } from '../../services/workflow/audit.ts';
import { CycleAdminService, TRANSITIONS } from '../../services/workflow/cycle-admin.service.ts';
import { CycleLifecycleService } from '../../services/workflow/cycle-lifecycle.service.ts';
import { EvidenceService, MAX_EVIDENCE_BYTES } from '../../services/workflow/evidence.service.ts';
import type { Notifier } from '../../services/workflow/notifier.ts';
import { userOf } from '../auth.ts';
import { readUpload } from '../multipart.ts';
import { councilMinutesDocx } from '../../services/workflow/council-minutes.ts';

const SECRETARIAT: Role[] = ['secretariat'];
const STAFF: Role[] = ['admin', 'secretariat', 'leader', 'council_member', 'council_chair', 'appraiser'];
const UNIT: Role[] = ['unit_officer', 'unit_head'];
const COUNCIL: Role[] = ['council_member', 'council_chair'];

const Id = SafeText.min(1).max(64);
const CycleParams = z.object({ id: Id });
const UnitParams = z.object({ id: Id, unitId: Id });
const LeafParams = z.object({ id: Id, unitId: Id, leafCode: SafeText.min(1).max(40) });
const Decimal3 = z.string().regex(/^\d{1,5}([.,]\d{1,3})?$/, 'Số điểm không hợp lệ (tối đa 3 chữ số thập phân)').transform((s) => s.replace(',', '.'));
/** A proposal's or a council decision's figure: points the rule can give, or raw inputs (the service checks which). */
const ScoredEntryBody = z.object({ points: Decimal3.nullable().optional(), inputs: LeafInputs.nullable().optional() });
const IsoDate = DateString;
const Deadlines = z.object({ self: IsoDate.optional(), appraisal: IsoDate.optional(), explanation: IsoDate.optional(), council: IsoDate.optional() });
const tags = ['workflow'];

/**
 * An evidence document's identity, required here as on the upload form (the browser's check alone
 * is no check): each message names the form's field.
 */
const requiredText = (label: string, max: number) =>
  z.string({ error: `Hãy nhập "${label}" của tài liệu.` }).trim().min(1, `Hãy nhập "${label}" của tài liệu.`).max(max, `"${label}" dài quá ${max} ký tự.`);
const EvidenceMeta = z.object({
  numberSymbol: requiredText('Số, ký hiệu', 100),
  issuedDate: z.string({ error: 'Hãy nhập "Ngày ban hành" của tài liệu.' }).trim().min(1, 'Hãy nhập "Ngày ban hành" của tài liệu.').refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d), '"Ngày ban hành" không phải một ngày hợp lệ (dạng YYYY-MM-DD).'),
  issuer: requiredText('Cơ quan ban hành', 200),
  signer: z.string().trim().max(120, '"Người ký" dài quá 120 ký tự.').nullable(),
});

export const workflowRoutes: FastifyPluginAsync<{ db: Db; notifier: Notifier }> = async (app, { db, notifier }) => {
  await app.register(multipart, { limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 10 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const assessment = new AssessmentService(db, notifier);
  const admin = new CycleAdminService(db, notifier);
  const lifecycle = new CycleLifecycleService(db, notifier);
  const evidence = new EvidenceService(db);
  const results = new ResultsService(db);

  // ----- reference data and cycles for signed-in users -----
  r.get('/units', { config: { access: [...STAFF] }, schema: { tags, summary: 'Danh mục đơn vị' } }, async () => {
    const collator = new Intl.Collator('vi');
    return (await repositories(db).units.listAll()).sort((a, b) => collator.compare(a.name, b.name)).map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind }));
  });
  r.get('/rubrics', { config: { access: ['admin', 'secretariat'] }, schema: { tags, summary: 'Các phiên bản bộ chỉ số' } }, async () =>
    (await repositories(db).rubrics.list()).map((v) => ({ id: v.id, code: v.code, version: v.version, year: v.year, name: v.name })),
  );
  r.get('/work/cycles', { config: { access: 'authenticated' }, schema: { tags, summary: 'Các kỳ đánh giá (mọi trạng thái) cho người dùng đã đăng nhập' } }, async () =>
    (await repositories(db).cycles.list()).filter((c) => c.source === 'assessed').map((c) => ({ ...presentCycle(c), deadlines: c.deadlines, next: TRANSITIONS[c.status] ?? [] })),
  );
  r.post(
    '/work/cycles',
    {
      config: { access: SECRETARIAT },
      schema: {
        tags,
        summary: 'Tạo kỳ đánh giá từ một phiên bản bộ chỉ số',
        body: z.object({ year: z.number().int().min(2000).max(2100), name: SafeText.min(1).max(200), rubricVersionId: Id, units: z.array(z.object({ unitId: Id, peerGroup: SafeText.min(1).max(60) })).min(1), deadlines: Deadlines.optional() }),
      },
    },
    (req) => admin.create(userOf(req), req.body),
  );
  r.put('/work/cycles/:id/deadlines', { config: { access: SECRETARIAT }, schema: { tags, summary: 'Hạn từng giai đoạn', params: CycleParams, body: Deadlines } }, (req) =>
    admin.setDeadlines(userOf(req), req.params.id, req.body),
  );
  // Stage changes go through the lifecycle service: a checklist gates each one (override with a reason).
  const GateOverride = z.object({ reason: SafeText.max(2000) }).nullable().optional();
  r.post(
    '/work/cycles/:id/status',
    { config: { access: SECRETARIAT }, schema: { tags, summary: 'Chuyển giai đoạn (kiểm tra điều kiện; chuyển dù chưa đạt khi có lý do)', params: CycleParams, body: z.object({ to: z.enum(['open', 'appraisal', 'council', 'closed']), override: GateOverride }) } },
    (req) => lifecycle.transition(userOf(req), req.params.id, req.body.to, req.body.override),
  );
  r.get(
    '/work/cycles/:id/checklist',
    { config: { access: ['admin', 'secretariat', 'leader', 'council_chair'] }, schema: { tags, summary: 'Điều kiện chuyển sang một giai đoạn', params: CycleParams, querystring: z.object({ to: z.enum(['open', 'appraisal', 'council', 'approved', 'published', 'closed']) }) } },
    (req) => lifecycle.checklist(req.params.id, req.query.to),
  );
  r.get('/work/cycles/:id/overrides', { config: { access: ['admin', 'secretariat', 'leader'] }, schema: { tags, summary: 'Các lần chuyển giai đoạn dù chưa đạt điều kiện, với lý do', params: CycleParams } }, (req) =>
    lifecycle.overrides(req.params.id),
  );
  r.get('/work/cycles/:id/setup', { config: { access: ['admin', 'secretariat'] }, schema: { tags, summary: 'Đơn vị, nhóm, loại trừ và phân công thẩm định', params: CycleParams } }, async (req) => {
    const repos = repositories(db);
    const { rubric } = await assessment.cycleAndRubric(req.params.id);
    return {
      units: await repos.cycles.listCycleUnits(req.params.id),
      peerGroups: rubric.doc.peerGroups,
      fields: rubric.doc.fields.map((f) => ({ code: f.code, title: f.title })),
      exclusions: await repos.cycles.listExclusions(req.params.id),
      assignments: await admin.assignments(req.params.id),
    };
  });
  r.put(
    '/work/cycles/:id/units/:unitId/exclusions',
    { config: { access: SECRETARIAT }, schema: { tags, summary: 'Loại trừ tiêu chí không áp dụng, có căn cứ', params: UnitParams, body: z.array(Exclusion).max(200) } },
    (req) => admin.setExclusions(userOf(req), req.params.id, req.params.unitId, req.body),
  );
  r.post(
    '/work/cycles/:id/assignments',
    { config: { access: SECRETARIAT }, schema: { tags, summary: 'Phân công thẩm định', params: CycleParams, body: z.object({ userId: Id, nodeCode: SafeText.min(1).max(40) }) } },
    (req) => admin.assign(userOf(req), req.params.id, req.body.userId, req.body.nodeCode),
  );
  r.delete(
    '/work/cycles/:id/assignments',
    { config: { access: SECRETARIAT }, schema: { tags, summary: 'Bỏ phân công thẩm định', params: CycleParams, querystring: z.object({ userId: Id, nodeCode: SafeText.min(1).max(40) }) } },
    (req) => admin.unassign(userOf(req), req.params.id, req.query.userId, req.query.nodeCode),
  );

  // ----- self-assessment -----
  r.get(
    '/work/cycles/:id/units/:unitId/sheet',
    { config: { access: [...STAFF, ...UNIT], unitScoped: true }, schema: { tags, summary: 'Phiếu tự đánh giá của đơn vị (mọi tiêu chí áp dụng, điểm từng giai đoạn)', params: UnitParams } },
    (req) => assessment.sheet(req.params.id, req.params.unitId),
  );
  r.put(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/self',
    {
      config: { access: UNIT, unitScoped: true },
      schema: { tags, summary: 'Lưu số liệu tự đánh giá một tiêu chí (điểm do hệ thống tính)', params: LeafParams, body: z.object({ inputs: LeafInputs, note: SafeText.max(5000).nullable().optional(), revision: z.number().int().min(0) }) },
    },
    (req) => assessment.saveSelf(userOf(req), req.params.id, req.params.unitId, req.params.leafCode, req.body),
  );
  r.post('/work/cycles/:id/units/:unitId/submit', { config: { access: ['unit_head'], unitScoped: true }, schema: { tags, summary: 'Thủ trưởng phê duyệt và gửi kết quả tự đánh giá', params: UnitParams } }, (req) =>
    assessment.submitSelf(userOf(req), req.params.id, req.params.unitId),
  );
  r.post(
    '/work/cycles/:id/units/:unitId/return',
    { config: { access: SECRETARIAT }, schema: { tags, summary: 'Trả lại kết quả tự đánh giá để đơn vị sửa', params: UnitParams, body: z.object({ reason: SafeText.min(1).max(2000) }) } },
    (req) => assessment.returnSelf(userOf(req), req.params.id, req.params.unitId, req.body.reason),
  );

  // ----- evidence -----
  r.get('/work/cycles/:id/units/:unitId/documents', { config: { access: [...STAFF, ...UNIT], unitScoped: true }, schema: { tags, summary: 'Tài liệu kiểm chứng của đơn vị', params: UnitParams } }, (req) =>
    assessment.listDocuments(req.params.id, req.params.unitId),
  );
  r.post(
    '/work/cycles/:id/units/:unitId/documents',
    { config: { access: UNIT, unitScoped: true }, schema: { tags, summary: 'Tải lên tài liệu kiểm chứng (multipart: file, numberSymbol, issuedDate, issuer, signer)', params: UnitParams, consumes: ['multipart/form-data'] } },
    async (req) => {
      const file = await readUpload(req, { maxBytes: MAX_EVIDENCE_BYTES, fields: ['numberSymbol', 'issuedDate', 'issuer', 'signer'] });
      const field = (name: string) => file.fields[name] ?? null;
      const meta = EvidenceMeta.safeParse({ numberSymbol: field('numberSymbol'), issuedDate: field('issuedDate'), issuer: field('issuer'), signer: field('signer') });
      if (!meta.success)
        throw new AppError('VALIDATION', meta.error.issues.map((i) => i.message).join(' '), meta.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })));
      return evidence.upload(userOf(req), req.params.id, req.params.unitId, file.name, file.content, meta.data);
    },
  );
  r.put(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/evidence',
    { config: { access: UNIT, unitScoped: true }, schema: { tags, summary: 'Gắn tài liệu kiểm chứng với tiêu chí', params: LeafParams, body: z.object({ documentId: Id, page: SafeText.max(40).nullable().optional() }) } },
    (req) => evidence.link(userOf(req), req.params.id, req.params.unitId, req.params.leafCode, req.body.documentId, req.body.page ?? null),
  );
  r.delete(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/evidence/:documentId',
    { config: { access: UNIT, unitScoped: true }, schema: { tags, summary: 'Bỏ tài liệu khỏi tiêu chí', params: LeafParams.extend({ documentId: Id }) } },
    (req) => evidence.unlink(userOf(req), req.params.id, req.params.unitId, req.params.leafCode, req.params.documentId),
  );
  r.get('/work/documents/:documentId/file', { config: { access: [...STAFF, ...UNIT] }, schema: { tags, summary: 'Xem tài liệu kiểm chứng', params: z.object({ documentId: Id }) } }, async (req, reply) => {
    const { doc, content } = await evidence.file(userOf(req), req.params.documentId);
    return reply
      .header('content-type', doc.mime)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
      .send(content);
  });

  // ----- appraisal -----
  r.get('/work/cycles/:id/appraisal', { config: { access: ['appraiser', 'secretariat'] }, schema: { tags, summary: 'Hàng đợi thẩm định: các tiêu chí được phân công ở mọi đơn vị', params: CycleParams } }, (req) =>
    assessment.appraisalQueue(userOf(req), req.params.id),
  );
  r.put(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/proposal',
    {
      config: { access: ['appraiser', 'secretariat'] },
      schema: { tags, summary: 'Đề xuất điểm thẩm định: điểm theo phương pháp chấm của tiêu chí, hoặc số liệu để hệ thống tính điểm (lý do bắt buộc khi khác điểm tự chấm)', params: LeafParams, body: ScoredEntryBody.extend({ reason: SafeText.max(5000).nullable().optional(), revision: z.number().int().min(0) }) },
    },
    (req) => assessment.propose(userOf(req), req.params.id, req.params.unitId, req.params.leafCode, req.body),
  );
  r.post(
    '/work/cycles/:id/appraisal/accept',
    {
      config: { access: ['appraiser', 'secretariat'] },
      schema: { tags, summary: 'Chấp nhận điểm tự chấm cho nhiều tiêu chí', params: CycleParams, body: z.object({ items: z.array(z.object({ unitId: Id, leafCode: SafeText.min(1).max(40), revision: z.number().int().min(0) })).min(1).max(5000) }) },
    },
    (req) => assessment.acceptMany(userOf(req), req.params.id, req.body.items),
  );

  // ----- explanation -----
  r.put(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/response',
    {
      config: { access: UNIT, unitScoped: true },
      schema: { tags, summary: 'Giải trình: đồng ý với điểm đề xuất, hoặc giải trình', params: LeafParams, body: z.object({ response: z.enum(['accepted', 'explained']), text: SafeText.max(5000).nullable().optional(), revision: z.number().int().min(0) }) },
    },
    (req) => assessment.respond(userOf(req), req.params.id, req.params.unitId, req.params.leafCode, req.body),
  );
  r.post('/work/cycles/:id/units/:unitId/explanation/submit', { config: { access: ['unit_head'], unitScoped: true }, schema: { tags, summary: 'Gửi giải trình', params: UnitParams } }, (req) =>
    assessment.submitExplanation(userOf(req), req.params.id, req.params.unitId),
  );

  // ----- council -----
  r.get('/work/cycles/:id/council', { config: { access: [...COUNCIL, 'secretariat'] }, schema: { tags, summary: 'Nội dung còn ý kiến khác nhau sau giải trình', params: CycleParams } }, (req) => assessment.councilItems(req.params.id));
  r.put(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/council',
    { config: { access: COUNCIL }, schema: { tags, summary: 'Quyết định của Hội đồng cho một nội dung: điểm theo phương pháp chấm, hoặc số liệu để hệ thống tính điểm', params: LeafParams, body: ScoredEntryBody.extend({ reason: SafeText.min(1).max(5000), revision: z.number().int().min(0) }) } },
    (req) => assessment.decide(userOf(req), req.params.id, req.params.unitId, req.params.leafCode, req.body),
  );
  r.post(
    '/work/cycles/:id/council/decisions',
    {
      config: { access: COUNCIL },
      schema: {
        tags,
        summary: 'Quyết định của Hội đồng cho nhiều nội dung một lần (không nhập điểm: giữ điểm tự chấm), cùng một lý do',
        params: CycleParams,
        body: z.object({ items: z.array(z.object({ unitId: Id, leafCode: SafeText.min(1).max(40), revision: z.number().int().min(0), points: Decimal3.nullable().optional() })).min(1).max(5000), reason: SafeText.min(1).max(5000) }),
      },
    },
    (req) => assessment.decideMany(userOf(req), req.params.id, req.body),
  );
  r.get('/work/cycles/:id/council/minutes', { config: { access: [...COUNCIL, 'secretariat'] }, schema: { tags, summary: 'Biên bản họp Hội đồng (DOCX)', params: CycleParams } }, async (req, reply) => {
    const cycle = await repositories(db).cycles.getById(req.params.id);
    const body = await councilMinutesDocx(cycle, await assessment.councilItems(req.params.id));
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="bien-ban-hoi-dong-${cycle.year}.docx"`)
      .send(body);
  });
  r.post('/work/cycles/:id/approve', { config: { access: ['council_chair'] }, schema: { tags, summary: 'Chủ tịch Hội đồng phê duyệt điểm cuối cùng', params: CycleParams } }, (req) => lifecycle.approve(userOf(req), req.params.id));

  // ----- results, publication -----
  r.post('/work/cycles/:id/compute', { config: { access: SECRETARIAT }, schema: { tags, summary: 'Tính kết quả (tạm tính trước khi phê duyệt)', params: CycleParams } }, (req) =>
    results.compute(req.params.id),
  );
  // The same computation as a background job the page polls (services/jobs/score-run-job.ts): one run per cycle at a time.
  const scoreRuns = new ScoreRuns(db);
  r.post('/work/cycles/:id/compute-jobs', { config: { access: [...SCORE_RUN_ROLES.results] }, schema: { tags, summary: 'Tính kết quả chạy nền: trả về lượt tính (mã, tiến độ, địa chỉ theo dõi); đang có lượt chờ hoặc đang chạy thì trả về lượt đó', params: CycleParams } }, async (req, reply) => {
    const job = await scoreRuns.start(userOf(req), 'results', req.params.id);
    return reply.status(202).header('location', job.pollUrl).send(job);
  });
  r.get('/work/cycles/:id/compute-jobs/:jobId', { config: { access: [...SCORE_RUN_ROLES.results] }, schema: { tags, summary: 'Tình trạng và tiến độ (0–100) một lượt tính kết quả chạy nền (chỉ người đã yêu cầu xem được)', params: z.object({ id: Id, jobId: Id }) } }, (req) =>
    scoreRuns.find(userOf(req), 'results', req.params.id, req.params.jobId),
  );
  r.get('/work/cycles/:id/results', { config: { access: ['admin', 'secretariat', 'leader', ...COUNCIL] }, schema: { tags, summary: 'Bảng kết quả trước khi công bố', params: CycleParams } }, (req) =>
    results.getResults(req.params.id, { publicOnly: false }),
  );
  r.post(
    '/work/cycles/:id/publish',
    {
      config: { access: SECRETARIAT },
      schema: { tags, summary: 'Công bố (hoặc đính chính, kèm lý do): số và ngày quyết định phê duyệt', params: CycleParams, body: z.object({ decisionNumber: SafeText.min(1).max(60), decisionDate: IsoDate, reason: SafeText.max(2000).nullable().optional(), override: GateOverride }) },
    },
    (req) => lifecycle.publish(userOf(req), req.params.id, req.body, req.body.override),
  );
  r.get('/cycles/:id/publications', { config: { access: 'public' }, schema: { tags: ['results'], summary: 'Các lần công bố (bản gốc và đính chính)', params: CycleParams } }, (req) =>
    admin.publications(req.params.id),
  );

  // ----- status board, reminders, history, audit, notifications -----
  r.get('/work/cycles/:id/status-board', { config: { access: ['admin', 'secretariat', 'leader'] }, schema: { tags, summary: 'Tiến độ: đơn vị × giai đoạn', params: CycleParams } }, (req) => admin.statusBoard(req.params.id));
  r.post(
    '/work/cycles/:id/reminders',
    { config: { access: SECRETARIAT }, schema: { tags, summary: 'Nhắc việc các đơn vị (trong ứng dụng và e-mail)', params: CycleParams, body: z.object({ unitIds: z.array(Id).min(1).max(5000), message: SafeText.min(1).max(1000) }) } },
    (req) => admin.remind(userOf(req), req.params.id, req.body.unitIds, req.body.message),
  );
  r.get(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/history',
    { config: { access: [...STAFF, ...UNIT], unitScoped: true }, schema: { tags, summary: 'Điểm qua từng giai đoạn và nhật ký của một tiêu chí', params: LeafParams } },
    (req) => assessment.leafHistory(req.params.id, req.params.unitId, req.params.leafCode),
  );
  r.get(
    '/work/cycles/:id/audit',
    { config: { access: ['admin', 'secretariat'] }, schema: { tags, summary: 'Nhật ký thay đổi', params: CycleParams, querystring: z.object({ unitId: Id.optional(), subject: SafeText.max(60).optional() }) } },
    (req) => listAudit(db, { cycleId: req.params.id, unitId: req.query.unitId, subject: req.query.subject }),
  );
  r.get('/notifications', { config: { access: 'authenticated' }, schema: { tags, summary: 'Thông báo của tôi' } }, (req) => notifier.list(userOf(req).id));
  r.post('/notifications/:notificationId/read', { config: { access: 'authenticated' }, schema: { tags, summary: 'Đánh dấu đã đọc', params: z.object({ notificationId: Id }) } }, async (req) => {
    await notifier.markRead(userOf(req).id, req.params.notificationId);
    return { ok: true };
  });
};
