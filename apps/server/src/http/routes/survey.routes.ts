/**
 * Surveys over HTTP. The public form (no login: a one-time link or a desk code) fetches its
 * questionnaire and posts responses — idempotent on the id made on the device, rate-limited per
 * address, per link and per desk (survey-rate-limits.ts); a closed survey answers 410 (survey-windows.ts). Staff routes manage questionnaires, the sample plan, links and desks, their collection windows,
 * imports, quality and exclusions, scoring, SIPAS and the CSV export.
 */
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { AppError, SafeJson, SafeText, SurveyAnswers, SurveyCode, SurveyDatesBody, SurveyOpenBody } from '@parindex/contracts';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { exportQuestionnaireXlsx } from '../../survey-io/questionnaire-xlsx.ts';
import { publicSurveyHooks, publicSurveyLimits, type PublicSurveyLimits } from './survey-rate-limits.ts';
import type { RateLimitStores } from '../rate-limit-store.ts';
import { exportResponsesTemplate } from '../../survey-io/responses-template.ts';
import { sampleParQuestionnaire, sampleSipasQuestionnaire } from '../../survey-io/sample-questionnaires.ts';
import { repositories } from '../../services/repositories.ts';
import { SurveyService } from '../../services/surveys/survey.service.ts';
import { SCORE_RUN_ROLES, ScoreRuns } from '../../services/jobs/score-run-job.ts';
import { SurveyWindowService } from '../../services/surveys/survey-windows.ts';
import { userOf } from '../auth.ts';
import { readUpload } from '../multipart.ts';

const Id = SafeText.min(1).max(64);
const tags = ['surveys'];
const MANAGE: Role[] = ['secretariat'];
const READ: Role[] = ['admin', 'secretariat', 'leader'];
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export interface SurveyRoutesOptions {
  db: Db;
  /** Limits of the public form (survey-rate-limits.ts); a number sets them all (tests, benchmarks). */
  publicRateLimit?: number | Partial<PublicSurveyLimits>;
  /** Where the form's rate-limit counters live: the database, shared by every server (../rate-limit-store.ts). */
  rateLimitStores: RateLimitStores;
  /** Key of the dossier-code HMAC (services/surveys/survey-secret.ts). */
  secret?: Buffer;
}

const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** The uploaded file and the switches sent before it ("identified" = "1"/"true", "unitId", "respondentGroup"). */
const uploadedFile = (req: FastifyRequest) => readUpload(req, { maxBytes: MAX_IMPORT_BYTES, fields: ['identified', 'unitId', 'respondentGroup'] });

