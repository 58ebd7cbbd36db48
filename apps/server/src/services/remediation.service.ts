/**
 * Kế hoạch khắc phục: action items on the leaves where a unit lost points in a cycle, and — in the
 * next cycle — the same actions next to that leaf's new points and whether the loss shrank. A unit
 * formed from others (lineage) also carries its predecessors' open actions, each labelled with
 * the predecessor's name.
 * Points come from unit_results.components.leaves (exact strings); in a cycle not yet computed,
 * from the scores on file, by the engine's one final-points rule (finalPointsOf).
 */
import { type ActionDto, type ActionStatus, AppError, type CarriedAction, type LeafPoints, type RemediationPlan } from '@parindex/contracts';
import { dec, finalPointsOf, indexRubric, leavesLosingPoints, lossChange, pointsLost, toExact } from '@parindex/engine';
import type { SessionUser } from '../auth/auth.service.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/sql-helpers.ts';
import { type RemediationActionPatch, type RemediationActionRow, RemediationRepository } from '../repositories/remediation.repository.ts';
import { repositories } from './repositories.ts';
import { audit } from './workflow/audit.ts';

// The presented shapes are defined once, in packages/contracts (remediation.ts), for the web app too.
export type { ActionDto, ActionStatus, CarriedAction, LeafPoints, RemediationPlan };

export interface NewAction {
  leafCode: string;
  action: string;
  owner: string;
  deadline?: string | null;
  status?: ActionStatus;
  note?: string | null;
}

export class RemediationService {
  private readonly plans: RemediationRepository;

  constructor(private readonly db: Db) {
    this.plans = new RemediationRepository(db);
  }

  /** The unit's leaves in a cycle with points; null when the cycle has neither results nor scores. */
  private async leafPoints(cycleId: string, unitId: string): Promise<{ basis: 'result' | 'scores'; leaves: LeafPoints[] } | null> {
    const repos = repositories(this.db);
    const cycle = await repos.cycles.getById(cycleId);
    const rubric = cycle.rubricVersionId ? indexRubric((await repos.rubrics.getVersion(cycle.rubricVersionId)).document) : null;
    const titleOf = (code: string) => rubric?.leafByCode.get(code)?.title ?? code;
    const row = await this.plans.findUnitResult(cycleId, unitId);
    const stored = (row?.components as { leaves?: { code: string; points: string; max: string; lost: string }[] } | undefined)?.leaves;
    if (row && Array.isArray(stored) && stored.length)
      return { basis: 'result', leaves: stored.map((l) => ({ code: l.code, title: titleOf(l.code), points: l.points, max: l.max, lost: l.lost })) };
    if (!rubric) return null;
    const scores = await this.plans.listUnitLeafScores(cycleId, unitId);
    const leaves: LeafPoints[] = [];
    for (const s of scores) {
      const leaf = rubric.leafByCode.get(s.leafCode);
      const points = finalPointsOf({ self: s.selfPoints, proposed: s.proposedPoints, council: s.councilPoints, final: s.points });
      if (!leaf || points === null) continue;
      leaves.push({ code: leaf.code, title: leaf.title, points: toExact(dec(points)), max: toExact(leaf.max), lost: toExact(pointsLost(leaf.max, points)) });
    }
    return leaves.length ? { basis: 'scores', leaves } : null;
  }

  private present(a: RemediationActionRow, titleOf: (code: string) => string | null): ActionDto {
    return {
      id: a.id,
      cycleId: a.cycleId,
      leafCode: a.leafCode,
      leafTitle: titleOf(a.leafCode),
      pointsLost: a.pointsLost === null ? null : toExact(dec(a.pointsLost)),
      action: a.action,
      owner: a.owner,
      deadline: a.deadline,
      status: a.status,
      note: a.note,
      updatedBy: a.updatedBy,
      updatedAt: a.updatedAt.toISOString(),
    };
  }

  private actionsOf(cycleId: string, unitId: string) {
    return this.plans.listActions(cycleId, unitId);
  }

  private async unitInCycle(cycleId: string, unitId: string) {
    const repos = repositories(this.db);
    const cycle = await repos.cycles.getById(cycleId);
    const member = (await repos.cycles.listCycleUnits(cycleId)).find((u) => u.unitId === unitId);
    if (!member) throw new AppError('NOT_FOUND', 'Đơn vị không tham gia kỳ đánh giá này.');
    return { cycle, unit: await repos.units.getById(unitId) };
  }

