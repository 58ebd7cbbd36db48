/**
 * A rubric version as the rubric pages read it (work area and portal): fields → criteria → leaves
 * with their maxima, how each leaf is scored in a Vietnamese sentence (and in the XLSX notation),
 * the evidence expected, and the peer groups each node applies to; the version's classification
 * bands, tie policy and the applicable maximum of each peer group. Presentation only: the figures
 * are the document's own, the maxima per group the engine's.
 */
import type { RubricDocument, RubricNode } from '@parindex/contracts';
import { applicableMax, indexRubric, toExact } from '@parindex/engine';
import type { RubricVersion, RubricVersionSummary } from '../repositories/rubric.repository.ts';
import { formatRule } from '../rubric-io/rule-notation.ts';
import { conditionSentence, leafNotes, ruleSentence, tiesSentence } from './rubric-sentences.ts';

/** A version as listed, with the cycles scored on it. */
export interface RubricVersionDto {
  id: string;
  code: string;
  version: number;
  year: number;
  name: string;
  createdAt: string;
  /** Cycles whose current rubric is this version. */
  cycles: { id: string; year: number; name: string; status: string }[];
}

export interface RubricLeafDto {
  source: 'appraised' | 'survey';
  effect: 'score' | 'bonus' | 'deduction';
  ruleType: string;
  /** How the leaf is scored, in Vietnamese sentences. */
  howScored: string;
  /** The same rule in the XLSX "Phương pháp chấm điểm" notation. */
  notation: string;
  /** Bonus / deduction / evidence requirement, as short sentences. */
  notes: string[];
  evidence: string | null;
  evidenceRequired: boolean;
}

export interface RubricTreeNodeDto {
  code: string;
  title: string;
  max: string;
  /** 1 for a field (lĩnh vực), 2 for a criterion, … */
  depth: number;
  /** The peer groups (codes) the node applies to, its ancestors' limits included; null = every group. */
  groups: string[] | null;
  /** Conditions on other leaves ("Nếu điểm tiêu chí 1.1.1 bằng 0 thì …"), as sentences. */
  conditions: string[];
  children: RubricTreeNodeDto[];
  /** Scoring of a leaf; null for a field or a criterion with children. */
  leaf: RubricLeafDto | null;
}

export interface RubricTreeDto {
  id: string;
  code: string;
  version: number;
  year: number;
  name: string;
  basis: string | null;
  unitKinds: string[];
  createdAt: string;
  /** Each peer group with its applicable maximum (thang điểm: Σ maxima of the score leaves that apply to it). */
  peerGroups: { code: string; name: string; max: string }[];
  bands: { label: string; min: string }[];
  ties: string;
  bonusCap: string | null;
  deductionCap: string | null;
  leaves: number;
  fields: RubricTreeNodeDto[];
}

export function presentVersionSummary(v: RubricVersionSummary, cycles: RubricVersionDto['cycles']): RubricVersionDto {
  return { id: v.id, code: v.code, version: v.version, year: v.year, name: v.name, createdAt: v.createdAt.toISOString(), cycles };
}

/** The groups a node applies to, given its parent's (undefined = every group). */
function narrow(parent: string[] | undefined, own: string[] | undefined): string[] | undefined {
  if (!own) return parent;
  return parent ? parent.filter((g) => own.includes(g)) : [...own];
}

function presentNode(node: RubricNode, doc: RubricDocument, depth: number, parentGroups: string[] | undefined): RubricTreeNodeDto {
  const groups = narrow(parentGroups, node.appliesTo);
  const children = node.children ?? [];
  const isLeaf = children.length === 0;
  const effect = node.effect ?? 'score';
  const rule = node.rule ?? { type: 'manual' as const };
  return {
    code: node.code,
    title: node.title,
    max: node.max,
    depth,
    groups: groups ?? null,
    conditions: (node.conditions ?? []).map((c) => conditionSentence(c, isLeaf)),
    children: children.map((c) => presentNode(c, doc, depth + 1, groups)),
    leaf: isLeaf
      ? {
          source: node.source ?? (rule.type === 'survey' ? 'survey' : 'appraised'),
          effect,
          ruleType: rule.type,
          howScored: ruleSentence({ max: node.max, effect, rule }),
          notation: formatRule(rule),
          notes: leafNotes({ effect, evidenceRequired: node.evidenceRequired ?? false }, doc.settings),
          evidence: node.evidence?.trim() || null,
          evidenceRequired: node.evidenceRequired ?? false,
        }
      : null,
  };
}

/** The whole version as the tree view shows it. */
export function presentRubricTree(v: RubricVersion): RubricTreeDto {
  const doc = v.document;
  const index = indexRubric(doc);
  const s = doc.settings;
  return {
    id: v.id,
    code: v.code,
    version: v.version,
    year: doc.year,
    name: doc.name,
    basis: doc.basis?.trim() || null,
    unitKinds: doc.unitKinds,
    createdAt: v.createdAt.toISOString(),
    peerGroups: doc.peerGroups.map((g) => ({ code: g.code, name: g.name, max: toExact(applicableMax(index, g.code)) })),
    bands: s.bands.map((b) => ({ label: b.label, min: b.min })),
    ties: tiesSentence(s.ties),
    bonusCap: s.bonusCap ?? null,
    deductionCap: s.deductionCap ?? null,
    leaves: index.leaves.length,
    fields: doc.fields.map((f) => presentNode(f, doc, 1, undefined)),
  };
}
