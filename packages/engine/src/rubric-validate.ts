import type { RubricDocument, RubricNode } from '@parindex/contracts';
import { Decimal, ZERO, HUNDRED } from './decimal.ts';
import { checkRuleReferences } from './rubric-references.ts';
import { checkConditions } from './rule-conditions.ts';

/**
 * One problem in a rubric (bộ chỉ số), in Vietnamese, saying what to fix. `nodeCode` names the
 * criterion; `field` is the property path inside that node ("max", "rule.levels[1].points") or,
 * without a node, inside the document ("settings.bands[0].label", "peerGroups[1].code", "fields").
 */
export interface RubricProblem {
  nodeCode?: string;
  field?: string;
  message: string;
  /** Every node the problem involves (a cycle of conditions), so an import can name all their rows. */
  codes?: string[];
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** An exact decimal from a decimal string, or undefined when the text is not one (the importer may hand over anything). */
function parseDecimal(value: unknown): Decimal | undefined {
  return typeof value === 'string' && DECIMAL.test(value) ? new Decimal(value) : undefined;
}

/** Vietnamese number as officials write it, without padding: 9.5 → "9,5", 1234.25 → "1.234,25". */
function vi(value: Decimal): string {
  const [int, frac] = value.toFixed().split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return frac === undefined ? grouped : `${grouped},${frac}`;
}

/** "lĩnh vực 3", "tiêu chí 3.2", "tiêu chí thành phần 3.2.1": the word officials use at each depth. */
function noun(depth: number, code: string): string {
  return `${depth === 1 ? 'lĩnh vực' : depth === 2 ? 'tiêu chí' : 'tiêu chí thành phần'} ${code}`;
}

const isLeaf = (node: RubricNode) => !node.children || node.children.length === 0;
const isScore = (node: RubricNode) => node.effect === undefined || node.effect === 'score';

/** Capitalises the first letter of a message that starts with a noun. */
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Checks a rubric's internal consistency: unique codes, codes nested under their parent's,
 * parent maxima = Σ of the score children's maxima (bonus and deduction children are outside
 * it), leaves fully described (source, rule, survey ⇔ survey rule), points within 0 … max,
 * known peer groups, unique classification labels, at least one scored leaf, criteria named in
 * a rule's texts exist (rubric-references.ts), conditions name leaves and form no cycle
 * (rule-conditions.ts). Pure; every
 * problem is reported, none stops the check.
 */
