/**
 * Survey points stored with the leaf scores. Every unit × linked survey leaf that applies to the
 * unit gets a row on each scoring: its points, or — when the fallback makes it not applicable —
 * no points and `notApplicable`, which takes the leaf out of the unit's maximum in the engine.
 * The answers, flag, reason and 95% interval go in the row's inputs, so they survive a reload and
 * reach the unit's sheet; re-scoring replaces every row, so no stale points stay behind.
 */
import type { LeafInputs, SurveyLeafScoreDto, SurveyScoresDto, SurveyUnitScoreDto } from '@parindex/contracts';
import { type RubricIndex, type SurveyLeafScore, type SurveyScoring, dec, surveyUnitTotal, toExact } from '@parindex/engine';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { SurveyScoreRepository } from '../../repositories/survey-score.repository.ts';
import { repositories } from '../repositories.ts';
import { audit, listAudit } from '../workflow/audit.ts';

/** The audit subject of a scoring run: the read side finds the last run (time, actor, responses read) by it. */
const RUN_SUBJECT = 'survey-score';

interface CycleUnit {
  unitId: string;
  code: string;
  name: string;
}

/** What a leaf score keeps of the survey scoring (no points: those are the row's `points`). */
export function surveyInputs(l: SurveyLeafScore): LeafInputs {
  return {
    ...(!l.applicable && { notApplicable: true }),
    ...(l.reason !== undefined && (l.flagged || !l.applicable) && { reason: l.reason }),
    survey: {
      n: l.n,
      flagged: l.flagged,
      ...(l.fallback && { fallback: l.fallback }),
      ...(l.ci && { ciLow: toExact(l.ci.low), ciHigh: toExact(l.ci.high) }),
    },
  };
}

/** Writes one scoring run (every row, in one transaction with its audit entry). */
export async function storeSurveyScores(
  db: Db,
  actor: SessionUser,
  cycleId: string,
  scoring: SurveyScoring,
  units: readonly CycleUnit[],
  applies: (unitCode: string, leafCode: string) => boolean,
): Promise<number> {
  const idOf = new Map(units.map((u) => [u.code, u.unitId]));
  const rows = scoring.leaves
    .filter((l) => idOf.has(l.unitCode) && applies(l.unitCode, l.leafCode))
    .map((l) => ({ unitId: idOf.get(l.unitCode)!, leafCode: l.leafCode, inputs: surveyInputs(l), points: l.applicable ? toExact(l.points) : null }));
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await repositories(tx).scores.upsertLeafScores(cycleId, rows, { updatedBy: actor.id });
    await audit(tx, actor, {
      action: 'survey.score',
      cycleId,
      subject: RUN_SUBJECT,
      after: { leaves: rows.length, notApplicable: rows.filter((r) => r.points === null).length, responses: scoring.responses, flagged: scoring.leaves.filter((l) => l.flagged).length },
    });
  });
  return rows.length;
}

/** The stored survey scores of the cycle: per unit × leaf and per unit, from the rows the scoring wrote. */
export async function readSurveyScores(db: Db, cycleId: string, rubric: RubricIndex, units: readonly CycleUnit[], linkedLeaves: ReadonlySet<string>): Promise<SurveyScoresDto> {
  const surveyLeaves = rubric.leaves.filter((l) => l.source === 'survey');
  const codes = surveyLeaves.filter((l) => linkedLeaves.has(l.code)).map((l) => l.code);
  const rows = codes.length ? await new SurveyScoreRepository(db).listLeafScores(cycleId, codes) : [];
  const byUnit = new Map<string, typeof rows>();
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  const order = new Map(codes.map((c, i) => [c, i]));
  const leaves: SurveyLeafScoreDto[] = [];
  const totals: SurveyUnitScoreDto[] = [];
  for (const u of units) {
    const mine = (byUnit.get(u.unitId) ?? []).filter((r) => r.inputs.survey).sort((a, b) => order.get(a.leafCode)! - order.get(b.leafCode)!);
    if (mine.length === 0) continue;
    const dtos = mine.map((r): SurveyLeafScoreDto => {
      const note = r.inputs.survey!;
      const applicable = r.inputs.notApplicable !== true && r.points !== null;
      return {
        unitCode: u.code,
        unitName: u.name,
        leafCode: r.leafCode,
        n: note.n,
        points: applicable ? r.points : null,
        max: toExact(rubric.leafByCode.get(r.leafCode)!.max),
        applicable,
        flagged: note.flagged,
        fallback: note.fallback ?? null,
        reason: r.inputs.reason ?? null,
        ciLow: note.ciLow ?? null,
        ciHigh: note.ciHigh ?? null,
      };
    });
    leaves.push(...dtos);
    const t = surveyUnitTotal(
      u.code,
      dtos.map((d) => ({ points: dec(d.points ?? 0), max: dec(d.max), applicable: d.applicable, flagged: d.flagged, ...(d.ciLow !== null && d.ciHigh !== null && { ci: { low: dec(d.ciLow), high: dec(d.ciHigh) } }) })),
    );
    totals.push({
      unitCode: u.code,
      unitName: u.name,
      points: toExact(t.points),
      max: toExact(t.max),
      answers: dtos.reduce((s, d) => s + d.n, 0),
      flaggedLeaves: t.flaggedLeaves,
      notApplicableLeaves: dtos.filter((d) => !d.applicable).length,
      ciLow: t.ci ? toExact(t.ci.low) : null,
      ciHigh: t.ci ? toExact(t.ci.high) : null,
      ciComplete: t.ciComplete,
    });
  }
  const [run] = await listAudit(db, { cycleId, subject: RUN_SUBJECT, limit: 1 });
  const after = run?.after as { responses?: SurveyScoresDto['responses'] } | undefined;
  return {
    scoredAt: run?.at ?? null,
    scoredBy: run?.userName ?? null,
    responses: after?.responses ?? null,
    unlinkedLeaves: surveyLeaves.filter((l) => !linkedLeaves.has(l.code)).map((l) => l.code),
    leaves,
    units: totals,
  };
}

/** Leaves some scoring question of these questionnaires is linked to. */
export function linkedLeafCodes(docs: readonly { questions: readonly { scoring?: { leafCode: string } }[] }[]): Set<string> {
  return new Set(docs.flatMap((d) => d.questions.flatMap((q) => (q.scoring ? [q.scoring.leafCode] : []))));
}
