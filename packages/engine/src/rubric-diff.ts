import type { RubricDocument } from '@parindex/contracts';
import { indexRubric } from './rubric-index.ts';

/** What changes when a rubric version replaces another inside a running cycle. */
export interface RubricChangeReport {
  added: { code: string; title: string; max: string }[];
  removed: { code: string; title: string; max: string }[];
  /** Leaves whose code survives with another maximum (re-weighted). */
  reweighted: { code: string; title: string; oldMax: string; newMax: string }[];
  /** Leaves whose code survives with another scoring rule, conditions, source, effect, evidence requirement or groups: scores are kept, but worth a look. */
  ruleChanged: { code: string; title: string }[];
  /** Leaf codes whose scores are kept. */
  kept: string[];
}

/** JSON with keys sorted and undefined left out, so two equal documents give the same text however they were stored (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Compares two rubric versions leaf by leaf (by code): scores of surviving codes are kept, others dropped. */
export function diffRubrics(oldDoc: RubricDocument, newDoc: RubricDocument): RubricChangeReport {
  const a = indexRubric(oldDoc);
  const b = indexRubric(newDoc);
  const report: RubricChangeReport = { added: [], removed: [], reweighted: [], ruleChanged: [], kept: [] };
  for (const leaf of b.leaves) {
    const old = a.leafByCode.get(leaf.code);
    if (!old) {
      report.added.push({ code: leaf.code, title: leaf.title, max: leaf.max.toFixed() });
      continue;
    }
    report.kept.push(leaf.code);
    if (!old.max.equals(leaf.max)) report.reweighted.push({ code: leaf.code, title: leaf.title, oldMax: old.max.toFixed(), newMax: leaf.max.toFixed() });
    // Evidence being required and the groups a leaf applies to change its points too.
    const groups = (l: typeof leaf) => (l.appliesTo ? [...l.appliesTo].sort().join(',') : '*');
    if (canonicalJson(old.rule) !== canonicalJson(leaf.rule) || canonicalJson(old.conditions ?? []) !== canonicalJson(leaf.conditions ?? []) || old.source !== leaf.source || old.effect !== leaf.effect ||
      old.evidenceRequired !== leaf.evidenceRequired || groups(old) !== groups(leaf))
      report.ruleChanged.push({ code: leaf.code, title: leaf.title });
  }
  for (const leaf of a.leaves)
    if (!b.leafByCode.has(leaf.code)) report.removed.push({ code: leaf.code, title: leaf.title, max: leaf.max.toFixed() });
  return report;
}
