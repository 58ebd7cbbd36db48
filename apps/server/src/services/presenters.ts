import type { ChangeDto, CycleDto, GroupSummaryDto, UnitResultDto } from '@parindex/contracts';
import { type Change, type GroupSummary, dec, toExact, toFixedHalfUp } from '@parindex/engine';
import type { Cycle } from '../repositories/cycle.repository.ts';
import type { UnitResult } from '../repositories/results.repository.ts';

/** What leaves the server about a cycle. */
export function presentCycle(c: Cycle): CycleDto {
  return {
    id: c.id,
    year: c.year,
    name: c.name,
    status: c.status,
    source: c.source,
    rubricCode: c.rubricCode,
    rubricVersion: c.rubricVersion,
    computedAt: c.computedAt ? c.computedAt.toISOString() : null,
  };
}

export function changeToDto(c: Change | undefined): ChangeDto | null {
  if (!c) return null;
  const s = (d?: { toFixed(): string }) => (d ? toExact(d as never) : null);
  return {
    basis: c.basis,
    previousIndex: s(c.previousIndex),
    previousTotal: s(c.previousTotal),
    previousRank: c.previousRank ?? null,
    indexDelta: s(c.indexDelta),
    totalDelta: s(c.totalDelta),
    rankDelta: c.rankDelta ?? null,
  };
}

export function summaryToDto(code: string, name: string, s: GroupSummary): GroupSummaryDto {
  return {
    code,
    name,
    count: s.count,
    meanIndex: toExact(s.meanIndex),
    meanIndexRounded: toFixedHalfUp(s.meanIndex),
    highestIndex: toExact(s.highestIndex),
    lowestIndex: toExact(s.lowestIndex),
    classCounts: s.classCounts,
  };
}

export function presentUnitResult(r: UnitResult, exclusions: { nodeCode: string; basis: string }[]): UnitResultDto {
  return {
    unitId: r.unitId,
    unitCode: r.unitCode,
    unitName: r.unitName,
    group: r.peerGroup,
    appraised: r.appraised,
    survey: r.survey,
    bonus: r.bonus,
    deduction: r.deduction,
    total: r.total,
    max: r.maxPoints,
    index: r.indexExact,
    indexRounded: toFixedHalfUp(dec(r.indexExact)),
    classification: r.classification,
    rank: r.rank,
    order: r.ord,
    exclusions,
    change: r.change,
  };
}