export const surveyRoutes: FastifyPluginAsync<SurveyRoutesOptions> = async (app, opts) => {
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } });
  await app.register(rateLimit, { global: false, store: opts.rateLimitStores('survey:') });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const surveys = new SurveyService(opts.db, { secret: opts.secret });
  const windows = new SurveyWindowService(opts.db);
  const scoreRuns = new ScoreRuns(opts.db);
  const limits = publicSurveyHooks(app, publicSurveyLimits(opts.publicRateLimit));

  // ----- public form -----
  r.get(
    '/public/surveys/:code',
    { config: { access: 'public' }, onRequest: limits.onRequest, preHandler: limits.preHandler, onSend: limits.onSend, schema: { tags, summary: 'Phiếu khảo sát cho người trả lời (đường dẫn một lần hoặc mã quầy)', params: z.object({ code: SafeText.min(1).max(80) }), querystring: z.object({ t: SafeText.max(100).optional(), quay: SafeText.max(20).optional() }) } },
    (req) => surveys.publicForm(req.params.code, { token: req.query.t, desk: req.query.quay }),
  );
  r.post(
    '/public/surveys/:code/responses',
    {
      config: { access: 'public', csrf: false },
      onRequest: limits.onRequest,
      preHandler: limits.preHandler,
      onSend: limits.onSend,
      schema: {
        tags,
        summary: 'Gửi một phiếu trả lời (gửi lại cùng mã phiếu không tạo bản trùng)',
        params: z.object({ code: SafeText.min(1).max(80) }),
        body: z.object({
          token: SafeText.max(100).optional(),
          desk: SafeText.max(20).optional(),
          dossierCode: SafeText.max(60).optional(),
          response: z.object({
            id: z.uuid('Mã phiếu trả lời phải là UUID'),
            respondentGroup: SurveyCode,
            evaluatedUnitCode: SafeText.trim().min(1).max(80).optional(),
            answers: SurveyAnswers,
            startedAt: z.iso.datetime({ offset: true }).optional(),
            submittedAt: z.iso.datetime({ offset: true }).optional(),
            durationSeconds: z.number().nonnegative().max(7 * 24 * 3600).optional(),
          }),
        }),
        response: { 200: z.object({ id: z.string(), stored: z.boolean() }) },
      },
    },
    (req) => surveys.submit(req.params.code, req.body),
  );

  // ----- questionnaires -----
  r.get('/work/cycles/:id/surveys', { config: { access: READ }, schema: { tags, summary: 'Các phiếu khảo sát của kỳ', params: z.object({ id: Id }) } }, (req) => surveys.list(req.params.id));
  r.post(
    '/work/cycles/:id/surveys',
    { config: { access: MANAGE }, schema: { tags, summary: 'Tạo phiếu (JSON), hoặc từ phiếu mẫu SIPAS / điều tra XHH', params: z.object({ id: Id }), body: z.object({ document: SafeJson.optional(), sample: z.enum(['sipas', 'par']).optional(), identified: z.boolean().optional() }) } },
    async (req) => {
      let doc: unknown = req.body.document;
      if (req.body.sample) {
        // The sample forms are written for 2025: re-dated for the cycle's year, with the year in the code.
        const { year } = await repositories(opts.db).cycles.getById(req.params.id);
        const sample = req.body.sample === 'sipas' ? sampleSipasQuestionnaire() : sampleParQuestionnaire();
        doc = JSON.parse(JSON.stringify({ ...sample, year }).replaceAll('2025', String(year)));
      }
      if (!doc) throw new AppError('VALIDATION', 'Cần nội dung phiếu hoặc chọn phiếu mẫu.');
      const created = await surveys.create(userOf(req), req.params.id, doc, { identified: req.body.identified });
      return { id: created.id, code: created.code };
    },
  );
  r.post('/work/cycles/:id/surveys/import', { config: { access: MANAGE }, schema: { tags, summary: 'Nhập phiếu từ tệp XLSX (trường "identified" = 1: phiếu ghi danh, gửi trước tệp)', params: z.object({ id: Id }), consumes: ['multipart/form-data'] } }, async (req) => {
    const file = await uploadedFile(req);
    const created = await surveys.importXlsx(userOf(req), req.params.id, file.content, { identified: ['1', 'true'].includes(file.fields.identified ?? '') });
    return { id: created.id, code: created.code };
  });
  r.get('/work/surveys/:qid', { config: { access: READ }, schema: { tags, summary: 'Nội dung phiếu', params: z.object({ qid: Id }) } }, async (req) => (await surveys.get(req.params.qid)).document);
  r.get('/work/surveys/:qid/xlsx', { config: { access: READ }, schema: { tags, summary: 'Tải phiếu (XLSX)', params: z.object({ qid: Id }) } }, async (req, reply) => {
    const q = await surveys.get(req.params.qid);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="phieu-${q.code}.xlsx"`).send(await exportQuestionnaireXlsx(q.document, { identified: q.identified === 1 }));
  });
  r.get('/work/surveys/:qid/template.xlsx', { config: { access: READ }, schema: { tags, summary: 'Mẫu tệp nhập phiếu trả lời (XLSX)', params: z.object({ qid: Id }) } }, async (req, reply) => {
    const q = await surveys.get(req.params.qid);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="mau-nhap-${q.code}.xlsx"`).send(await exportResponsesTemplate(q.document));
  });

  // ----- sample plan, links, desks -----
  r.put(
    '/work/surveys/:qid/targets',
    {
      config: { access: MANAGE },
      schema: { tags, summary: 'Cỡ mẫu theo đơn vị × nhóm đối tượng (n = N/(1+N·e²) khi chỉ cho N và e)', params: z.object({ qid: Id }), body: z.array(z.object({ unitId: Id, respondentGroup: SafeText.min(1).max(40), transactions: z.number().int().positive().nullable().optional(), margin: z.string().regex(/^0?\.\d+$/).nullable().optional(), target: z.number().int().positive().nullable().optional() })).max(20000) },
    },
    (req) => surveys.setTargets(userOf(req), req.params.qid, req.body),
  );
  r.get('/work/surveys/:qid/progress', { config: { access: READ }, schema: { tags, summary: 'Tỷ lệ phản hồi so với cỡ mẫu', params: z.object({ qid: Id }) } }, (req) => surveys.progress(req.params.qid));
  r.post(
    '/work/surveys/:qid/tokens',
    { config: { access: MANAGE }, schema: { tags, summary: 'Tạo đường dẫn dùng một lần và mã QR (chỉ hiện một lần)', params: z.object({ qid: Id }), body: z.object({ unitId: Id.nullable().optional(), respondentGroup: SafeText.min(1).max(40), count: z.number().int().min(1).max(5000).optional(), labels: z.array(SafeText.max(200)).max(5000).optional() }) } },
    (req) => surveys.makeTokens(userOf(req), req.params.qid, { ...req.body, baseUrl: baseUrl(req) }),
  );
  r.post(
    '/work/surveys/:qid/tokens/from-list',
    { config: { access: MANAGE }, schema: { tags, summary: 'Tạo một đường dẫn dùng một lần cho mỗi người trong danh sách (CSV/XLSX: Họ và tên, Đơn vị công tác, Email, Đơn vị được đánh giá); không tạo gì nếu có dòng lỗi', params: z.object({ qid: Id }), consumes: ['multipart/form-data'] } },
    async (req) => {
      const file = await uploadedFile(req);
      const group = file.fields.respondentGroup;
      if (!group) throw new AppError('VALIDATION', 'Hãy chọn nhóm đối tượng của danh sách (trường "respondentGroup", gửi trước tệp).', [{ field: 'respondentGroup', message: 'bắt buộc' }]);
      return surveys.tokensFromList(userOf(req), req.params.qid, file.content, { unitId: file.fields.unitId || null, respondentGroup: group, baseUrl: baseUrl(req) });
    },
  );
  r.get('/work/surveys/:qid/desks', { config: { access: READ }, schema: { tags, summary: 'Các quầy khảo sát (ki-ốt)', params: z.object({ qid: Id }) } }, (req) => surveys.listDesks(req.params.qid));
  r.post(
    '/work/surveys/:qid/desks',
    { config: { access: MANAGE }, schema: { tags, summary: 'Tạo quầy khảo sát tại Bộ phận Một cửa (một mã QR mỗi quầy)', params: z.object({ qid: Id }), body: z.object({ unitId: Id, name: SafeText.min(1).max(200), respondentGroup: SafeText.min(1).max(40), requireDossier: z.boolean().optional() }) } },
    (req) => surveys.createDesk(userOf(req), req.params.qid, { ...req.body, baseUrl: baseUrl(req) }),
  );

  // ----- collection windows: close, reopen, dates (survey-windows.ts) -----
  r.get('/work/cycles/:id/surveys/windows', { config: { access: READ }, schema: { tags, summary: 'Trạng thái nhận phiếu của các phiếu và quầy khảo sát (mở, đã đóng, chưa đến ngày, đã hết hạn)', params: z.object({ id: Id }) } }, (req) => windows.list(req.params.id));
  r.post('/work/surveys/:qid/close', { config: { access: MANAGE }, schema: { tags, summary: 'Đóng phiếu khảo sát: không nhận thêm phiếu trả lời (410)', params: z.object({ qid: Id }) } }, (req) => windows.close(userOf(req), null, { questionnaire: req.params.qid }));
  r.post('/work/surveys/:qid/open', { config: { access: MANAGE }, schema: { tags, summary: 'Mở lại phiếu khảo sát từ hôm nay (tùy chọn đến ngày)', params: z.object({ qid: Id }), body: SurveyOpenBody } }, (req) => windows.open(userOf(req), null, { questionnaire: req.params.qid }, { until: req.body.until }));
  r.put('/work/surveys/:qid/dates', { config: { access: MANAGE }, schema: { tags, summary: 'Ngày bắt đầu và kết thúc nhận phiếu (giờ Việt Nam, tính cả hai ngày)', params: z.object({ qid: Id }), body: SurveyDatesBody } }, (req) => windows.setDates(userOf(req), null, { questionnaire: req.params.qid }, req.body));
  r.post('/work/survey-desks/:code/close', { config: { access: MANAGE }, schema: { tags, summary: 'Đóng quầy khảo sát', params: z.object({ code: SafeText.min(1).max(20) }) } }, (req) => windows.close(userOf(req), null, { desk: req.params.code }));
  r.post('/work/survey-desks/:code/open', { config: { access: MANAGE }, schema: { tags, summary: 'Mở lại quầy khảo sát từ hôm nay (tùy chọn đến ngày)', params: z.object({ code: SafeText.min(1).max(20) }), body: SurveyOpenBody } }, (req) => windows.open(userOf(req), null, { desk: req.params.code }, { until: req.body.until }));
  r.put('/work/survey-desks/:code/dates', { config: { access: MANAGE }, schema: { tags, summary: 'Ngày bắt đầu và kết thúc nhận phiếu của một quầy', params: z.object({ code: SafeText.min(1).max(20) }), body: SurveyDatesBody } }, (req) => windows.setDates(userOf(req), null, { desk: req.params.code }, req.body));

  // ----- responses -----
  r.post('/work/surveys/:qid/responses/import', { config: { access: MANAGE }, schema: { tags, summary: 'Nhập phiếu trả lời từ CSV/XLSX (báo cáo từng dòng bị loại)', params: z.object({ qid: Id }), consumes: ['multipart/form-data'] } }, async (req) => {
    const file = await uploadedFile(req);
    return surveys.importFile(userOf(req), req.params.qid, file.content);
  });
  r.post('/work/surveys/:qid/responses/import-jobs', { config: { access: MANAGE }, schema: { tags, summary: 'Nhập phiếu trả lời chạy nền: trả về mã lượt nhập để theo dõi tiến độ', params: z.object({ qid: Id }), consumes: ['multipart/form-data'] } }, async (req, reply) => {
    await surveys.get(req.params.qid);
    const file = await uploadedFile(req);
    const job = await surveys.startImport(userOf(req), req.params.qid, file.content, file.name);
    return reply.status(202).send({ jobId: job.id, totalRows: job.totalRows });
  });
  r.get('/work/survey-import-jobs/:jobId', { config: { access: MANAGE }, schema: { tags, summary: 'Tiến độ và kết quả một lượt nhập phiếu', params: z.object({ jobId: Id }) } }, async (req) => {
    const { userId: _, ...job } = await surveys.importJob(userOf(req), req.params.jobId);
    return job;
  });
  r.post(
    '/work/surveys/:qid/paper',
    {
      config: { access: MANAGE },
      schema: { tags, summary: 'Nhập phiếu giấy (mỗi phiếu nhập hai lần bởi hai người; chỉ lưu khi hai lần khớp)', params: z.object({ qid: Id }), body: z.object({ serial: SafeText.min(1).max(40), respondentGroup: SafeText.min(1).max(40), evaluatedUnitCode: SafeText.max(80).nullable().optional(), answers: SurveyAnswers }) },
    },
    (req) => surveys.enterPaper(userOf(req), req.params.qid, req.body),
  );
  r.get('/work/surveys/:qid/paper', { config: { access: READ }, schema: { tags, summary: 'Phiếu giấy đang chờ nhập lần hai hoặc đối chiếu', params: z.object({ qid: Id }) } }, (req) => surveys.pendingPaper(req.params.qid));
  r.get('/work/surveys/:qid/quality', { config: { access: READ }, schema: { tags, summary: 'Phiếu nghi trùng, trả lời một kiểu, trả lời quá nhanh', params: z.object({ qid: Id }) } }, (req) => surveys.quality(req.params.qid));
  r.put(
    '/work/survey-responses/:responseId/exclusion',
    { config: { access: MANAGE }, schema: { tags, summary: 'Loại (hoặc khôi phục) một phiếu, có lý do', params: z.object({ responseId: Id }), body: z.object({ reason: SafeText.max(1000).nullable() }) } },
    (req) => surveys.exclude(userOf(req), req.params.responseId, req.body.reason),
  );
  r.post('/work/cycles/:id/surveys/score', { config: { access: MANAGE }, schema: { tags, summary: 'Chấm điểm các tiêu chí điều tra XHH từ phiếu hợp lệ', params: z.object({ id: Id }) } }, (req) => surveys.score(userOf(req), req.params.id));
  // The same scoring as a background job the page polls (services/jobs/score-run-job.ts): one run per cycle at a time.
  r.post('/work/cycles/:id/surveys/score-jobs', { config: { access: [...SCORE_RUN_ROLES.survey_score] }, schema: { tags, summary: 'Chấm điểm khảo sát chạy nền: trả về lượt chấm (mã, tiến độ, địa chỉ theo dõi); đang có lượt chờ hoặc đang chạy thì trả về lượt đó', params: z.object({ id: Id }) } }, async (req, reply) => {
    const job = await scoreRuns.start(userOf(req), 'survey_score', req.params.id);
    return reply.status(202).header('location', job.pollUrl).send(job);
  });
  r.get('/work/cycles/:id/surveys/score-jobs/:jobId', { config: { access: [...SCORE_RUN_ROLES.survey_score] }, schema: { tags, summary: 'Tình trạng và tiến độ (0–100) một lượt chấm điểm khảo sát chạy nền (chỉ người đã yêu cầu xem được)', params: z.object({ id: Id, jobId: Id }) } }, (req) =>
    scoreRuns.find(userOf(req), 'survey_score', req.params.id, req.params.jobId),
  );
  r.get('/work/cycles/:id/surveys/score', { config: { access: READ }, schema: { tags, summary: 'Điểm các tiêu chí điều tra XHH đã chấm (số câu trả lời, khoảng tin cậy 95%, cảnh báo)', params: z.object({ id: Id }) } }, (req) => surveys.scores(req.params.id));
  r.get('/work/surveys/:qid/sipas', { config: { access: READ }, schema: { tags, summary: 'Chỉ số hài lòng (SIPAS) theo đơn vị, yếu tố và chung', params: z.object({ qid: Id }) } }, (req) => surveys.sipas(req.params.qid));
  r.get('/work/surveys/:qid/responses.csv', { config: { access: MANAGE }, schema: { tags, summary: 'Tải toàn bộ phiếu trả lời (CSV, truyền dần)', params: z.object({ qid: Id }) } }, async (req, reply) => {
    const q = await surveys.get(req.params.qid);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="phieu-tra-loi-${q.code}.csv"`).send(Readable.from(surveys.exportCsv(req.params.qid)));
  });
};
