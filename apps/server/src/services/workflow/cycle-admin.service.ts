/**
 * Cycle setup and stage changes (secretariat): a cycle from a rubric version with its units and
 * peer groups, deadlines, appraiser assignments (never for their own unit), exclusions with
 * their legal basis, and the status machine draft → open → appraisal → council → approved →
 * published → closed (its moves are CycleLifecycleService's). Publication freezes the results as
 * a numbered version. Nothing here changes a published cycle (assertCycleWritable).
 */
import {
  AppError,
  type AppraiserAssignment,
  type BoardStageSummary,
  type BoardUnitDto,
  type CycleDeadlines,
  type CycleDto,
  type CycleResultsDto,
  CYCLE_STATUS_LABELS,
  type CycleStatus,
  type Exclusion,
  type NewCycleBody,
  type NotificationsSent,
  type PublicationHeaderDto,
  type PublishResult,
  type StageMove,
  type StatusBoardDto,
} from '@parindex/contracts';
import type { Actor, SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { CycleRepository } from '../../repositories/cycle.repository.ts';
import { LeafStagesRepository } from '../../repositories/leaf-stages.repository.ts';
import { PublicationRepository } from '../../repositories/publication.repository.ts';
import { WorkflowRepository } from '../../repositories/workflow.repository.ts';
import { AnnouncementsService } from '../announcements.service.ts';
import { PublicationStore } from '../publication/publication-store.ts';
import { PUBLIC_STATUSES, ResultsService } from '../results.service.ts';
import { presentCycle } from '../presenters.ts';
import { repositories } from '../repositories.ts';
import { audit } from './audit.ts';
import { AssessmentService, pastDeadline } from './assessment.service.ts';
import { asUser } from './console-actor.ts';
import { Notifier } from './notifier.ts';
import { assertCycleWritable } from './stage-rules.ts';

/** Which status may follow which, and who moves it. */
export const TRANSITIONS: Record<string, StageMove[]> = {
  draft: [{ to: 'open', label: 'Mở tự đánh giá' }],
  open: [{ to: 'appraisal', label: 'Chuyển sang thẩm định' }],
  appraisal: [{ to: 'council', label: 'Chuyển Hội đồng thẩm định' }],
  council: [],
  approved: [],
  published: [{ to: 'closed', label: 'Đóng kỳ đánh giá' }],
  closed: [],
};

/** A new assessed cycle (POST /work/cycles, packages/contracts). */
export type NewAssessedCycle = NewCycleBody;

export class CycleAdminService {
  private readonly assessment: AssessmentService;
  constructor(
    private readonly db: Db,
    private readonly notifier: Notifier,
  ) {
    this.assessment = new AssessmentService(db);
  }

  async create(actor: SessionUser, input: NewAssessedCycle): Promise<CycleDto> {
    const repos = repositories(this.db);
    const rubric = await repos.rubrics.getVersion(input.rubricVersionId);
    const groups = new Set(rubric.document.peerGroups.map((g) => g.code));
    const bad = input.units.filter((u) => !groups.has(u.peerGroup));
    if (bad.length) throw new AppError('VALIDATION', `Nhóm "${bad[0].peerGroup}" không có trong bộ chỉ số (có: ${[...groups].join(', ')}).`, [{ field: 'units', message: 'nhóm không hợp lệ' }]);
    return this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const r = repositories(tx);
      const cycle = await r.cycles.create({ year: input.year, name: input.name, source: 'assessed', rubricVersionId: input.rubricVersionId });
      await r.cycles.setCycleUnits(cycle.id, input.units);
      if (input.deadlines) await r.cycles.setDeadlines(cycle.id, input.deadlines);
      await audit(tx, actor, { action: 'cycle.create', cycleId: cycle.id, after: { year: input.year, name: input.name, units: input.units.length } });
      return presentCycle(await r.cycles.getById(cycle.id));
    });
  }

  async setDeadlines(actor: Actor, cycleId: string, deadlines: CycleDeadlines): Promise<CycleDeadlines> {
    const cycle = await repositories(this.db).cycles.getById(cycleId);
    assertCycleWritable(cycle, 'sửa hạn các giai đoạn');
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await new CycleRepository(tx).setDeadlines(cycleId, deadlines);
      await audit(tx, asUser(actor), { action: 'cycle.deadlines', cycleId, before: cycle.deadlines, after: deadlines });
    });
    return deadlines;
  }

  // Stage changes (transition, approval, publication's gate) belong to CycleLifecycleService.

  /**
   * Publishes the approved results as version 1: a frozen copy. A later version is a correction
   * with changed figures and its reason (CorrectionService, POST …/corrections), never the same
   * figures republished.
   */
  /**
   * `beforeFreeze` runs in the publishing transaction before the figures are frozen — the lifecycle
   * service records the override of the publish gate there, so version 1's notes carry it.
   */
  async publish(actor: SessionUser, cycleId: string, body: { decisionNumber: string; decisionDate: string; reason?: string | null }, beforeFreeze?: (tx: Db) => Promise<void>): Promise<PublishResult> {
    const repos = repositories(this.db);
    const cycle = await repos.cycles.getById(cycleId);
    if (cycle.status === 'published' || cycle.status === 'closed')
      throw new AppError('CONFLICT', 'Kết quả đã công bố. Muốn đính chính, hãy ghi điểm mới của từng tiêu chí kèm lý do ở mục "Đính chính kết quả đã công bố".');
    if (cycle.status !== 'approved') throw new AppError('CONFLICT', 'Chỉ công bố khi Hội đồng đã phê duyệt điểm cuối cùng.');
    await new ResultsService(this.db).compute(cycleId);
    return this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      if (beforeFreeze) await beforeFreeze(tx);
      // Every published figure is frozen into the store (publication-store.ts): from now on the
      // portal, scorecards, dashboard and exports read this version, never the live rows.
      const { version } = await new PublicationStore(tx).publish({ cycleId, publishedBy: actor.id, decisionNumber: body.decisionNumber.trim(), decisionDate: body.decisionDate, reason: body.reason?.trim() || null });
      await new CycleRepository(tx).markStatus(cycleId, 'published');
      await new AnnouncementsService(tx).announcePublication(actor.id, { cycleId, year: cycle.year, version, decisionNumber: body.decisionNumber.trim(), decisionDate: body.decisionDate, reason: body.reason?.trim() || null });
      await audit(tx, actor, { action: 'cycle.publish', cycleId, after: { version, decisionNumber: body.decisionNumber, decisionDate: body.decisionDate }, reason: body.reason ?? null });
      return { version };
    });
  }

  /** Every published version of a cycle, newest first: public once the cycle is published, never before. */
  async publications(cycleId: string): Promise<PublicationHeaderDto[]> {
    const cycle = await repositories(this.db).cycles.getById(cycleId).catch(() => undefined);
    if (!cycle || !PUBLIC_STATUSES.has(cycle.status)) throw new AppError('NOT_FOUND', 'Kỳ đánh giá chưa được công bố.');
    const rows = await new PublicationRepository(this.db).headers(cycleId);
    return rows.map((p) => ({ version: p.version, decisionNumber: p.decisionNumber, decisionDate: p.decisionDate, reason: p.reason, publishedAt: p.publishedAt.toISOString() }));
  }

  /**
   * Exclusions decide which leaves a unit is scored on, so they change only while the cycle is in
   * draft or self-assessment; results already computed are brought up to date for that unit.
   */
  async setExclusions(actor: Actor, cycleId: string, unitId: string, rows: Exclusion[]): Promise<Exclusion[]> {
    const { cycle, rubric } = await this.assessment.cycleAndRubric(cycleId);
    assertCycleWritable(cycle, 'sửa loại trừ tiêu chí');
    if (!(await repositories(this.db).cycles.listCycleUnits(cycleId)).some((u) => u.unitId === unitId)) throw new AppError('NOT_FOUND', 'Đơn vị không tham gia kỳ đánh giá này.');
    if (cycle.status !== 'draft' && cycle.status !== 'open')
      throw new AppError('CONFLICT', `Kỳ đánh giá đang ở giai đoạn "${STATUS_LABELS[cycle.status]}": chỉ sửa loại trừ tiêu chí khi kỳ còn dự thảo hoặc đang tự đánh giá, vì điểm đã được thẩm định theo các tiêu chí áp dụng.`);
    for (const [i, r] of rows.entries()) {
      if (!rubric.nodes.has(r.nodeCode)) throw new AppError('VALIDATION', `Dòng ${i + 1}: không có tiêu chí ${r.nodeCode} trong bộ chỉ số.`, [{ row: i + 1, field: 'nodeCode', message: 'không có' }]);
      if (!r.basis.trim()) throw new AppError('VALIDATION', `Dòng ${i + 1}: cần ghi căn cứ pháp lý của việc loại trừ.`, [{ row: i + 1, field: 'basis', message: 'bắt buộc' }]);
    }
    const before = await repositories(this.db).cycles.listExclusions(cycleId, unitId);
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await repositories(tx).cycles.setUnitExclusions(cycleId, unitId, rows);
      await audit(tx, asUser(actor), { action: 'cycle.exclusions', cycleId, unitId, before, after: rows });
    });
    if (cycle.computedAt) await new ResultsService(this.db).recomputeUnit(cycleId, unitId);
    return rows;
  }

  /**
   * Assigns an appraiser to a node; refused when the node does not exist, the user is not an
   * appraiser, or the account names no unit (assignments span every unit, so the conflict of
   * interest is checked at appraisal time against the appraiser's own unit — which must be known).
   */
  async assign(actor: SessionUser, cycleId: string, userId: string, nodeCode: string): Promise<AppraiserAssignment[]> {
    const { cycle, rubric } = await this.assessment.cycleAndRubric(cycleId);
    assertCycleWritable(cycle, 'phân công thẩm định');
    if (!rubric.nodes.has(nodeCode)) throw new AppError('VALIDATION', `Không có tiêu chí ${nodeCode} trong bộ chỉ số.`, [{ field: 'nodeCode', message: 'không có' }]);
    const u = await new WorkflowRepository(this.db).findUser(userId);
    if (!u) throw new AppError('NOT_FOUND', 'Không tìm thấy tài khoản.');
    if (u.role !== 'appraiser') throw new AppError('VALIDATION', `${u.fullName} không có vai trò thành viên thẩm định.`, [{ field: 'userId', message: 'không phải thành viên thẩm định' }]);
    if (!u.unitId)
      throw new AppError('VALIDATION', `Tài khoản ${u.fullName} chưa gắn đơn vị công tác: hãy nhập trường "Đơn vị" của tài khoản (Tài khoản người dùng) trước khi phân công, để không thẩm định chính đơn vị mình.`, [{ field: 'userId', message: 'chưa gắn đơn vị công tác' }]);
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await new WorkflowRepository(tx).assign(cycleId, userId, nodeCode);
      await audit(tx, actor, { action: 'cycle.assign', cycleId, subject: nodeCode, after: { userId, name: u.fullName } });
    });
    return this.assignments(cycleId);
  }

  async unassign(actor: SessionUser, cycleId: string, userId: string, nodeCode: string): Promise<AppraiserAssignment[]> {
    assertCycleWritable(await repositories(this.db).cycles.getById(cycleId), 'bỏ phân công thẩm định');
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await new WorkflowRepository(tx).unassign(cycleId, userId, nodeCode);
      await audit(tx, actor, { action: 'cycle.unassign', cycleId, subject: nodeCode, before: { userId } });
    });
    return this.assignments(cycleId);
  }

  /** Assignments with the appraiser's own unit, which they never appraise (conflict of interest). */
  async assignments(cycleId: string): Promise<AppraiserAssignment[]> {
    const rows = await new WorkflowRepository(this.db).listAssignments(cycleId);
    return rows.sort((a, b) => a.nodeCode.localeCompare(b.nodeCode, undefined, { numeric: true }) || new Intl.Collator('vi').compare(a.fullName, b.fullName));
  }

  /** Units × stages: leaves done, submitted / returned, proposals, disputes, last change, overdue. */
  async statusBoard(cycleId: string): Promise<StatusBoardDto> {
    const repos = repositories(this.db);
    const { cycle, rubric } = await this.assessment.cycleAndRubric(cycleId);
    const units = await repos.cycles.listCycleUnits(cycleId);
    const excl = await repos.cycles.listExclusions(cycleId);
    const { applicableLeaves } = await import('@parindex/engine');
    const stats = await new LeafStagesRepository(this.db).countStagesByUnit(cycleId);
    const byUnit = new Map(stats.map((s) => [s.unitId, s]));
    const stages = await new WorkflowRepository(this.db).listStages(cycleId);
    const stageOf = (unitId: string, stage: 'self' | 'explanation') => stages.find((s) => s.unitId === unitId && s.stage === stage);
    const collator = new Intl.Collator('vi');
    const appraisedCount = new Map<string, number>();
    const rows = units.map((u) => {
      const key = `${u.peerGroup}|${excl.filter((e) => e.unitId === u.unitId).map((e) => e.nodeCode).sort().join(',')}`;
      let leaves = appraisedCount.get(key);
      if (leaves === undefined) {
        leaves = applicableLeaves(rubric, u.peerGroup, excl.filter((e) => e.unitId === u.unitId).map((e) => e.nodeCode)).filter((l) => l.source === 'appraised').length;
        appraisedCount.set(key, leaves);
      }
      const s = byUnit.get(u.unitId);
      const self = stageOf(u.unitId, 'self');
      const expl = stageOf(u.unitId, 'explanation');
      const selfStatus = self?.status ?? 'draft';
      const proposed = Number(s?.proposed ?? 0);
      const last = [s?.lastChange ? new Date(s.lastChange) : null, self?.changedAt ?? null, expl?.changedAt ?? null].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
      return {
        unitId: u.unitId,
        unitCode: u.code,
        unitName: u.name,
        peerGroup: u.peerGroup,
        leaves,
        selfDone: Number(s?.self ?? 0),
        selfStatus,
        selfNote: self?.note ?? null,
        proposed,
        responded: Number(s?.responded ?? 0),
        disputed: Number(s?.explained ?? 0),
        decided: Number(s?.decided ?? 0),
        explanationStatus: expl?.status ?? 'draft',
        lastChange: last ? last.toISOString() : null,
        overdue: {
          self: cycle.status === 'open' && selfStatus !== 'submitted' && pastDeadline(cycle.deadlines.self),
          // The appraisers' side: after the appraisal deadline some of this unit's leaves still lack a proposal.
          appraisal: cycle.status === 'appraisal' && proposed < leaves && pastDeadline(cycle.deadlines.appraisal),
          explanation: cycle.status === 'appraisal' && (expl?.status ?? 'draft') !== 'submitted' && pastDeadline(cycle.deadlines.explanation),
        },
      };
    });
    rows.sort((a, b) => a.peerGroup.localeCompare(b.peerGroup) || collator.compare(a.unitName, b.unitName));
    return { cycle: { ...presentCycle(cycle), deadlines: cycle.deadlines }, units: rows, summary: boardSummary(rows) };
  }

  /** Reminds the units' officers and heads (in the app, and by e-mail when SMTP is set). */
  async remind(actor: SessionUser, cycleId: string, unitIds: string[], message: string): Promise<NotificationsSent> {
    const cycle = await repositories(this.db).cycles.getById(cycleId);
    const sent = await this.notifier.toUnits(unitIds, `${cycle.name}: ${message}`, `/work/cycles/${cycleId}`);
    await audit(this.db, actor, { action: 'cycle.remind', cycleId, after: { units: unitIds.length, message } });
    return sent;
  }
}

/** The board's line per stage, counted over its rows (BoardStageSummary says what "done" means). */
export function boardSummary(rows: readonly BoardUnitDto[]): BoardStageSummary[] {
  const count = (f: (u: BoardUnitDto) => boolean) => rows.filter(f).length;
  const disputed = rows.filter((u) => u.disputed > 0);
  return [
    { stage: 'self', done: count((u) => u.selfStatus === 'submitted'), total: rows.length, overdue: count((u) => u.overdue.self) },
    { stage: 'appraisal', done: count((u) => u.leaves > 0 && u.proposed >= u.leaves), total: rows.length, overdue: count((u) => u.overdue.appraisal) },
    { stage: 'explanation', done: count((u) => u.explanationStatus === 'submitted'), total: rows.length, overdue: count((u) => u.overdue.explanation) },
    { stage: 'council', done: disputed.filter((u) => u.decided >= u.disputed).length, total: disputed.length, overdue: 0 },
  ];
}

/** The stages' names (contracts: CYCLE_STATUS_LABELS). */
export const STATUS_LABELS = CYCLE_STATUS_LABELS;
