/**
 * Surveys over HTTP. The public form (no login: a one-time link or a desk code) fetches its
 * questionnaire and posts responses — idempotent on the id made on the device, rate-limited per
 * address, per link and per desk (survey-rate-limits.ts); a closed survey answers 410 (survey-windows.ts). Staff routes manage questionnaires, the sample plan, links and desks, their collection windows,
 * imports, quality and exclusions, scoring, SIPAS and the CSV export.
 */
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import {
  ContentTypes,
  EmptyBody,
  FileUpload,
  PublicSurveyForm,
  Questionnaire,
  SafeText,
  ScoreRunJob,
  SipasReportDto,
  SurveyCreateBody,
  SurveyCreated,
  SurveyDatesBody,
  SurveyDeskBody,
  SurveyDeskCreated,
  SurveyDeskView,
  SurveyExclusionBody,
  SurveyExclusionResult,
  SurveyImportJob,
  SurveyImportReport,
  SurveyImportStarted,
  SurveyLink,
  SurveyListLink,
  SurveyOpenBody,
  SurveyPaperBody,
  SurveyPaperOutcome,
  SurveyPaperPending,
  SurveyProgressRow,
  SurveyQualityFlag,
  SurveyQuestionnaireSummary,
  SurveyQuestionnaireUpload,
  SurveyRespondentListUpload,
  SurveyScoresDto,
  SurveySubmitBody,
  SurveySubmitResult,
  SurveyTargetsBody,
  SurveyTokensBody,
  SurveyWindowChange,
  SurveyWindowsRow,
  fileResponse,
} from '@parindex/contracts';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { publicSurveyHooks, publicSurveyLimits, type PublicSurveyLimits } from './survey-rate-limits.ts';
import type { RateLimitStores } from '../rate-limit-store.ts';
import { SurveyService } from '../../services/surveys/survey.service.ts';
import { SCORE_RUN_ROLES, ScoreRuns } from '../../services/jobs/score-run-job.ts';
import { SurveyWindowService } from '../../services/surveys/survey-windows.ts';
import { userOf } from '../auth.ts';
import { sendDownload } from '../download.ts';
import { linkBase } from '../../config.ts';
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
  /** PUBLIC_URL (Config.publicUrl): where every link and QR code handed out starts. */
  publicUrl?: string;
}

const sendFile = (reply: FastifyReply, contentType: string, file: { fileName: string; body: Buffer | Readable }) => sendDownload(reply, { contentType, ...file });


/** The uploaded file and the switches sent before it ("identified" = "1"/"true", "unitId", "respondentGroup"). */
const uploadedFile = (req: FastifyRequest) => readUpload(req, { maxBytes: MAX_IMPORT_BYTES, fields: ['identified', 'unitId', 'respondentGroup'] });

