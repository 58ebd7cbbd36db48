import type { NodeCondition, RubricNode, ScoringRule } from '@parindex/contracts';
import { clip } from '../io/clip.ts';
import { formatRule, parseRule, readDecimal } from './rule-notation.ts';

/**
 * The whole "Phương pháp chấm điểm" cell: a leaf's rule (rule-notation.ts) followed by its
 * conditions on other leaves, or — on a field or criterion with children — conditions alone,
 * which bind every leaf under it:
 *
 *   Mức: Ban hành đúng hạn = 1; Không ban hành = 0; Nếu 1.1.1 = 0 thì 0 điểm
 *   Nếu 2.1 < 1 thì không tính (loại khỏi thang điểm)
 *
 * "<" below, "≤" (or "<=") at most, "=" equal; "thì 0 điểm" keeps the maximum, "thì không tính"
 * takes the leaves out of the unit's maximum. "Khi" may stand for "Nếu", "tiêu chí" may precede
 * the code and "điểm" follow the value.
 */

export type MethodParse = { ok: true; rule?: ScoringRule; conditions?: NodeCondition[] } | { ok: false; message: string };

const OP_TEXT: Record<NodeCondition['op'], string> = { below: '<', at_most: '≤', equal: '=' };
const THEN_TEXT: Record<NodeCondition['then'], string> = { zero: '0 điểm', not_applicable: 'không tính (loại khỏi thang điểm)' };
const viNum = (d: string) => d.replace('.', ',');

/** "Nếu 1.1.1 = 0 thì 0 điểm". */
export function formatCondition(c: NodeCondition): string {
  return `Nếu ${c.leaf} ${OP_TEXT[c.op]} ${viNum(c.value)} thì ${THEN_TEXT[c.then]}`;
}

/** The cell of a node: its rule and its conditions, "; " between clauses; empty when it has neither. */
export function formatMethod(node: Pick<RubricNode, 'rule' | 'conditions'>): string {
  return [...(node.rule ? [formatRule(node.rule)] : []), ...(node.conditions ?? []).map(formatCondition)].join('; ');
}

/** A clause that starts like a condition: "Nếu"/"Khi", maybe "tiêu chí", a code ("1.1.2", "I.1"), then a comparison. */
const LOOKS_LIKE_CONDITION = /^(nếu|khi)\s+(tiêu chí\s+)?[0-9A-Za-z]+(\.[0-9A-Za-z]+)*\s*(<=|>=|≤|≥|<|>|=)/i;
const CONDITION = /^(?:nếu|khi)\s+(?:tiêu chí\s+)?([0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)\s*(<=|≤|<|=)\s*([\d.,]+)(?:\s*điểm)?\s*(?:,\s*)?thì\s+(.+)$/is;

function readCondition(clause: string): NodeCondition | string {
  const m = CONDITION.exec(clause);
  if (!m) {
    if (/^(nếu|khi)\s+(tiêu chí\s+)?[0-9A-Za-z.]+\s*(>=|≥|>)/i.test(clause))
      return `Điều kiện "${clip(clause, 80)}": chỉ xét điểm của tiêu chí nhỏ hơn (<), không quá (≤) hoặc bằng (=) một giá trị.`;
    return `Không đọc được điều kiện "${clip(clause, 80)}": ghi "Nếu 1.1.1 = 0 thì 0 điểm" hoặc "Nếu 2.1 < 1 thì không tính (loại khỏi thang điểm)".`;
  }
  const op: NodeCondition['op'] = m[2] === '<' ? 'below' : m[2] === '=' ? 'equal' : 'at_most';
  const then = m[4].trim().toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '');
  let result: NodeCondition['then'];
  if (/^0( điểm)?$/.test(then) || then === 'được 0 điểm') result = 'zero';
  else if (/^không (tính|áp dụng)( \(loại khỏi thang điểm\)|, loại khỏi thang điểm)?$/.test(then) || then === 'loại khỏi thang điểm') result = 'not_applicable';
  else return `Điều kiện "${clip(clause, 80)}": sau "thì" ghi "0 điểm" hoặc "không tính (loại khỏi thang điểm)".`;
  let value: string;
  try {
    value = readDecimal(m[3], `Giá trị trong điều kiện "${clip(clause, 40)}"`);
  } catch (e) {
    return (e as Error).message;
  }
  return { leaf: m[1], op, value, then: result };
}

/**
 * Reads a cell: conditions are taken out clause by clause (separators kept), the rest is the rule.
 * A cell holding only conditions gives no rule (right for a node with children; a leaf without a
 * rule is reported by the rubric's validation).
 */
export function parseMethod(input: string): MethodParse {
  const parts = input.normalize('NFC').trim().split(/([;\n])/);
  const conditions: NodeCondition[] = [];
  const kept: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const clause = parts[i].trim();
    if (!LOOKS_LIKE_CONDITION.test(clause)) {
      if (kept.length) kept.push(parts[i - 1]);
      kept.push(parts[i]);
      continue;
    }
    const c = readCondition(clause);
    if (typeof c === 'string') return { ok: false, message: c };
    conditions.push(c);
  }
  const rest = kept.join('').trim().replace(/[;\s]+$/, '');
  const extra = conditions.length ? { conditions } : {};
  if (!rest) return conditions.length ? { ok: true, ...extra } : { ok: true };
  const parsed = parseRule(rest);
  if (!parsed.ok) return parsed;
  return { ok: true, rule: parsed.rule, ...extra };
}
