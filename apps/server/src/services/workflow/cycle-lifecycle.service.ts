/**
 * The one owner of a cycle's status (draft → open → appraisal → council → approved → published →
 * closed, TRANSITIONS): every stage change — the secretariat's moves, the chair's approval, the
 * publication — goes through here, from the routes and the CLI alike. Each change first computes
 * its checklist (cycle-gates.ts); an unmet item refuses it with 409 and the list in `details`,
 * unless the caller gives an override with a reason, which is kept in the audit log
 * (`cycle.override`) and shown on the status board and with the publication.
 */
import { AppError, type CycleDto, type CycleStatus, type GateOverride, type PublishResult } from '@parindex/contracts';
import { type Actor, assertActorRole } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { AuditRepository } from '../../repositories/audit.repository.ts';
import { CycleRepository } from '../../repositories/cycle.repository.ts';
import { presentCycle } from '../presenters.ts';
import { ResultsService } from '../results.service.ts';
import { closeCycleSurveys } from '../surveys/survey-windows.ts';
import { repositories } from '../repositories.ts';
import { AssessmentService } from './assessment.service.ts';
import { audit } from './audit.ts';
import { asUser } from './console-actor.ts';
import { CycleAdminService, STATUS_LABELS, TRANSITIONS } from './cycle-admin.service.ts';
import { readGateFacts } from './cycle-gate-facts.ts';
import { buildChecklist, type Checklist, type GateTarget, refusalMessage } from './cycle-gates.ts';
import { Notifier } from './notifier.ts';

export const MIN_OVERRIDE_REASON = 10;

export interface Override {
  reason: string;
}

/** A transition made although items of its checklist were unmet, as the audit log keeps it (packages/contracts, workflow.ts). */
export type { GateOverride };

/** The audit action of an override; read back by `listGateOverrides`. */
const OVERRIDE_ACTION = 'cycle.override';

/** Every stage change made over an unmet checklist, oldest first (for the board and the publication's notes). */
export async function listGateOverrides(db: Db, cycleId: string): Promise<GateOverride[]> {
  const rows = await new AuditRepository(db).listByCycle(cycleId);
  return rows
    .filter((r) => r.action === OVERRIDE_ACTION)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((r) => {
      const after = (r.after ?? {}) as { from?: string; to?: string; unmet?: GateOverride['unmet'] };
      return { at: r.at.toISOString(), userName: r.userName, from: after.from ?? '', to: after.to ?? '', reason: r.reason ?? '', unmet: after.unmet ?? [] };
    });
}

export class CycleLifecycleService {
  private readonly admin: CycleAdminService;
  private readonly assessment: AssessmentService;
  constructor(
    private readonly db: Db,
    private readonly notifier: Notifier = new Notifier(db),
  ) {
    this.admin = new CycleAdminService(db, notifier);
    this.assessment = new AssessmentService(db, notifier);
  }

  /** The checklist of moving the cycle to `to` from where it is now (refused when the status machine has no such step). */
  async checklist(cycleId: string, to: GateTarget): Promise<Checklist> {
    const { cycle, rubric } = await this.assessment.cycleAndRubric(cycleId);
    this.assertStep(cycle.status, to);
    return buildChecklist(cycle.status, to, await readGateFacts(this.db, cycle, rubric, to, () => this.assessment.councilItems(cycleId)));
  }

