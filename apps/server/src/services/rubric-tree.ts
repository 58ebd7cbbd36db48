/**
 * A rubric version as the rubric pages read it (work area and portal): fields → criteria → leaves
 * with their maxima, how each leaf is scored in a Vietnamese sentence (and in the XLSX notation),
 * the evidence expected, and the peer groups each node applies to; the version's classification
 * bands, tie policy and the applicable maximum of each peer group. Presentation only: the figures
 * are the document's own, the maxima per group the engine's.
 */
import type { RubricDocument, RubricLeafDto, RubricNode, RubricTreeDto, RubricTreeNodeDto, RubricVersionDto } from '@parindex/contracts';
import { applicableMax, indexRubric, toExact } from '@parindex/engine';
import type { RubricVersion, RubricVersionSummary } from '../repositories/rubric.repository.ts';
import { formatRule } from '../rubric-io/rule-notation.ts';
import { conditionSentence, leafNotes, ruleSentence, tiesSentence } from './rubric-sentences.ts';

// The presented shapes are defined once, in packages/contracts (rubric-view.ts), for the web app too.
export type { RubricLeafDto, RubricTreeDto, RubricTreeNodeDto, RubricVersionDto };

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
