/**
 * Rows between the engine and the results tables: the scores the engine takes, a unit's and a peer
 * group's stored result rows as the engine computed them, and a stored result (with its change on
 * last year) as the engine takes it back for an incremental recompute (ResultsService).
 */
import type { ChangeDto, PeerGroup } from '@parindex/contracts';
import { type Change, type CycleComputation, type LeafScoreInput, type UnitResult as EngineUnitResult, dec, toExact } from '@parindex/engine';
import type { GroupResultRow, StoredStanding, UnitResultRow } from '../repositories/results.repository.ts';
import type { LeafScore } from '../repositories/score.repository.ts';
import { changeToDto, summaryToDto } from './presenters.ts';

export function scoresByUnit(rows: readonly LeafScore[]): Map<string, Map<string, LeafScoreInput>> {
  const scores = new Map<string, Map<string, LeafScoreInput>>();
  for (const s of rows) {
    let m = scores.get(s.unitId);
    if (!m) scores.set(s.unitId, (m = new Map()));
    m.set(s.leafCode, { inputs: s.inputs, points: s.points });
  }
  return scores;
}

/** The stored row of a unit's result, as the engine computed it. */
export function unitRowOf(u: EngineUnitResult): UnitResultRow {
  return {
    unitId: u.unitId,
    peerGroup: u.group,
    appraised: toExact(u.appraised),
    survey: toExact(u.survey),
    bonus: toExact(u.bonus ?? dec(0)),
    deduction: toExact(u.deduction ?? dec(0)),
    total: toExact(u.total),
    maxPoints: toExact(u.max),
    indexExact: toExact(u.index),
    classification: u.classification,
    rank: u.rank,
    ord: u.order,
    components: u.scoring
      ? {
          nodes: u.scoring.nodes.map((n) => ({ code: n.code, depth: n.depth, points: toExact(n.points), max: toExact(n.max) })),
          leaves: u.scoring.leaves.map((l) => ({ code: l.code, points: toExact(l.points), max: toExact(l.max), lost: toExact(l.lost) })),
        }
      : { nodes: [], leaves: [] },
    change: changeToDto(u.change),
  };
}

export function groupRowsOf(computation: CycleComputation, peerGroups: readonly PeerGroup[]): GroupResultRow[] {
  const nameOf = (code: string) => peerGroups.find((g) => g.code === code)?.name ?? code;
  return [...computation.groups].map(([code, s]) => ({ peerGroup: code, summary: summaryToDto(code, nameOf(code), s) }));
}

/** A stored result (with its exact totals and change) as the engine takes it back. */
export function storedResultOf(s: StoredStanding) {
  return {
    unitId: s.unitId,
    name: s.unitName,
    group: s.peerGroup,
    appraised: dec(s.appraised!),
    survey: dec(s.survey!),
    bonus: dec(s.bonus!),
    deduction: dec(s.deduction!),
    total: dec(s.total!),
    max: dec(s.maxPoints!),
    change: changeFromDto(s.change),
  };
}

function changeFromDto(c: ChangeDto | null): Change | undefined {
  if (!c) return undefined;
  const d = (v: string | null) => (v === null ? undefined : dec(v));
  return {
    basis: c.basis,
    previousIndex: d(c.previousIndex),
    previousTotal: d(c.previousTotal),
    previousRank: c.previousRank ?? undefined,
    indexDelta: d(c.indexDelta),
    totalDelta: d(c.totalDelta),
    rankDelta: c.rankDelta ?? undefined,
  };
}

export function sameChange(a: ChangeDto | null, b: ChangeDto | null): boolean {
  if (!a || !b) return !a && !b;
  const keys = ['basis', 'previousIndex', 'previousTotal', 'previousRank', 'indexDelta', 'totalDelta', 'rankDelta'] as const;
  return keys.every((k) => (a[k] ?? null) === (b[k] ?? null));
}