  /** The secretariat moves the cycle on (open, appraisal, council, closed). */
  async transition(actor: Actor, cycleId: string, to: Exclude<CycleStatus, 'draft'>, override?: Override | null): Promise<CycleDto> {
    assertActorRole(actor, ['secretariat'], 'chuyển giai đoạn kỳ đánh giá');
    if (to === 'approved' || to === 'published') throw new AppError('VALIDATION', to === 'approved' ? 'Phê duyệt điểm cuối cùng là việc của Chủ tịch Hội đồng thẩm định.' : 'Công bố cần số và ngày quyết định phê duyệt.');
    const cycle = await repositories(this.db).cycles.getById(cycleId);
    const gate = await this.gate(actor, cycleId, to, override);
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await this.lockStatus(tx, cycleId, cycle.status);
      await new CycleRepository(tx).markStatus(cycleId, to);
      await gate.record(tx);
      // The council decides on what was collected: no survey takes answers past this point (survey-windows.ts).
      if (to === 'council') await closeCycleSurveys(tx, cycleId, actor);
      await audit(tx, asUser(actor), { action: 'cycle.status', cycleId, before: { status: cycle.status }, after: { status: to }, reason: override?.reason?.trim() || null });
    });
    await this.notifier.quietly(() => this.notifier.toCycleUsers(cycleId, `Kỳ đánh giá ${cycle.name}: ${STATUS_LABELS[to]}.`));
    return presentCycle(await repositories(this.db).cycles.getById(cycleId));
  }

  /** The council chair approves the final scores: they are fixed and the results computed (council → approved). */
  async approve(actor: Actor, cycleId: string, override?: Override | null): Promise<CycleDto> {
    assertActorRole(actor, ['council_chair'], 'phê duyệt điểm cuối cùng');
    const cycle = await repositories(this.db).cycles.getById(cycleId);
    if (cycle.status !== 'council') this.assertStep(cycle.status, 'approved');
    const gate = await this.gate(actor, cycleId, 'approved', override);
    const user = asUser(actor);
    const finalized = await this.assessment.finalize(user, cycleId);
    await new ResultsService(this.db).compute(cycleId);
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await this.lockStatus(tx, cycleId, 'council');
      await new CycleRepository(tx).markStatus(cycleId, 'approved');
      await gate.record(tx);
      await audit(tx, user, { action: 'cycle.status', cycleId, before: { status: 'council' }, after: { status: 'approved', finalLeaves: finalized.leaves } });
    });
    return presentCycle(await repositories(this.db).cycles.getById(cycleId));
  }

  /**
   * Publishes the approved results (approved → published) through CycleAdminService.publish, which
   * decides what a publication stores. A published cycle is refused there (a correction is the way).
   */
  async publish(actor: Actor, cycleId: string, body: { decisionNumber: string; decisionDate: string; reason?: string | null }, override?: Override | null): Promise<PublishResult> {
    assertActorRole(actor, ['secretariat'], 'công bố kết quả');
    const cycle = await repositories(this.db).cycles.getById(cycleId);
    // Other statuses get publish's own refusal (already published: make a correction).
    if (cycle.status !== 'approved') return this.admin.publish(asUser(actor), cycleId, body);
    const gate = await this.gate(actor, cycleId, 'published', override);
    return this.admin.publish(asUser(actor), cycleId, body, (tx) => gate.record(tx));
  }

  /** Overrides on record, for the status board. */
  overrides(cycleId: string): Promise<GateOverride[]> {
    return listGateOverrides(this.db, cycleId);
  }

  private assertStep(from: string, to: string): void {
    const ok = (TRANSITIONS[from] ?? []).some((a) => a.to === to) || (from === 'council' && to === 'approved') || (from === 'approved' && to === 'published');
    if (!ok) throw new AppError('CONFLICT', `Không thể chuyển kỳ đánh giá từ "${STATUS_LABELS[from as CycleStatus] ?? from}" sang "${STATUS_LABELS[to as CycleStatus] ?? to}".`);
  }

  /**
   * Computes the checklist and refuses an unmet one (409, the checklist in `details`) unless a
   * reason of at least 10 characters overrides it; returns how to record the override.
   */
  private async gate(actor: Actor, cycleId: string, to: GateTarget, override?: Override | null): Promise<{ record: (tx: Db) => Promise<void> }> {
    const checklist = await this.checklist(cycleId, to);
    const reason = override?.reason?.trim() ?? '';
    if (override && reason.length < MIN_OVERRIDE_REASON)
      throw new AppError('VALIDATION', `Lý do chuyển giai đoạn dù chưa đạt phải có ít nhất ${MIN_OVERRIDE_REASON} ký tự.`, [{ field: 'override.reason', message: `ít nhất ${MIN_OVERRIDE_REASON} ký tự` }], { checklist });
    if (checklist.ok) return { record: async () => {} };
    const toLabel = STATUS_LABELS[to];
    if (!override || !checklist.overridable) throw new AppError('CONFLICT', refusalMessage(toLabel, checklist), [], { checklist });
    const unmet = checklist.items.filter((i) => !i.ok).map((i) => ({ code: i.code, label: i.label, count: i.count, units: i.units.length }));
    return {
      record: (tx) => audit(tx, asUser(actor), { action: OVERRIDE_ACTION, cycleId, subject: to, before: { status: checklist.from }, after: { from: checklist.from, to, unmet }, reason }),
    };
  }

  /** Re-reads the status under the row lock: two secretaries pressing at once move the cycle once. */
  private async lockStatus(tx: Db, cycleId: string, expected: string): Promise<void> {
    const status = await new CycleRepository(tx).lockStatus(cycleId);
    if (status !== expected) throw new AppError('CONFLICT', `Kỳ đánh giá vừa được chuyển sang "${STATUS_LABELS[status as CycleStatus] ?? status}" bởi người khác; hãy tải lại trang.`);
  }
}
