/**
 * Conditions between leaves (điều kiện giữa các tiêu chí): a leaf, or every leaf under a node,
 * scores 0 or does not count for the unit when a named leaf's points are below / at most / equal
 * to a value. The engine applies them after every leaf's own rule, in dependency order (a leaf
 * after the leaves its conditions name), so a condition always sees the named leaf's final
 * points. A rubric whose conditions form a cycle is refused by validateRubric.
 */
import type { NodeCondition, RubricDocument, RubricNode } from '@parindex/contracts';
import { type Decimal, dec } from './decimal.ts';
import type { RubricProblem } from './rubric-validate.ts';

/** A condition binding a leaf, with the node that states it (the leaf itself or an ancestor). */
export interface LeafCondition extends NodeCondition {
  from: string;
}

const OP_TEXT: Record<NodeCondition['op'], string> = { below: '<', at_most: '≤', equal: '=' };
const vi = (d: string) => d.replace('.', ',');

/** "1.1.1 = 0", "2.1 < 1": the condition's test as officials read it. */
export function describeConditionTest(c: Pick<NodeCondition, 'leaf' | 'op' | 'value'>): string {
  return `${c.leaf} ${OP_TEXT[c.op]} ${vi(c.value)}`;
}

/** Whether the condition's test holds on the named leaf's points. */
export function conditionHolds(c: Pick<NodeCondition, 'op' | 'value'>, points: Decimal): boolean {
  const v = dec(c.value);
  switch (c.op) {
    case 'below':
      return points.lessThan(v);
    case 'at_most':
      return points.lessThanOrEqualTo(v);
    case 'equal':
      return points.equals(v);
  }
}

/** The conditions binding each leaf (its own, then its ancestors'), by leaf code; leaves without any are absent. */
export function conditionsByLeaf(fields: readonly RubricNode[]): Map<string, LeafCondition[]> {
  const out = new Map<string, LeafCondition[]>();
  const walk = (node: RubricNode, inherited: LeafCondition[]) => {
    const own = Array.isArray(node.conditions) ? node.conditions.map((c) => ({ ...c, from: node.code })) : [];
    const all = [...own, ...inherited];
    if (!node.children || node.children.length === 0) {
      if (all.length) out.set(node.code, all);
      return;
    }
    for (const child of node.children) walk(child, all);
  };
  for (const f of fields) walk(f, []);
  return out;
}

/**
 * Leaves in an order where every leaf comes after the leaves its conditions name (Tarjan's
 * strongly connected components, which come out dependencies first), and the groups of leaves
 * whose conditions depend on each other in a cycle. A condition naming its own leaf is evaluated
 * on that leaf's own points and is no cycle. Names that are not leaves are left to validation.
 */
export function conditionOrder(leafCodes: readonly string[], conditions: ReadonlyMap<string, readonly LeafCondition[]>): { order: string[]; cycles: string[][] } {
  const known = new Set(leafCodes);
  const deps = (code: string) => [...new Set((conditions.get(code) ?? []).map((c) => c.leaf))].filter((t) => t !== code && known.has(t));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const order: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of deps(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    // Inside a cycle (refused by validation) the leaves keep the rubric's order.
    component.sort((a, b) => leafCodes.indexOf(a) - leafCodes.indexOf(b));
    if (component.length > 1) cycles.push(component);
    order.push(...component);
  };
  for (const code of leafCodes) if (!index.has(code)) visit(code);
  return { order, cycles };
}

function collectNodes(fields: readonly RubricNode[]): Map<string, RubricNode> {
  const out = new Map<string, RubricNode>();
  const walk = (n: RubricNode) => {
    if (!out.has(n.code)) out.set(n.code, n);
    n.children?.forEach(walk);
  };
  fields.forEach(walk);
  return out;
}

const isLeaf = (n: RubricNode) => !n.children || n.children.length === 0;

/**
 * Problems of a rubric's conditions: a named code that does not exist or is not a leaf, and
 * conditions that depend on each other in a cycle — one problem per node stating a condition in
 * the cycle, each naming every code of the cycle (`codes`), so an import can name all their rows.
 */
export function checkConditions(doc: RubricDocument): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const fields = Array.isArray(doc.fields) ? doc.fields : [];
  const nodes = collectNodes(fields);
  const leafCodes = [...nodes.values()].filter(isLeaf).map((n) => n.code);
  for (const node of nodes.values()) {
    (Array.isArray(node.conditions) ? node.conditions : []).forEach((c, i) => {
      const target = nodes.get(c.leaf);
      if (!target) {
        problems.push({ nodeCode: node.code, field: `conditions[${i}].leaf`, message: `Điều kiện "Nếu ${describeConditionTest(c)}" của tiêu chí ${node.code} nhắc tới mã ${c.leaf}, nhưng bộ chỉ số không có mã ${c.leaf}: sửa mã hoặc thêm tiêu chí ${c.leaf}.` });
      } else if (!isLeaf(target)) {
        problems.push({ nodeCode: node.code, field: `conditions[${i}].leaf`, message: `Điều kiện "Nếu ${describeConditionTest(c)}" của tiêu chí ${node.code}: ${c.leaf} có tiêu chí con; điều kiện chỉ xét điểm của một tiêu chí ở cấp cuối (được chấm điểm), ví dụ ${target.children![0].code}.` });
      }
    });
  }
  const byLeaf = conditionsByLeaf(fields);
  const { cycles } = conditionOrder(leafCodes, byLeaf);
  for (const cycle of cycles) {
    const inCycle = new Set(cycle);
    // The nodes whose conditions make the cycle: those binding a leaf of it to another leaf of it.
    const holders = new Set<string>();
    const links: string[] = [];
    for (const leaf of cycle)
      for (const c of byLeaf.get(leaf) ?? [])
        if (c.leaf !== leaf && inCycle.has(c.leaf)) {
          holders.add(c.from);
          const link = `${leaf} phụ thuộc ${c.leaf}`;
          if (!links.includes(link)) links.push(link);
        }
    const codes = [...holders].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    for (const code of codes) {
      problems.push({
        nodeCode: code,
        field: 'conditions',
        codes,
        message: `Điều kiện giữa các tiêu chí tạo thành vòng lặp (${links.join('; ')}): không xác định được tiêu chí nào chấm trước. Bỏ hoặc sửa điều kiện ở một trong các tiêu chí ${codes.join(', ')}.`,
      });
    }
  }
  return problems;
}