export const surveyRoutes: FastifyPluginAsync<SurveyRoutesOptions> = async (app, opts) => {
  // Links start with the public address when one is configured, else with the address the officer browsed.
  const baseUrl = (req: FastifyRequest) => linkBase(`${req.protocol}://${req.host}`, opts.publicUrl);
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } });
  await app.register(rateLimit, { global: false, store: opts.rateLimitStores('survey:') });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const surveys = new SurveyService(opts.db, { secret: opts.secret });
  const windows = new SurveyWindowService(opts.db);
  const scoreRuns = new ScoreRuns(opts.db);
  const limits = publicSurveyHooks(app, publicSurveyLimits(opts.publicRateLimit));

  // ----- public form -----
  const Code = z.object({ code: SafeText.min(1).max(80) });
  r.get(
    '/public/surveys/:code',
    { config: { access: 'public' }, onRequest: limits.onRequest, preHandler: limits.preHandler, onSend: limits.onSend, schema: { tags, summary: 'Phiếu khảo sát cho người trả lời (đường dẫn một lần hoặc mã quầy)', params: Code, querystring: z.object({ t: SafeText.max(100).optional(), quay: SafeText.max(20).optional() }), response: { 200: PublicSurveyForm } } },
    (req) => surveys.publicForm(req.params.code, { token: req.query.t, desk: req.query.quay }),
  );
  r.post(
    '/public/surveys/:code/responses',
    {
      config: { access: 'public', csrf: false },
      onRequest: limits.onRequest,
      preHandler: limits.preHandler,
      onSend: limits.onSend,
      schema: { tags, summary: 'Gửi một phiếu trả lời (gửi lại cùng mã phiếu không tạo bản trùng)', params: Code, body: SurveySubmitBody, response: { 200: SurveySubmitResult } },
    },
    (req) => surveys.submit(req.params.code, req.body),
  );

  // ----- questionnaires -----
  const Cycle = z.object({ id: Id });
  const Qid = z.object({ qid: Id });
  r.get('/work/cycles/:id/surveys', { config: { access: READ }, schema: { tags, summary: 'Các phiếu khảo sát của kỳ', params: Cycle, response: { 200: z.array(SurveyQuestionnaireSummary) } } }, (req) => surveys.list(req.params.id));
  r.post(
    '/work/cycles/:id/surveys',
    { config: { access: MANAGE }, schema: { tags, summary: 'Tạo phiếu (JSON), hoặc từ phiếu mẫu SIPAS / điều tra XHH', params: Cycle, body: SurveyCreateBody, response: { 200: SurveyCreated } } },
    (req) => surveys.createFromBody(userOf(req), req.params.id, req.body),
  );
  r.post('/work/cycles/:id/surveys/import', { config: { access: MANAGE }, schema: { tags, summary: 'Nhập phiếu từ tệp XLSX (trường "identified" = 1: phiếu ghi danh, gửi trước tệp)', params: Cycle, multipartBody: SurveyQuestionnaireUpload, response: { 200: SurveyCreated } } }, async (req) => {
    const file = await uploadedFile(req);
    return surveys.importXlsx(userOf(req), req.params.id, file.content, { identified: file.fields.identified });
  });
  r.get('/work/surveys/:qid', { config: { access: READ }, schema: { tags, summary: 'Nội dung phiếu', params: Qid, response: { 200: Questionnaire } } }, (req) => surveys.document(req.params.qid));
  r.get('/work/surveys/:qid/xlsx', { config: { access: READ }, schema: { tags, summary: 'Tải phiếu (XLSX)', params: Qid, response: { 200: fileResponse([ContentTypes.xlsx]) } } }, async (req, reply) => sendFile(reply, ContentTypes.xlsx, await surveys.xlsx(req.params.qid)));
  r.get('/work/surveys/:qid/template.xlsx', { config: { access: READ }, schema: { tags, summary: 'Mẫu tệp nhập phiếu trả lời (XLSX)', params: Qid, response: { 200: fileResponse([ContentTypes.xlsx]) } } }, async (req, reply) => sendFile(reply, ContentTypes.xlsx, await surveys.responsesTemplate(req.params.qid)));

  // ----- sample plan, links, desks -----
  r.put(
    '/work/surveys/:qid/targets',
    { config: { access: MANAGE }, schema: { tags, summary: 'Cỡ mẫu theo đơn vị × nhóm đối tượng (n = N/(1+N·e²) khi chỉ cho N và e)', params: Qid, body: SurveyTargetsBody, response: { 200: z.array(SurveyProgressRow) } } },
    (req) => surveys.setTargets(userOf(req), req.params.qid, req.body),
  );
  r.get('/work/surveys/:qid/progress', { config: { access: READ }, schema: { tags, summary: 'Tỷ lệ phản hồi so với cỡ mẫu', params: Qid, response: { 200: z.array(SurveyProgressRow) } } }, (req) => surveys.progress(req.params.qid));
  r.post(
    '/work/surveys/:qid/tokens',
    { config: { access: MANAGE }, schema: { tags, summary: 'Tạo đường dẫn dùng một lần và mã QR (chỉ hiện một lần)', params: Qid, body: SurveyTokensBody, response: { 200: z.array(SurveyLink) } } },
    (req) => surveys.makeTokens(userOf(req), req.params.qid, { ...req.body, baseUrl: baseUrl(req) }),
  );
  r.post(
    '/work/surveys/:qid/tokens/from-list',
    { config: { access: MANAGE }, schema: { tags, summary: 'Tạo một đường dẫn dùng một lần cho mỗi người trong danh sách (CSV/XLSX: Họ và tên, Đơn vị công tác, Email, Đơn vị được đánh giá); không tạo gì nếu có dòng lỗi', params: Qid, multipartBody: SurveyRespondentListUpload, response: { 200: z.array(SurveyListLink) } } },
    async (req) => {
      const file = await uploadedFile(req);
      return surveys.tokensFromList(userOf(req), req.params.qid, file.content, { unitId: file.fields.unitId, respondentGroup: file.fields.respondentGroup, baseUrl: baseUrl(req) });
    },
  );
  r.get('/work/surveys/:qid/desks', { config: { access: READ }, schema: { tags, summary: 'Các quầy khảo sát (ki-ốt)', params: Qid, response: { 200: z.array(SurveyDeskView) } } }, (req) => surveys.listDesks(req.params.qid));
  r.post(
    '/work/surveys/:qid/desks',
    { config: { access: MANAGE }, schema: { tags, summary: 'Tạo quầy khảo sát tại Bộ phận Một cửa (một mã QR mỗi quầy)', params: Qid, body: SurveyDeskBody, response: { 200: SurveyDeskCreated } } },
    (req) => surveys.createDesk(userOf(req), req.params.qid, { ...req.body, baseUrl: baseUrl(req) }),
  );

  // ----- collection windows: close, reopen, dates (survey-windows.ts) -----
  const Desk = z.object({ code: SafeText.min(1).max(20) });
  const Changes = { 200: z.array(SurveyWindowChange) };
  r.get('/work/cycles/:id/surveys/windows', { config: { access: READ }, schema: { tags, summary: 'Trạng thái nhận phiếu của các phiếu và quầy khảo sát (mở, đã đóng, chưa đến ngày, đã hết hạn)', params: Cycle, response: { 200: z.array(SurveyWindowsRow) } } }, (req) => windows.list(req.params.id));
  r.post('/work/surveys/:qid/close', { config: { access: MANAGE }, schema: { tags, summary: 'Đóng phiếu khảo sát: không nhận thêm phiếu trả lời (410)', params: Qid, body: EmptyBody, response: Changes } }, (req) => windows.close(userOf(req), null, { questionnaire: req.params.qid }));
  r.post('/work/surveys/:qid/open', { config: { access: MANAGE }, schema: { tags, summary: 'Mở lại phiếu khảo sát từ hôm nay (tùy chọn đến ngày)', params: Qid, body: SurveyOpenBody, response: Changes } }, (req) => windows.open(userOf(req), null, { questionnaire: req.params.qid }, { until: req.body.until }));
  r.put('/work/surveys/:qid/dates', { config: { access: MANAGE }, schema: { tags, summary: 'Ngày bắt đầu và kết thúc nhận phiếu (giờ Việt Nam, tính cả hai ngày)', params: Qid, body: SurveyDatesBody, response: Changes } }, (req) => windows.setDates(userOf(req), null, { questionnaire: req.params.qid }, req.body));
  r.post('/work/survey-desks/:code/close', { config: { access: MANAGE }, schema: { tags, summary: 'Đóng quầy khảo sát', params: Desk, body: EmptyBody, response: Changes } }, (req) => windows.close(userOf(req), null, { desk: req.params.code }));
  r.post('/work/survey-desks/:code/open', { config: { access: MANAGE }, schema: { tags, summary: 'Mở lại quầy khảo sát từ hôm nay (tùy chọn đến ngày)', params: Desk, body: SurveyOpenBody, response: Changes } }, (req) => windows.open(userOf(req), null, { desk: req.params.code }, { until: req.body.until }));
  r.put('/work/survey-desks/:code/dates', { config: { access: MANAGE }, schema: { tags, summary: 'Ngày bắt đầu và kết thúc nhận phiếu của một quầy', params: Desk, body: SurveyDatesBody, response: Changes } }, (req) => windows.setDates(userOf(req), null, { desk: req.params.code }, req.body));

  // ----- responses -----
  r.post('/work/surveys/:qid/responses/import', { config: { access: MANAGE }, schema: { tags, summary: 'Nhập phiếu trả lời từ CSV/XLSX (báo cáo từng dòng bị loại)', params: Qid, multipartBody: FileUpload, response: { 200: SurveyImportReport } } }, async (req) => {
    const file = await uploadedFile(req);
    return surveys.importFile(userOf(req), req.params.qid, file.content);
  });
  r.post('/work/surveys/:qid/responses/import-jobs', { config: { access: MANAGE }, schema: { tags, summary: 'Nhập phiếu trả lời chạy nền: trả về mã lượt nhập để theo dõi tiến độ', params: Qid, multipartBody: FileUpload, response: { 202: SurveyImportStarted } } }, async (req, reply) => {
    const file = await uploadedFile(req);
    return reply.status(202).send(await surveys.startImport(userOf(req), req.params.qid, file.content, file.name));
  });
  r.get('/work/survey-import-jobs/:jobId', { config: { access: MANAGE }, schema: { tags, summary: 'Tiến độ và kết quả một lượt nhập phiếu', params: z.object({ jobId: Id }), response: { 200: SurveyImportJob } } }, (req) => surveys.importJob(userOf(req), req.params.jobId));
  r.post(
    '/work/surveys/:qid/paper',
    { config: { access: MANAGE }, schema: { tags, summary: 'Nhập phiếu giấy (mỗi phiếu nhập hai lần bởi hai người; chỉ lưu khi hai lần khớp)', params: Qid, body: SurveyPaperBody, response: { 200: SurveyPaperOutcome } } },
    (req) => surveys.enterPaper(userOf(req), req.params.qid, req.body),
  );
  r.get('/work/surveys/:qid/paper', { config: { access: READ }, schema: { tags, summary: 'Phiếu giấy đang chờ nhập lần hai hoặc đối chiếu', params: Qid, response: { 200: z.array(SurveyPaperPending) } } }, (req) => surveys.pendingPaper(req.params.qid));
  r.get('/work/surveys/:qid/quality', { config: { access: READ }, schema: { tags, summary: 'Phiếu nghi trùng, trả lời một kiểu, trả lời quá nhanh', params: Qid, response: { 200: z.array(SurveyQualityFlag) } } }, (req) => surveys.quality(req.params.qid));
  r.put(
    '/work/survey-responses/:responseId/exclusion',
    { config: { access: MANAGE }, schema: { tags, summary: 'Loại (hoặc khôi phục) một phiếu, có lý do', params: z.object({ responseId: Id }), body: SurveyExclusionBody, response: { 200: SurveyExclusionResult } } },
    (req) => surveys.exclude(userOf(req), req.params.responseId, req.body.reason),
  );
  r.post('/work/cycles/:id/surveys/score', { config: { access: MANAGE }, schema: { tags, summary: 'Chấm điểm các tiêu chí điều tra XHH từ phiếu hợp lệ', params: Cycle, body: EmptyBody, response: { 200: SurveyScoresDto } } }, (req) => surveys.score(userOf(req), req.params.id));
  // The same scoring as a background job the page polls (services/jobs/score-run-job.ts): one run per cycle at a time.
  r.post('/work/cycles/:id/surveys/score-jobs', { config: { access: [...SCORE_RUN_ROLES.survey_score] }, schema: { tags, summary: 'Chấm điểm khảo sát chạy nền: trả về lượt chấm (mã, tiến độ, địa chỉ theo dõi); đang có lượt chờ hoặc đang chạy thì trả về lượt đó', params: Cycle, body: EmptyBody, response: { 202: ScoreRunJob } } }, async (req, reply) => {
    const job = await scoreRuns.start(userOf(req), 'survey_score', req.params.id);
    return reply.status(202).header('location', job.pollUrl).send(job);
  });
  r.get('/work/cycles/:id/surveys/score-jobs/:jobId', { config: { access: [...SCORE_RUN_ROLES.survey_score] }, schema: { tags, summary: 'Tình trạng và tiến độ (0–100) một lượt chấm điểm khảo sát chạy nền (chỉ người đã yêu cầu xem được)', params: z.object({ id: Id, jobId: Id }), response: { 200: ScoreRunJob } } }, (req) =>
    scoreRuns.find(userOf(req), 'survey_score', req.params.id, req.params.jobId),
  );
  r.get('/work/cycles/:id/surveys/score', { config: { access: READ }, schema: { tags, summary: 'Điểm các tiêu chí điều tra XHH đã chấm (số câu trả lời, khoảng tin cậy 95%, cảnh báo)', params: Cycle, response: { 200: SurveyScoresDto } } }, (req) => surveys.scores(req.params.id));
  r.get('/work/surveys/:qid/sipas', { config: { access: READ }, schema: { tags, summary: 'Chỉ số hài lòng (SIPAS) theo đơn vị, yếu tố và chung', params: Qid, response: { 200: SipasReportDto } } }, (req) => surveys.sipas(req.params.qid));
  r.get('/work/surveys/:qid/responses.csv', { config: { access: MANAGE }, schema: { tags, summary: 'Tải toàn bộ phiếu trả lời (CSV, truyền dần)', params: Qid, response: { 200: fileResponse([ContentTypes.csv]) } } }, async (req, reply) => sendFile(reply, 'text/csv; charset=utf-8', await surveys.responsesCsv(req.params.qid)));
};
