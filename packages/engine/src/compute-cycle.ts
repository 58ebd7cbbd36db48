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
  const empty = new Map<string, LeafScoreInput>();
  const scorings = new Map<string, UnitScoring>();
  const inputs: RankInput[] = units.map((u) => {
    const s = scoreUnit(rubric, u.group, new Set(u.excluded ?? []), scores.get(u.unitId) ?? empty);
    scorings.set(u.unitId, s);
    return { unitId: u.unitId, name: u.name, group: u.group, appraised: s.appraised, survey: s.survey, bonus: s.bonus, deduction: s.deduction, total: s.total, max: s.max };
  });
  const { settings } = rubric.doc;
  const result = computeFromTotals(inputs, settings, baseline);
  for (const u of result.units) u.scoring = scorings.get(u.unitId);
  return result;
}

/** Totals from published parts: total = appraised + survey. */
export function totalsFromParts(u: Omit<RankInput, 'total'>): RankInput {
  return { ...u, total: u.appraised.plus(u.survey).plus(u.bonus ?? ZERO).minus(u.deduction ?? ZERO) };
}