export function validateRubric(doc: RubricDocument): RubricProblem[] {
  const problems: RubricProblem[] = [];
  const say = (message: string, nodeCode?: string, field?: string) =>
    problems.push({ ...(nodeCode !== undefined && { nodeCode }), ...(field !== undefined && { field }), message });

  const groupCodes = new Set<string>();
  (doc.peerGroups ?? []).forEach((g, i) => {
    if (groupCodes.has(g.code)) say(`Mã nhóm đơn vị "${g.code}" bị trùng: mỗi nhóm phải có một mã riêng.`, undefined, `peerGroups[${i}].code`);
    groupCodes.add(g.code);
  });
  checkSettings(doc, say);

  const seen = new Set<string>();
  let scoringLeaves = 0;

  const walk = (node: RubricNode, depth: number, parent: RubricNode | undefined) => {
    const code = node.code;
    const what = noun(depth, code);
    if (seen.has(code)) say(`Mã ${code} bị trùng: mỗi lĩnh vực, tiêu chí phải có một mã riêng.`, code, 'code');
    seen.add(code);
    if (parent && !code.startsWith(`${parent.code}.`)) {
      say(`Mã ${code} không thuộc ${noun(depth - 1, parent.code)}: mã của tiêu chí con phải bắt đầu bằng "${parent.code}." (ví dụ ${parent.code}.1).`, code, 'code');
    }

    const max = parseDecimal(node.max);
    const leaf = isLeaf(node);
    if (!max) say(`Điểm tối đa của ${what} ("${String(node.max ?? '')}") không phải là số hợp lệ.`, code, 'max');

    if (node.appliesTo) {
      if (node.appliesTo.length === 0) {
        say(`${cap(what)} không áp dụng cho nhóm nào: bỏ trống để áp dụng cho mọi nhóm, hoặc ghi mã nhóm.`, code, 'appliesTo');
      }
      for (const g of node.appliesTo) {
        if (!groupCodes.has(g)) {
          say(`${cap(what)} áp dụng cho nhóm "${g}" không có trong danh sách nhóm đơn vị (các nhóm: ${[...groupCodes].join(', ')}).`, code, 'appliesTo');
        }
      }
    }

    if (leaf) {
      if (isScore(node)) scoringLeaves++;
      if (max && max.lessThanOrEqualTo(ZERO)) say(`Điểm tối đa của ${what} phải lớn hơn 0.`, code, 'max');
      checkLeaf(node, what, max, say);
      return;
    }

    if (!isScore(node)) {
      say(`${cap(what)} có tiêu chí con nên không thể là điểm ${node.effect === 'bonus' ? 'thưởng' : 'trừ'}: chỉ tiêu chí ở cấp cuối mới là điểm thưởng, điểm trừ.`, code, 'effect');
    }
    if (node.rule) {
      say(`${cap(what)} có tiêu chí con nên không có phương pháp chấm điểm riêng: điểm được cộng từ các tiêu chí con. Bỏ phương pháp chấm điểm của ${code}.`, code, 'rule');
    }
    const children = node.children!;
    const scored = children.filter(isScore);
    const maxima = scored.map((c) => parseDecimal(c.max));
    // A parent holding only bonus/deduction leaves adds nothing to the scale, so its maximum is 0.
    if (max && scored.length > 0 && max.lessThanOrEqualTo(ZERO)) say(`Điểm tối đa của ${what} phải lớn hơn 0.`, code, 'max');
    if (max && maxima.every((m) => m !== undefined)) {
      const total = maxima.reduce<Decimal>((s, m) => s.plus(m!), ZERO);
      if (!total.equals(max)) {
        say(
          `Tổng điểm tối đa của các tiêu chí con (${vi(total)}) khác điểm tối đa của ${what} (${vi(max)}). ` +
            `Sửa điểm tối đa của ${code} hoặc của các tiêu chí con (không tính điểm thưởng, điểm trừ).`,
          code,
          'max',
        );
      }
    }
    for (const child of children) walk(child, depth + 1, node);
  };
  for (const field of doc.fields ?? []) walk(field, 1, undefined);

  if (scoringLeaves === 0) {
    say('Bộ chỉ số chưa có tiêu chí nào được chấm điểm: cần ít nhất một tiêu chí ở cấp cuối có loại "điểm" (không phải điểm thưởng, điểm trừ).', undefined, 'fields');
  }
  // Rules that name another criterion ("như tiêu chí 2.1.3") must name one that exists.
  problems.push(...checkRuleReferences(doc));
  // Conditions between leaves name existing leaves and form no cycle.
  problems.push(...checkConditions(doc));
  return problems;
}

type Say = (message: string, nodeCode?: string, field?: string) => void;

