/**
 * The counts behind a stage change's checklist (cycle-gates.ts), read in a few grouped queries:
 * per unit — submitted, explanation sent, assigned leaves with and without a proposal, the
 * council's undecided items — and per cycle — the last survey scoring run against the newest response, and the
 * last computation against the last score change.
 */
import { applicableLeaves, type RubricIndex } from '@parindex/engine';
import type { Db } from '../../db/database.ts';
import { AuditRepository } from '../../repositories/audit.repository.ts';
import { CycleAdminRepository } from '../../repositories/cycle-admin.repository.ts';
import type { Cycle } from '../../repositories/cycle.repository.ts';
import { LeafStagesRepository } from '../../repositories/leaf-stages.repository.ts';
import { WorkflowRepository } from '../../repositories/workflow.repository.ts';
import { repositories } from '../repositories.ts';
import { assignmentCover } from './appraisal-coverage.ts';
import type { GateFacts, GateTarget, GateUnitFacts } from './cycle-gates.ts';

/** What the survey scoring writes in the audit log for each run (survey-scores.ts). */
const SURVEY_RUN = { action: 'survey.score', subject: 'survey-score' } as const;

export async function readGateFacts(
  db: Db,
  cycle: Cycle,
  rubric: RubricIndex,
  to: GateTarget,
  councilItems: () => Promise<{ unitId: string; councilPoints: string | null }[]>,
  now = new Date(),
): Promise<GateFacts> {
  const repos = repositories(db);
  const cycleId = cycle.id;
  const units = await repos.cycles.listCycleUnits(cycleId);
  const stages = await new WorkflowRepository(db).listStages(cycleId);
  const submitted = (stage: string) => new Set(stages.filter((s) => s.stage === stage && s.status === 'submitted').map((s) => s.unitId));
  const selfSent = submitted('self');
  const explanationSent = submitted('explanation');

  // Only what the target's items need: the leaf counts are the heavier reads.
  const assigned = new Map<string, number>();
  const proposed = new Map<string, number>();
  if (to === 'council') {
    // Assigned as the appraisal queue and the council see it (appraisal-coverage.ts): by an appraiser of another unit.
    const covers = await assignmentCover(db, cycleId);
    const excl = await repos.cycles.listExclusions(cycleId);
    const withProposal = await new LeafStagesRepository(db).listProposed(cycleId);
    const proposedOf = new Set(withProposal.map((r) => `${r.unitId}|${r.leafCode}`));
    for (const u of units) {
      const leaves = applicableLeaves(rubric, u.peerGroup, excl.filter((e) => e.unitId === u.unitId).map((e) => e.nodeCode)).filter((l) => covers(u.unitId, l));
      assigned.set(u.unitId, leaves.length);
      proposed.set(u.unitId, leaves.filter((l) => proposedOf.has(`${u.unitId}|${l.code}`)).length);
    }
  }
  const undecided = new Map<string, number>();
  // The council's items as the council page and the approval see them (disputed, or assigned without a proposal).
  if (to === 'approved') for (const i of await councilItems()) if (i.councilPoints === null) undecided.set(i.unitId, (undecided.get(i.unitId) ?? 0) + 1);

  const survey: GateFacts['survey'] = { surveyLeaves: rubric.leaves.filter((l) => l.source === 'survey').length, questionnaires: 0, lastRunAt: null, newestChangeAt: null, newerResponses: 0 };
  if (to === 'council' && survey.surveyLeaves > 0) {
    const surveys = new CycleAdminRepository(db);
    const audits = new AuditRepository(db);
    const qs = await surveys.listQuestionnaireIds(cycleId);
    survey.questionnaires = qs.length;
    const run = await audits.lastAt(cycleId, SURVEY_RUN.action, SURVEY_RUN.subject);
    survey.lastRunAt = run ? new Date(run) : null;
    if (qs.length) {
      const newest = await surveys.newestResponseAt(qs);
      const excluded = await audits.lastOfActionsAt(cycleId, ['survey.exclude', 'survey.include']);
      const times = [newest, excluded].filter((d): d is Date => !!d).map((d) => new Date(d));
      survey.newestChangeAt = times.sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
      if (survey.lastRunAt) survey.newerResponses = await surveys.countResponsesSince(qs, survey.lastRunAt);
    }
  }

  const results: GateFacts['results'] = { computedAt: cycle.computedAt, lastScoreChangeAt: null };
  if (to === 'published') {
    const last = await new LeafStagesRepository(db).lastChangeAt(cycleId);
    results.lastScoreChangeAt = last ? new Date(last) : null;
  }

  const facts: GateUnitFacts[] = units.map((u) => ({
    id: u.unitId,
    name: u.name,
    selfSubmitted: selfSent.has(u.unitId),
    explanationSent: explanationSent.has(u.unitId),
    assignedLeaves: assigned.get(u.unitId) ?? 0,
    proposedLeaves: proposed.get(u.unitId) ?? 0,
    undecided: undecided.get(u.unitId) ?? 0,
  }));
  return { now, deadlines: cycle.deadlines, units: facts, survey, results };
}
