/**
 * The assessment cycle over HTTP, as the secretariat runs it: cycles and their deadlines, stage
 * changes with their checklist, setup (units, exclusions, appraisal assignments), results and
 * publication, the status board, reminders, history, the audit trail and notifications. The units'
 * and appraisers' own work is in assessment.routes.ts. Each route names the roles allowed.
 */
import {
  AppraiserAssignment,
  AssignmentBody,
  AuditRow,
  ComputeSummaryDto,
  CycleDeadlines,
  CycleDto,
  CycleResultsDto,
  CycleSetupDto,
  EmptyBody,
  Exclusion,
  GateChecklist,
  GateOverride,
  GateTarget,
  LeafHistoryDto,
  NewCycleBody,
  NotificationDto,
  NotificationsSent,
  OkResponse,
  PublicationHeaderDto,
  PublishBody,
  PublishResult,
  ReminderBody,
  RubricVersionBrief,
  SafeText,
  ScoreRunJob,
  StatusBoardDto,
  TransitionBody,
  UnitExclusionsBody,
  UnitRef,
  WorkCycleDto,
} from '@parindex/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { ResultsService } from '../../services/results.service.ts';
import { SCORE_RUN_ROLES, ScoreRuns } from '../../services/jobs/score-run-job.ts';
import { AssessmentService } from '../../services/workflow/assessment.service.ts';
import { listAudit } from '../../services/workflow/audit.ts';
import { CycleAdminService } from '../../services/workflow/cycle-admin.service.ts';
import { CycleLifecycleService } from '../../services/workflow/cycle-lifecycle.service.ts';
import { CycleSetupService } from '../../services/workflow/cycle-setup.ts';
import type { Notifier } from '../../services/workflow/notifier.ts';
import { userOf } from '../auth.ts';
import { COUNCIL, CycleParams, Id, LeafParams, SECRETARIAT, STAFF, UNIT, UnitParams, tags } from './workflow-common.ts';

