/**
 * A leaf's scoring rule as a Vietnamese sentence an official or a citizen reads ("Mỗi sáng kiến
 * được công nhận được 0,25 điểm, tối đa 1 điểm."), for the rubric pages of the work area and the
 * portal. A rule this printer does not know in every detail (a new kind, a new option) is shown
 * in the XLSX notation instead (rule-notation.ts prints it), so nothing a rule says is ever left out.
 */
import type { NodeCondition, RubricDocument, ScoringRule } from '@parindex/contracts';
import { dec, viPoints } from '@parindex/engine';
import { formatRule } from '../rubric-io/rule-notation.ts';

/** The leaf as the sentence needs it. */
export interface RuleLeaf {
  max: string;
  effect: 'score' | 'bonus' | 'deduction';
  rule: ScoringRule;
}

const pts = (d: string) => `${viPoints(d)} điểm`;

/** The properties each known rule kind may carry; anything else sends the rule to the notation. */
const KNOWN_KEYS: Record<string, readonly string[]> = {
  manual: ['type', 'whenNone'],
  survey: ['type'],
  binary: ['type', 'yesLabel', 'noLabel', 'whenNone'],
  levels: ['type', 'levels', 'whenNone'],
  ratio_bands: ['type', 'numeratorLabel', 'denominatorLabel', 'bands', 'whenNone'],
  proportional: ['type', 'numeratorLabel', 'denominatorLabel', 'whenNone'],
  count: ['type', 'countLabel', 'perItem', 'whenNone'],
  count_tiers: ['type', 'countLabel', 'tiers', 'whenNone'],
  count_deduction: ['type', 'countLabel', 'perItem', 'floor', 'whenNone'],
};

const WHEN_NONE: Record<string, string> = {
  full: 'được điểm tối đa',
  zero: '0 điểm',
  not_applicable: 'không tính tiêu chí này (loại khỏi thang điểm của đơn vị)',
};

/** The "Không phát sinh" clause, when the rule has one; a ratio says what "không phát sinh" means for it. */
function whenNoneSentence(rule: ScoringRule): string {
  const w = (rule as { whenNone?: string }).whenNone;
  if (w === undefined) return '';
  const denominator = (rule as { denominatorLabel?: string }).denominatorLabel;
  return ` Nếu không phát sinh${denominator ? ` (${lower(denominator)} bằng 0)` : ''}: ${WHEN_NONE[w]}.`;
}

const lower = (s: string) => (s.length > 1 && s[1] === s[1].toLowerCase() ? s[0].toLowerCase() + s.slice(1) : s);
/** What is counted, after "Mỗi" or "Theo số": "Số lần bị phê bình" → "lần bị phê bình". */
const counted = (label: string) => lower(label.replace(/^số\s+/i, ''));

/** Whether the printer knows every property (and every value of `whenNone`) of this rule. */
function known(rule: ScoringRule): boolean {
  const keys = KNOWN_KEYS[rule.type];
  if (!keys) return false;
  if (Object.keys(rule).some((k) => !keys.includes(k) && (rule as Record<string, unknown>)[k] !== undefined)) return false;
  const whenNone = (rule as { whenNone?: unknown }).whenNone;
  return whenNone === undefined || (typeof whenNone === 'string' && whenNone in WHEN_NONE);
}

/**
 * How a leaf is scored, in Vietnamese sentences. Points are written as officials write them
 * ("0,25 điểm"); ratio bands are read from the highest down, the lowest "≥ 0%" band as "dưới …".
 */
export function ruleSentence(leaf: RuleLeaf): string {
  const { rule, max, effect } = leaf;
  if (!known(rule)) return formatRule(rule);
  return rulePart(leaf) + whenNoneSentence(rule);
}

