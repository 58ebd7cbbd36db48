import type { ClassBand, TiePolicy } from '@parindex/contracts';
import { Decimal, ZERO, dec, percent, roundHalfUp, sum } from './decimal.ts';

/** A unit's totals, ready to be indexed, classified and ranked. */
export interface RankInput {
  unitId: string;
  name: string;
  group: string;
  appraised: Decimal;
  survey: Decimal;
  bonus?: Decimal;
  deduction?: Decimal;
  total: Decimal;
  max: Decimal;
}

export interface RankedUnit extends RankInput {
  /** 100 × total ÷ max, exact. */
  index: Decimal;
  /** Half-up to 2 decimals: the published figure. */
  indexRounded: Decimal;
  classification: string;
  /** Rank within the peer group by index (then the tie policy); equal units share a rank. */
  rank: number;
  /** 1-based position in the published order of the group. */
  order: number;
}

export class EngineError extends Error {
  constructor(message: string, readonly unitId?: string) {
    super(message);
    this.name = 'EngineError';
  }
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Index % = 100 × total ÷ applicable maximum (exact). */
export function unitIndex(total: Decimal, max: Decimal): Decimal | undefined {
  return percent(total, max);
}

/** Decimals of the published index (half-up): classification compares this figure with the bands. */
export const PUBLISHED_INDEX_DECIMALS = 2;

/** Class (xếp loại) of an index: the highest band whose minimum the published (2-decimal) index reaches. */
export function classify(index: Decimal, bands: readonly ClassBand[]): string {
  const shown = roundHalfUp(index, PUBLISHED_INDEX_DECIMALS);
  const sorted = [...bands].sort((a, b) => dec(b.min).comparedTo(dec(a.min)));
  for (const b of sorted) if (shown.greaterThanOrEqualTo(dec(b.min))) return b.label;
  return sorted.at(-1)!.label;
}

function tieKey(u: RankInput, key: 'appraised' | 'survey' | 'total'): Decimal {
  return u[key];
}

/**
 * Ranks units within each peer group by index, descending. Tie policy "shared": equal indices
 * share a rank (1, 2, 2, 4). "ordered": equal indices are separated by the keys in turn (e.g.
 * higher appraised points, then higher survey points); still equal → shared rank. The published
 * order breaks remaining ties by Vietnamese name so the result never depends on input order.
 */
export function rankUnits(units: readonly RankInput[], bands: readonly ClassBand[], ties: TiePolicy): RankedUnit[] {
  const groups = new Map<string, (RankInput & { index: Decimal })[]>();
  for (const u of units) {
    const index = unitIndex(u.total, u.max);
    if (index === undefined) throw new EngineError(`Đơn vị "${u.name}" có điểm tối đa bằng 0: không tính được chỉ số.`, u.unitId);
    const list = groups.get(u.group) ?? [];
    list.push({ ...u, index });
    groups.set(u.group, list);
  }
  const keys = ties.mode === 'ordered' ? ties.keys : [];
  const compareRank = (a: RankInput & { index: Decimal }, b: RankInput & { index: Decimal }) => {
    const c = b.index.comparedTo(a.index);
    if (c !== 0) return c;
    for (const k of keys) {
      const d = tieKey(b, k).comparedTo(tieKey(a, k));
      if (d !== 0) return d;
    }
    return 0;
  };
  const out: RankedUnit[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => compareRank(a, b) || collator.compare(a.name, b.name) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
    list.forEach((u, i) => {
      const prev = i > 0 ? out[out.length - 1] : undefined;
      const rank = prev && compareRank(list[i - 1], u) === 0 ? prev.rank : i + 1;
      out.push({ ...u, indexRounded: roundHalfUp(u.index, 2), classification: classify(u.index, bands), rank, order: i + 1 });
    });
  }
  return out;
}

export interface GroupSummary {
  count: number;
  /** Mean of the unit indices (not of points), exact. */
  meanIndex: Decimal;
  highestIndex: Decimal;
  lowestIndex: Decimal;
  classCounts: { label: string; count: number }[];
}

/** Group figures: mean index of the units, highest, lowest, count per class (every band, highest first). */
export function summarize(units: readonly Pick<RankedUnit, 'index' | 'classification'>[], bands: readonly ClassBand[]): GroupSummary {
  const sorted = [...bands].sort((a, b) => dec(b.min).comparedTo(dec(a.min)));
  const classCounts = sorted.map((b) => ({ label: b.label, count: units.filter((u) => u.classification === b.label).length }));
  if (units.length === 0) return { count: 0, meanIndex: ZERO, highestIndex: ZERO, lowestIndex: ZERO, classCounts };
  const indices = units.map((u) => u.index);
  return {
    count: units.length,
    meanIndex: sum(indices).dividedBy(units.length),
    highestIndex: Decimal.max(...indices),
    lowestIndex: Decimal.min(...indices),
    classCounts,
  };
}

/**
 * A published line over several peer groups taken together, e.g. "Khối sở, ban, ngành" =
 * departments + special departments: the mean of all their units' indices (not the mean of the
 * groups' means). Its code is the member codes joined by "+", so it never equals a peer group's.
 */
export interface CombinedGroup {
  code: string;
  name: string;
  groups: string[];
}

/** Parses "Khối sở, ban, ngành=departments+special_departments" (name = member groups joined by +). */
export function parseCombineSpec(spec: string): CombinedGroup {
  const i = spec.lastIndexOf('=');
  const name = spec.slice(0, i).trim();
  const groups = spec.slice(i + 1).split('+').map((g) => g.trim());
  if (i <= 0 || !name || groups.some((g) => !g))
    throw new Error(`--combine "${spec}" không đúng dạng Tên=nhóm1+nhóm2, ví dụ "Khối sở, ban, ngành=departments+special_departments".`);
  if (new Set(groups).size !== groups.length) throw new Error(`--combine "${spec}": một nhóm được kể hai lần.`);
  return { code: groups.join('+'), name, groups };
}

/** The figures of each combined group over its member groups' units; a combined group without units is an error. */
export function summarizeCombined(
  units: readonly Pick<RankedUnit, 'group' | 'index' | 'classification'>[],
  combined: readonly CombinedGroup[],
  bands: readonly ClassBand[],
): Map<string, GroupSummary> {
  const out = new Map<string, GroupSummary>();
  for (const c of combined) {
    const members = units.filter((u) => c.groups.includes(u.group));
    if (members.length === 0) throw new EngineError(`Nhóm gộp "${c.name}": không có đơn vị nào thuộc ${c.groups.join(', ')}.`);
    out.set(c.code, summarize(members, bands));
  }
  return out;
}
