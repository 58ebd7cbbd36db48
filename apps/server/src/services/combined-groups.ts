/**
 * Combined groups of a cycle: published lines over several peer groups taken together, such as
 * Lai Châu's "Khối sở, ban, ngành" (departments + special departments, 82.08 in 2020). They are a
 * setting of the cycle (cycles.settings.combinedGroups) and their figures are stored next to the
 * peer groups' in group_results, marked by their member list so no reader counts a unit twice.
 */
import { AppError, type ClassBand, type PeerGroup } from '@parindex/contracts';
import { type CombinedGroup, EngineError, dec, summarizeCombined } from '@parindex/engine';
import type { Cycle } from '../repositories/cycle.repository.ts';
import type { GroupMemberIndex, GroupResultRow } from '../repositories/results.repository.ts';
import { summaryToDto } from './presenters.ts';

/** The combined groups stored with the cycle (none by default). */
export function combinedGroupsOf(cycle: Cycle): CombinedGroup[] {
  return cycle.settings?.combinedGroups ?? [];
}

/** Refuses a combined group over a group the cycle does not rank, or one whose name or code is taken. */
export function checkCombinedGroups(combined: readonly CombinedGroup[], peerGroups: readonly PeerGroup[], year: number): void {
  const codes = new Set(peerGroups.map((g) => g.code));
  const seen = new Set<string>();
  for (const c of combined) {
    const unknown = c.groups.filter((g) => !codes.has(g));
    if (unknown.length)
      throw new AppError('VALIDATION', `Nhóm gộp "${c.name}": kỳ đánh giá ${year} không có nhóm ${unknown.map((g) => `"${g}"`).join(', ')} (có: ${[...codes].join(', ')}).`, [{ field: 'combine', message: 'nhóm không có trong kỳ' }]);
    if (codes.has(c.code) || seen.has(c.code) || seen.has(c.name))
      throw new AppError('VALIDATION', `Nhóm gộp "${c.name}" (${c.code}) trùng với một nhóm đã có. Hãy đặt tên khác hoặc gộp nhóm khác.`, [{ field: 'combine', message: 'trùng' }]);
    seen.add(c.code).add(c.name);
  }
}

/** The stored rows of the combined groups, from the engine's figures over their members' units. */
export function combinedRowsOf(
  units: readonly { group: string; index: ReturnType<typeof dec>; classification: string }[],
  combined: readonly CombinedGroup[],
  bands: readonly ClassBand[],
): GroupResultRow[] {
  let figures: ReturnType<typeof summarizeCombined>;
  try {
    figures = summarizeCombined(units, combined, bands);
  } catch (e) {
    throw e instanceof EngineError ? new AppError('VALIDATION', e.message) : e;
  }
  return combined.map((c) => ({ peerGroup: c.code, summary: summaryToDto(c.code, c.name, figures.get(c.code)!), members: c.groups }));
}

/** The same rows from stored unit results (after an incremental recomputation). */
export function combinedRowsFromStored(stored: readonly GroupMemberIndex[], combined: readonly CombinedGroup[], bands: readonly ClassBand[]): GroupResultRow[] {
  return combinedRowsOf(stored.map((s) => ({ group: s.peerGroup, index: dec(s.indexExact), classification: s.classification })), combined, bands);
}