/** A leaf's source and rule: present, consistent, and every figure inside 0 … max. */
function checkLeaf(node: RubricNode, what: string, max: Decimal | undefined, say: Say): void {
  const code = node.code;
  if (!node.source) say(`${cap(what)} chưa có nguồn điểm: tự đánh giá (thẩm định) hoặc điều tra XHH.`, code, 'source');
  const rule = node.rule;
  if (!rule) {
    say(`${cap(what)} chưa có phương pháp chấm điểm.`, code, 'rule');
    return;
  }
  if (node.source === 'survey' && rule.type !== 'survey') {
    say(`${cap(what)} lấy điểm từ điều tra XHH nên phương pháp chấm điểm phải là "theo kết quả điều tra XHH".`, code, 'rule');
  }
  if (node.source === 'appraised' && rule.type === 'survey') {
    say(`${cap(what)} chấm theo kết quả điều tra XHH nên nguồn điểm phải là điều tra XHH, không phải tự đánh giá.`, code, 'source');
  }
  const within = (text: unknown, field: string, label: string) => {
    const v = parseDecimal(text);
    if (!v) return say(`${label} của ${what} ("${String(text ?? '')}") không phải là số hợp lệ.`, code, field);
    if (v.isNegative() || (max && v.greaterThan(max))) {
      say(`${label} của ${what} là ${vi(v)}, nằm ngoài khoảng 0 – ${max ? vi(max) : '?'} (điểm tối đa).`, code, field);
    }
  };
  switch (rule.type) {
    case 'levels': {
      const codes = new Set<string>();
      (rule.levels ?? []).forEach((l, i) => {
        if (codes.has(l.code)) say(`Mã mức "${l.code}" của ${what} bị trùng: mỗi mức phải có một mã riêng.`, code, `rule.levels[${i}].code`);
        codes.add(l.code);
        within(l.points, `rule.levels[${i}].points`, `Điểm của mức "${l.label}"`);
      });
      break;
    }
    case 'ratio_bands':
      (rule.bands ?? []).forEach((b, i) => {
        const p = parseDecimal(b.minPercent);
        if (!p || p.isNegative() || p.greaterThan(HUNDRED)) {
          say(`Ngưỡng tỷ lệ ${p ? `${vi(p)}%` : `"${String(b.minPercent ?? '')}"`} của ${what} phải nằm trong khoảng 0% – 100%.`, code, `rule.bands[${i}].minPercent`);
        }
        within(b.points, `rule.bands[${i}].points`, `Điểm của mức tỷ lệ ${p ? `${b.exclusive ? '>' : '≥'} ${vi(p)}%` : `thứ ${i + 1}`}`);
      });
      break;
    case 'count': {
      const per = parseDecimal(rule.perItem);
      if (!per || per.lessThanOrEqualTo(ZERO)) {
        say(`Điểm cho mỗi "${rule.countLabel}" của ${what} phải là số lớn hơn 0.`, code, 'rule.perItem');
      }
      break;
    }
    case 'count_tiers': {
      const seen = new Set<string>();
      (rule.tiers ?? []).forEach((t, i) => {
        const key = `${t.orMore ? '≥ ' : ''}${t.count}`;
        if (seen.has(key)) say(`Bậc "${key}" của ${what} bị trùng: mỗi bậc số lượng chỉ ghi một lần.`, code, `rule.tiers[${i}].count`);
        seen.add(key);
        within(t.points, `rule.tiers[${i}].points`, `Điểm của bậc "${key}"`);
      });
      break;
    }
    case 'count_deduction': {
      const per = parseDecimal(rule.perItem);
      if (!per || per.lessThanOrEqualTo(ZERO)) say(`Điểm trừ cho mỗi "${rule.countLabel}" của ${what} phải là số lớn hơn 0.`, code, 'rule.perItem');
      within(rule.floor, 'rule.floor', 'Điểm tối thiểu');
      if (node.effect === 'bonus' || node.effect === 'deduction') {
        say(`${cap(what)} là điểm ${node.effect === 'bonus' ? 'thưởng' : 'trừ'}: cách chấm "Mỗi … trừ N điểm" trừ dần từ điểm tối đa của một tiêu chí được chấm điểm; với điểm trừ ngoài thang điểm ghi "Mỗi <đơn vị đếm>: <điểm>".`, code, 'rule');
      }
      break;
    }
    default:
      break;
  }
  if (rule.type === 'survey' && (rule as { whenNone?: unknown }).whenNone !== undefined) {
    say(`${cap(what)} lấy điểm từ điều tra XHH: không ghi "Không phát sinh" (trường hợp thiếu phiếu do cách chấm điểm điều tra xử lý).`, code, 'rule.whenNone');
  }
}

/** Classification bands and caps: unique labels, thresholds 0–100, caps not negative. */
function checkSettings(doc: RubricDocument, say: Say): void {
  const settings = doc.settings;
  if (!settings) return;
  const labels = new Set<string>();
  (settings.bands ?? []).forEach((b, i) => {
    if (labels.has(b.label)) say(`Xếp loại "${b.label}" bị trùng tên: mỗi mức xếp loại phải có tên riêng.`, undefined, `settings.bands[${i}].label`);
    labels.add(b.label);
    const min = parseDecimal(b.min);
    if (!min || min.isNegative() || min.greaterThan(HUNDRED)) {
      say(`Ngưỡng của xếp loại "${b.label}" ("${String(b.min ?? '')}") phải là số từ 0 đến 100 (chỉ số %).`, undefined, `settings.bands[${i}].min`);
    }
  });
  for (const key of ['bonusCap', 'deductionCap'] as const) {
    const text = settings[key];
    if (text === undefined) continue;
    const v = parseDecimal(text);
    if (!v || v.isNegative()) {
      say(`${key === 'bonusCap' ? 'Điểm thưởng' : 'Điểm trừ'} tối đa ("${text}") phải là số không âm.`, undefined, `settings.${key}`);
    }
  }
}
