import type { LeafEffect, LeafSource, RubricDocument, RubricNode, ScoringRule } from '@parindex/contracts';
import { Decimal, dec } from './decimal.ts';
import { type LeafCondition, conditionOrder, conditionsByLeaf } from './rule-conditions.ts';

/** A scored leaf of the rubric with the path above it (field → criterion → …). */
export interface IndexedLeaf {
  code: string;
  title: string;
  max: Decimal;
  source: LeafSource;
  effect: LeafEffect;
  rule: ScoringRule;
  evidenceRequired: boolean;
  /** Codes of the ancestors from the field down to the parent. */
  ancestors: string[];
  /** Peer groups the leaf applies to, combining its own and its ancestors' appliesTo; undefined = all. */
  appliesTo?: ReadonlySet<string>;
  /** Conditions on other leaves binding this leaf (its own and its ancestors'); absent = none. */
  conditions?: LeafCondition[];
}

export interface IndexedNode {
  code: string;
  title: string;
  max: Decimal;
  depth: number;
  parent?: string;
  isLeaf: boolean;
}

/** A rubric prepared for computation: leaves in document order, nodes by code. */
export interface RubricIndex {
  doc: RubricDocument;
  leaves: IndexedLeaf[];
  leafByCode: Map<string, IndexedLeaf>;
  nodes: Map<string, IndexedNode>;
  /** Codes of the leaves with conditions, each after the leaves its conditions name (rule-conditions.ts). */
  conditionOrder: string[];
}

function intersect(a: ReadonlySet<string> | undefined, b: string[] | undefined): ReadonlySet<string> | undefined {
  if (!b) return a;
  if (!a) return new Set(b);
  return new Set(b.filter((g) => a.has(g)));
}

/** Flattens the rubric tree; leaves are scored, interior nodes aggregate (any depth). */
export function indexRubric(doc: RubricDocument): RubricIndex {
  const leaves: IndexedLeaf[] = [];
  const nodes = new Map<string, IndexedNode>();
  const conditions = conditionsByLeaf(doc.fields);
  const walk = (node: RubricNode, depth: number, ancestors: string[], applies: ReadonlySet<string> | undefined) => {
    const isLeaf = !node.children || node.children.length === 0;
    const appliesHere = intersect(applies, node.appliesTo);
    nodes.set(node.code, { code: node.code, title: node.title, max: dec(node.max), depth, parent: ancestors.at(-1), isLeaf });
    if (isLeaf) {
      leaves.push({
        code: node.code,
        title: node.title,
        max: dec(node.max),
        source: node.source ?? (node.rule?.type === 'survey' ? 'survey' : 'appraised'),
        effect: node.effect ?? 'score',
        rule: node.rule ?? { type: 'manual' },
        evidenceRequired: node.evidenceRequired ?? false,
        ancestors,
        appliesTo: appliesHere,
        ...(conditions.has(node.code) && { conditions: conditions.get(node.code) }),
      });
      return;
    }
    for (const child of node.children!) walk(child, depth + 1, [...ancestors, node.code], appliesHere);
  };
  for (const field of doc.fields) walk(field, 1, [], undefined);
  const order = conditions.size ? conditionOrder(leaves.map((l) => l.code), conditions).order.filter((c) => conditions.has(c)) : [];
  return { doc, leaves, leafByCode: new Map(leaves.map((l) => [l.code, l])), nodes, conditionOrder: order };
}

/** Whether a leaf applies to a unit of `group` with the given excluded node codes (a node excludes everything under it). */
export function leafApplies(leaf: IndexedLeaf, group: string, excluded: ReadonlySet<string>): boolean {
  if (leaf.appliesTo && !leaf.appliesTo.has(group)) return false;
  if (excluded.has(leaf.code)) return false;
  for (const a of leaf.ancestors) if (excluded.has(a)) return false;
  return true;
}

/** The leaves that apply to a unit: by its peer group and its own exclusions. */
export function applicableLeaves(index: RubricIndex, group: string, excluded: Iterable<string> = []): IndexedLeaf[] {
  const ex = new Set(excluded);
  return index.leaves.filter((l) => leafApplies(l, group, ex));
}

/** Applicable maximum (thang điểm) = Σ maxima of the applicable score leaves; bonus and deduction leaves are outside it. */
export function applicableMax(index: RubricIndex, group: string, excluded: Iterable<string> = []): Decimal {
  let s = new Decimal(0);
  for (const l of applicableLeaves(index, group, excluded)) if (l.effect === 'score') s = s.plus(l.max);
  return s;
}