  /** The plan of a unit in a cycle: leaves that lost points (most first), its actions, and the previous cycle's actions carried in. */
  async view(cycleId: string, unitId: string): Promise<RemediationPlan> {
    const { cycle, unit } = await this.unitInCycle(cycleId, unitId);
    const points = await this.leafPoints(cycleId, unitId);
    const lostLeaves = leavesLosingPoints(points?.leaves ?? []);
    const titles = new Map((points?.leaves ?? []).map((l) => [l.code, l.title]));
    const actions = await this.actionsOf(cycleId, unitId);

    // The previous cycle (the newest earlier year) whose plan this cycle continues.
    const earlier = (await repositories(this.db).cycles.list()).filter((c) => c.year < cycle.year).sort((a, b) => b.year - a.year)[0];
    let carried: { cycle: { id: string; year: number; name: string }; actions: CarriedAction[] } | null = null;
    if (earlier) {
      const own = await this.actionsOf(earlier.id, unitId);
      // A merged (or renamed) successor continues its predecessors' plans: their actions still open.
      const predecessors = (await repositories(this.db).units.listLineage()).filter((l) => l.successorId === unitId && l.predecessorId !== unitId).map((l) => l.predecessorId);
      const inherited: { unit: { id: string; name: string }; actions: (typeof own)[number][] }[] = [];
      for (const id of new Set(predecessors)) {
        const open = (await this.actionsOf(earlier.id, id)).filter((a) => a.status === 'planned' || a.status === 'in_progress');
        if (open.length) inherited.push({ unit: { id, name: (await repositories(this.db).units.getById(id)).name }, actions: open });
      }
      if (own.length || inherited.length) {
        const nowBy = new Map((points?.leaves ?? []).map((l) => [l.code, l]));
        const carry = async (rows: typeof own, from: { id: string; name: string } | null): Promise<CarriedAction[]> => {
          const prevPoints = await this.leafPoints(earlier.id, from?.id ?? unitId).catch(() => null);
          const prevTitles = new Map((prevPoints?.leaves ?? []).map((l) => [l.code, l.title]));
          return rows.map((a) => {
            const dto = this.present(a, (c) => prevTitles.get(c) ?? titles.get(c) ?? null);
            const now = nowBy.get(a.leafCode);
            const change = now && a.pointsLost !== null ? lossChange(a.pointsLost, now.lost) : null;
            return {
              ...dto,
              fromUnit: from,
              now: now && points ? { ...now, basis: points.basis } : null,
              regained: change === null ? null : toExact(change.regained),
              trend: change === null ? null : change.trend,
            };
          });
        };
        const actionsCarried = await carry(own, null);
        for (const p of inherited) actionsCarried.push(...(await carry(p.actions, p.unit)));
        carried = { cycle: { id: earlier.id, year: earlier.year, name: earlier.name }, actions: actionsCarried };
      }
    }
    return {
      cycle: { id: cycle.id, year: cycle.year, name: cycle.name, status: cycle.status },
      unit: { id: unit.id, code: unit.code, name: unit.name },
      basis: points?.basis ?? null,
      lostLeaves,
      actions: actions.map((a) => this.present(a, (c) => titles.get(c) ?? null)),
      carried,
    };
  }

  async create(actor: SessionUser, cycleId: string, unitId: string, items: NewAction[]): Promise<ActionDto[]> {
    await this.unitInCycle(cycleId, unitId);
    const points = await this.leafPoints(cycleId, unitId);
    const byCode = new Map((points?.leaves ?? []).map((l) => [l.code, l]));
    const repos = repositories(this.db);
    const cycle = await repos.cycles.getById(cycleId);
    const rubric = cycle.rubricVersionId ? indexRubric((await repos.rubrics.getVersion(cycle.rubricVersionId)).document) : null;
    items.forEach((it, i) => {
      if (!byCode.has(it.leafCode) && !rubric?.leafByCode.has(it.leafCode))
        throw new AppError('VALIDATION', `Dòng ${i + 1}: không có tiêu chí "${it.leafCode}" trong bộ chỉ số của kỳ này.`);
    });
    return this.db.transaction(async (tx) => {
      const out: ActionDto[] = [];
      for (const it of items) {
        const row = await new RemediationRepository(tx).addAction({
          id: newId(),
          cycleId,
          unitId,
          leafCode: it.leafCode,
          pointsLost: byCode.get(it.leafCode)?.lost ?? null,
          action: it.action.trim(),
          owner: it.owner.trim(),
          deadline: it.deadline ?? null,
          status: it.status ?? 'planned',
          note: it.note?.trim() || null,
          updatedBy: actor.fullName,
        });
        await audit(tx, actor, { action: 'remediation.create', cycleId, unitId, subject: it.leafCode, after: it });
        out.push(this.present(row, (c) => byCode.get(c)?.title ?? rubric?.leafByCode.get(c)?.title ?? null));
      }
      return out;
    });
  }

  async update(actor: SessionUser, cycleId: string, unitId: string, actionId: string, patch: Partial<Omit<NewAction, 'leafCode'>>): Promise<ActionDto> {
    const before = await this.plans.findAction(cycleId, unitId, actionId);
    if (!before) throw new AppError('NOT_FOUND', 'Không có việc khắc phục này trong kế hoạch của đơn vị.');
    const set: RemediationActionPatch = { updatedBy: actor.fullName, updatedAt: new Date() };
    if (patch.action !== undefined) set.action = patch.action.trim();
    if (patch.owner !== undefined) set.owner = patch.owner.trim();
    if (patch.deadline !== undefined) set.deadline = patch.deadline;
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.note !== undefined) set.note = patch.note?.trim() || null;
    return this.db.transaction(async (tx) => {
      const row = await new RemediationRepository(tx).patchAction(actionId, set);
      await audit(tx, actor, { action: 'remediation.update', cycleId, unitId, subject: before.leafCode, before: { status: before.status, action: before.action, owner: before.owner, deadline: before.deadline }, after: patch });
      return this.present(row, () => null);
    });
  }
}