function rulePart({ rule, max, effect }: RuleLeaf): string {
  const deduct = effect === 'deduction';
  switch (rule.type) {
    case 'manual':
      return deduct ? `Trừ trực tiếp từ 0 đến ${pts(max)}.` : `Chấm trực tiếp từ 0 đến ${pts(max)}.`;
    case 'survey':
      return `Điểm lấy từ kết quả điều tra xã hội học (ý kiến người dân, tổ chức), tối đa ${pts(max)}.`;
    case 'binary': {
      const yes = rule.yesLabel ? `Đạt (${rule.yesLabel})` : 'Đạt';
      const no = rule.noLabel ? `không đạt (${rule.noLabel})` : 'không đạt';
      return deduct ? `${yes}: trừ ${pts(max)}; ${no}: không trừ.` : `${yes}: ${pts(max)}; ${no}: 0 điểm.`;
    }
    case 'levels':
      return `Chấm theo mức: ${rule.levels.map((l) => `${l.label}: ${deduct ? 'trừ ' : ''}${pts(l.points)}`).join('; ')}.`;
    case 'ratio_bands': {
      const bands = [...rule.bands].sort((a, b) => dec(b.minPercent).comparedTo(dec(a.minPercent)) || (a.exclusive ? -1 : b.exclusive ? 1 : 0));
      const parts = bands.map((b, i) => {
        const pct = `${viPoints(b.minPercent)}%`;
        const last = i === bands.length - 1 && i > 0 && dec(b.minPercent).isZero() && !b.exclusive;
        const where = last ? `dưới ${viPoints(bands[i - 1].minPercent)}%` : b.exclusive ? `trên ${pct}` : `từ ${pct} trở lên`;
        return `${where}: ${deduct ? 'trừ ' : ''}${pts(b.points)}`;
      });
      return `Tính tỷ lệ ${lower(rule.numeratorLabel)} trên ${lower(rule.denominatorLabel)}: ${parts.join('; ')}.`;
    }
    case 'proportional':
      return `Điểm = ${viPoints(max)} × ${lower(rule.numeratorLabel)} ÷ ${lower(rule.denominatorLabel)}.`;
    case 'count':
      return deduct
        ? `Mỗi ${counted(rule.countLabel)} trừ ${pts(rule.perItem)}, trừ tối đa ${pts(max)}.`
        : `Mỗi ${counted(rule.countLabel)} được ${pts(rule.perItem)}, tối đa ${pts(max)}.`;
    case 'count_tiers': {
      const tiers = [...rule.tiers].sort((a, b) => b.count - a.count || (a.orMore ? -1 : 1));
      return `Theo số ${counted(rule.countLabel)}: ${tiers.map((t) => `${t.orMore ? `từ ${t.count} trở lên` : t.count}: ${deduct ? 'trừ ' : ''}${pts(t.points)}`).join('; ')}.`;
    }
    case 'count_deduction': {
      const floor = dec(rule.floor ?? '0');
      return `Tối đa ${pts(max)}; mỗi ${counted(rule.countLabel)} trừ ${pts(rule.perItem)}, ${floor.isZero() ? 'trừ đến hết điểm của tiêu chí' : `còn tối thiểu ${pts(floor.toFixed())}`}.`;
    }
    default:
      return formatRule(rule);
  }
}

/** What a leaf's effect and evidence requirement add to the rule, as short Vietnamese notes. */
export function leafNotes(leaf: { effect: RuleLeaf['effect']; evidenceRequired: boolean }, settings: RubricDocument['settings']): string[] {
  const notes: string[] = [];
  if (leaf.effect === 'bonus') notes.push('Điểm thưởng: cộng thêm, ngoài thang điểm.');
  if (leaf.effect === 'deduction') notes.push('Điểm trừ: trừ vào tổng điểm, ngoài thang điểm.');
  if (leaf.evidenceRequired)
    notes.push(settings.evidencePolicy === 'explanation' ? 'Bắt buộc có tài liệu kiểm chứng; thiếu thì 0 điểm, trừ khi giải trình được chấp nhận.' : 'Bắt buộc có tài liệu kiểm chứng; thiếu thì 0 điểm.');
  return notes;
}

const CONDITION_OP: Record<string, string> = { below: 'dưới', at_most: 'không quá', equal: 'bằng' };
const CONDITION_THEN: Record<string, (leaf: boolean) => string> = {
  zero: (leaf) => (leaf ? 'tiêu chí này được 0 điểm' : 'các tiêu chí thuộc mục này được 0 điểm'),
  not_applicable: (leaf) => (leaf ? 'tiêu chí này không tính (loại khỏi thang điểm của đơn vị)' : 'các tiêu chí thuộc mục này không tính (loại khỏi thang điểm của đơn vị)'),
};

/** A condition between leaves as a sentence: "Nếu điểm tiêu chí 1.1.1 bằng 0 thì tiêu chí này được 0 điểm." */
export function conditionSentence(c: NodeCondition, isLeaf: boolean): string {
  const op = CONDITION_OP[c.op];
  const then = CONDITION_THEN[c.then];
  if (!op || !then) return JSON.stringify(c);
  return `Nếu điểm tiêu chí ${c.leaf} ${op} ${viPoints(c.value)} thì ${then(isLeaf)}.`;
}

/** The tie policy as a sentence. */
export function tiesSentence(ties: RubricDocument['settings']['ties']): string {
  if (ties.mode === 'shared') return 'Bằng chỉ số thì đồng hạng (1, 2, 2, 4).';
  const words: Record<string, string> = { appraised: 'điểm thẩm định', survey: 'điểm điều tra xã hội học', total: 'tổng điểm' };
  return `Bằng chỉ số thì xét lần lượt ${ties.keys.map((k) => words[k] ?? k).join(', ')}; đơn vị cao hơn xếp trên.`;
}
