import type { ClassBand, TiePolicy } from '@parindex/contracts';
import { type Change, type LineageLink, type PreviousResult, compareWithPrevious } from './comparison.ts';
import { ZERO } from './decimal.ts';
import { type GroupSummary, type RankInput, type RankedUnit, rankUnits, summarize } from './ranking.ts';
import type { RubricIndex } from './rubric-index.ts';
import { type LeafScoreInput, type UnitScoring, scoreUnit } from './unit-scoring.ts';

export interface CycleUnitInput {
  unitId: string;
  name: string;
  /** Peer group code (nhóm) of the unit in this cycle. */
  group: string;
  /** Node codes excluded for this unit (each with its legal basis, kept by the caller). */
  excluded?: readonly string[];
}

export interface Baseline {
  results: readonly PreviousResult[];
  lineage: readonly LineageLink[];
}

export interface UnitResult extends RankedUnit {
  /** Leaf and node detail when computed from a rubric; absent for imported totals. */
  scoring?: UnitScoring;
  change?: Change;
}

export interface CycleComputation {
  units: UnitResult[];
  groups: Map<string, GroupSummary>;
}

interface RankSettings {
  bands: readonly ClassBand[];
  ties: TiePolicy;
}

/** Index, class, rank, group figures and the change on last year for units whose totals are known. */
export function computeFromTotals(units: readonly RankInput[], settings: RankSettings, baseline?: Baseline): CycleComputation {
  const ranked = rankUnits(units, settings.bands, settings.ties);
  const changes = baseline ? compareWithPrevious(ranked, baseline.results, baseline.lineage) : undefined;
  const results: UnitResult[] = ranked.map((u) => ({ ...u, change: changes?.get(u.unitId) }));
  const groups = new Map<string, GroupSummary>();
  for (const g of new Set(results.map((u) => u.group)))
    groups.set(g, summarize(results.filter((u) => u.group === g), settings.bands));
  return { units: results, groups };
}

/**
 * Computes a whole cycle from a rubric and the units' leaf scores: each unit's points and applicable
 * maximum (scoreUnit), then index, class and rank within its peer group, group figures, and the
 * change against the baseline through lineage.
 */
export function computeCycle(
  rubric: RubricIndex,
  units: readonly CycleUnitInput[],
  scores: ReadonlyMap<string, ReadonlyMap<string, LeafScoreInput>>,
  baseline?: Baseline,
): CycleComputation {
  const { inputs, scorings } = scoreUnits(rubric, units, scores);
  const { settings } = rubric.doc;
  const result = computeFromTotals(inputs, settings, baseline);
  for (const u of result.units) u.scoring = scorings.get(u.unitId);
  return result;
}

const NO_SCORES: ReadonlyMap<string, LeafScoreInput> = new Map();

/** Each unit's points and applicable maximum from its leaf scores (scoreUnit), as ranking inputs. */
function scoreUnits(
  rubric: RubricIndex,
  units: readonly CycleUnitInput[],
  scores: ReadonlyMap<string, ReadonlyMap<string, LeafScoreInput>>,
): { inputs: RankInput[]; scorings: Map<string, UnitScoring> } {
  const scorings = new Map<string, UnitScoring>();
  const inputs: RankInput[] = units.map((u) => {
    const s = scoreUnit(rubric, u.group, new Set(u.excluded ?? []), scores.get(u.unitId) ?? NO_SCORES);
    scorings.set(u.unitId, s);
    return { unitId: u.unitId, name: u.name, group: u.group, appraised: s.appraised, survey: s.survey, bonus: s.bonus, deduction: s.deduction, total: s.total, max: s.max };
  });
  return { inputs, scorings };
}

/** A unit whose stored result still stands: its totals as stored, and its stored change on last year. */
export interface StoredUnitResult extends RankInput {
  change?: Change;
}

/**
 * The same computation as computeCycle for the peer groups of `changed` units, when only their
 * leaf scores changed since the last computation: the changed units are scored again; every other
 * unit of their groups comes with its stored totals (`others`) and is not rescored. All are ranked
 * again with rankUnits, so index, class, rank, order and the group figures are exactly what
 * computeCycle gives for the whole cycle. Only the changed units are compared with the baseline
 * (which need only hold their predecessors' results); the others keep their stored change, whose
 * rank change follows their new rank. Returns the units and summaries of the affected groups only.
 */
export function recomputeUnits(
  rubric: RubricIndex,
  changed: readonly CycleUnitInput[],
  scores: ReadonlyMap<string, ReadonlyMap<string, LeafScoreInput>>,
  others: readonly StoredUnitResult[],
  baseline?: Baseline,
): CycleComputation {
  const { settings } = rubric.doc;
  const { inputs, scorings } = scoreUnits(rubric, changed, scores);
  const groups = new Set(inputs.map((u) => u.group));
  const storedChange = new Map<string, Change | undefined>();
  for (const o of others) {
    if (!groups.has(o.group)) continue;
    storedChange.set(o.unitId, o.change);
    inputs.push({ unitId: o.unitId, name: o.name, group: o.group, appraised: o.appraised, survey: o.survey, bonus: o.bonus, deduction: o.deduction, total: o.total, max: o.max });
  }
  const ranked = rankUnits(inputs, settings.bands, settings.ties);
  const changes = baseline
    ? compareWithPrevious(ranked.filter((u) => scorings.has(u.unitId)), baseline.results, baseline.lineage)
    : undefined;
  const units: UnitResult[] = ranked.map((u) => {
    const scoring = scorings.get(u.unitId);
    if (scoring) return { ...u, scoring, change: changes?.get(u.unitId) };
    return { ...u, change: withRank(storedChange.get(u.unitId), u.rank) };
  });
  const summaries = new Map<string, GroupSummary>();
  for (const g of new Set(units.map((u) => u.group)))
    summaries.set(g, summarize(units.filter((u) => u.group === g), settings.bands));
  return { units, groups: summaries };
}

/** A direct change on last year with the rank change recomputed for the unit's new rank (as compareWithPrevious computes it). */
function withRank(change: Change | undefined, rank: number): Change | undefined {
  if (!change || change.basis !== 'direct' || change.previousRank === undefined) return change;
  return { ...change, rankDelta: change.previousRank - rank };
}

/** Totals from published parts: total = appraised + survey. */
export function totalsFromParts(u: Omit<RankInput, 'total'>): RankInput {
  return { ...u, total: u.appraised.plus(u.survey).plus(u.bonus ?? ZERO).minus(u.deduction ?? ZERO) };
}