export const workflowRoutes: FastifyPluginAsync<{ db: Db; notifier: Notifier }> = async (app, { db, notifier }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const assessment = new AssessmentService(db, notifier);
  const admin = new CycleAdminService(db, notifier);
  const lifecycle = new CycleLifecycleService(db, notifier);
  const results = new ResultsService(db);
  const setup = new CycleSetupService(db, notifier);


  // ----- reference data and cycles for signed-in users -----
  r.get('/units', { config: { access: [...STAFF] }, schema: { tags, summary: 'Danh mục đơn vị', response: { 200: z.array(UnitRef) } } }, () => setup.units());
  r.get('/rubrics', { config: { access: ['admin', 'secretariat'] }, schema: { tags, summary: 'Các phiên bản bộ chỉ số', response: { 200: z.array(RubricVersionBrief) } } }, () => setup.rubricVersions());
  r.get('/work/cycles', { config: { access: 'authenticated' }, schema: { tags, summary: 'Các kỳ đánh giá (mọi trạng thái) cho người dùng đã đăng nhập', response: { 200: z.array(WorkCycleDto) } } }, () =>
    setup.workCycles(),
  );
  r.post(
    '/work/cycles',
    {
      config: { access: SECRETARIAT },
      schema: {
        tags,
        summary: 'Tạo kỳ đánh giá từ một phiên bản bộ chỉ số',
        body: NewCycleBody,
        response: { 200: CycleDto },
      },
    },
    (req) => admin.create(userOf(req), req.body),
  );
  r.put('/work/cycles/:id/deadlines', { config: { access: SECRETARIAT }, schema: { tags, summary: 'Hạn từng giai đoạn', params: CycleParams, body: CycleDeadlines, response: { 200: CycleDeadlines } } }, (req) =>
    admin.setDeadlines(userOf(req), req.params.id, req.body),
  );
  // Stage changes go through the lifecycle service: a checklist gates each one (override with a reason).
  r.post(
    '/work/cycles/:id/status',
    { config: { access: SECRETARIAT }, schema: { tags, summary: 'Chuyển giai đoạn (kiểm tra điều kiện; chuyển dù chưa đạt khi có lý do)', params: CycleParams, body: TransitionBody, response: { 200: CycleDto } } },
    (req) => lifecycle.transition(userOf(req), req.params.id, req.body.to, req.body.override),
  );
  r.get(
    '/work/cycles/:id/checklist',
    { config: { access: ['admin', 'secretariat', 'leader', 'council_chair'] }, schema: { tags, summary: 'Điều kiện chuyển sang một giai đoạn', params: CycleParams, querystring: z.object({ to: GateTarget }), response: { 200: GateChecklist } } },
    (req) => lifecycle.checklist(req.params.id, req.query.to),
  );
  r.get('/work/cycles/:id/overrides', { config: { access: ['admin', 'secretariat', 'leader'] }, schema: { tags, summary: 'Các lần chuyển giai đoạn dù chưa đạt điều kiện, với lý do', params: CycleParams, response: { 200: z.array(GateOverride) } } }, (req) =>
    lifecycle.overrides(req.params.id),
  );
  r.get('/work/cycles/:id/setup', { config: { access: ['admin', 'secretariat'] }, schema: { tags, summary: 'Đơn vị, nhóm, loại trừ và phân công thẩm định', params: CycleParams, response: { 200: CycleSetupDto } } }, (req) =>
    setup.setup(req.params.id),
  );
  r.put(
    '/work/cycles/:id/units/:unitId/exclusions',
    { config: { access: SECRETARIAT }, schema: { tags, summary: 'Loại trừ tiêu chí không áp dụng, có căn cứ', params: UnitParams, body: UnitExclusionsBody, response: { 200: z.array(Exclusion) } } },
    (req) => admin.setExclusions(userOf(req), req.params.id, req.params.unitId, req.body),
  );
  r.post(
    '/work/cycles/:id/assignments',
    { config: { access: SECRETARIAT }, schema: { tags, summary: 'Phân công thẩm định', params: CycleParams, body: AssignmentBody, response: { 200: z.array(AppraiserAssignment) } } },
    (req) => admin.assign(userOf(req), req.params.id, req.body.userId, req.body.nodeCode),
  );
  r.delete(
    '/work/cycles/:id/assignments',
    { config: { access: SECRETARIAT }, schema: { tags, summary: 'Bỏ phân công thẩm định', params: CycleParams, querystring: z.object({ userId: Id, nodeCode: SafeText.min(1).max(40) }), response: { 200: z.array(AppraiserAssignment) } } },
    (req) => admin.unassign(userOf(req), req.params.id, req.query.userId, req.query.nodeCode),
  );

  // ----- results, publication -----
  r.post('/work/cycles/:id/compute', { config: { access: SECRETARIAT }, schema: { tags, summary: 'Tính kết quả (tạm tính trước khi phê duyệt)', params: CycleParams, body: EmptyBody, response: { 200: ComputeSummaryDto } } }, (req) =>
    results.compute(req.params.id),
  );
  // The same computation as a background job the page polls (services/jobs/score-run-job.ts): one run per cycle at a time.
  const scoreRuns = new ScoreRuns(db);
  r.post('/work/cycles/:id/compute-jobs', { config: { access: [...SCORE_RUN_ROLES.results] }, schema: { tags, summary: 'Tính kết quả chạy nền: trả về lượt tính (mã, tiến độ, địa chỉ theo dõi); đang có lượt chờ hoặc đang chạy thì trả về lượt đó', params: CycleParams, body: EmptyBody, response: { 202: ScoreRunJob } } }, async (req, reply) => {
    const job = await scoreRuns.start(userOf(req), 'results', req.params.id);
    return reply.status(202).header('location', job.pollUrl).send(job);
  });
  r.get('/work/cycles/:id/compute-jobs/:jobId', { config: { access: [...SCORE_RUN_ROLES.results] }, schema: { tags, summary: 'Tình trạng và tiến độ (0–100) một lượt tính kết quả chạy nền (chỉ người đã yêu cầu xem được)', params: z.object({ id: Id, jobId: Id }), response: { 200: ScoreRunJob } } }, (req) =>
    scoreRuns.find(userOf(req), 'results', req.params.id, req.params.jobId),
  );
  r.get('/work/cycles/:id/results', { config: { access: ['admin', 'secretariat', 'leader', ...COUNCIL] }, schema: { tags, summary: 'Bảng kết quả trước khi công bố', params: CycleParams, response: { 200: CycleResultsDto } } }, (req) =>
    results.getResults(req.params.id, { publicOnly: false }),
  );
  r.post(
    '/work/cycles/:id/publish',
    {
      config: { access: SECRETARIAT },
      schema: { tags, summary: 'Công bố (hoặc đính chính, kèm lý do): số và ngày quyết định phê duyệt', params: CycleParams, body: PublishBody, response: { 200: PublishResult } },
    },
    (req) => lifecycle.publish(userOf(req), req.params.id, req.body, req.body.override),
  );
  r.get('/cycles/:id/publications', { config: { access: 'public' }, schema: { tags: ['results'], summary: 'Các lần công bố (bản gốc và đính chính)', params: CycleParams, response: { 200: z.array(PublicationHeaderDto) } } }, (req) =>
    admin.publications(req.params.id),
  );

  // ----- status board, reminders, history, audit, notifications -----
  r.get('/work/cycles/:id/status-board', { config: { access: ['admin', 'secretariat', 'leader'] }, schema: { tags, summary: 'Tiến độ: đơn vị × giai đoạn', params: CycleParams, response: { 200: StatusBoardDto } } }, (req) => admin.statusBoard(req.params.id));
  r.post(
    '/work/cycles/:id/reminders',
    { config: { access: SECRETARIAT }, schema: { tags, summary: 'Nhắc việc các đơn vị (trong ứng dụng và e-mail)', params: CycleParams, body: ReminderBody, response: { 200: NotificationsSent } } },
    (req) => admin.remind(userOf(req), req.params.id, req.body.unitIds, req.body.message),
  );
  r.get(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/history',
    { config: { access: [...STAFF, ...UNIT], unitScoped: true }, schema: { tags, summary: 'Điểm qua từng giai đoạn và nhật ký của một tiêu chí', params: LeafParams, response: { 200: LeafHistoryDto } } },
    (req) => assessment.leafHistory(req.params.id, req.params.unitId, req.params.leafCode),
  );
  r.get(
    '/work/cycles/:id/audit',
    { config: { access: ['admin', 'secretariat'] }, schema: { tags, summary: 'Nhật ký thay đổi', params: CycleParams, querystring: z.object({ unitId: Id.optional(), subject: SafeText.max(60).optional() }), response: { 200: z.array(AuditRow) } } },
    (req) => listAudit(db, { cycleId: req.params.id, unitId: req.query.unitId, subject: req.query.subject }),
  );
  r.get('/notifications', { config: { access: 'authenticated' }, schema: { tags, summary: 'Thông báo của tôi', response: { 200: z.array(NotificationDto) } } }, (req) => notifier.list(userOf(req).id));
  r.post('/notifications/:notificationId/read', { config: { access: 'authenticated' }, schema: { tags, summary: 'Đánh dấu đã đọc', params: z.object({ notificationId: Id }), body: EmptyBody, response: { 200: OkResponse } } }, (req) =>
    notifier.markRead(userOf(req).id, req.params.notificationId),
  );
};

