import { z } from 'zod';
import { SafeText } from './text.ts';

/**
 * A decimal number written as a string with a dot ("62.30", "0.25"): points are exact
 * decimals end to end, never binary floats. Up to 3 decimals for rubric maxima and scores.
 */
export const DecimalString = z
  .string()
  .regex(/^-?\d{1,7}(\.\d{1,3})?$/, 'Số thập phân không hợp lệ (tối đa 3 chữ số thập phân)');
export type DecimalString = z.infer<typeof DecimalString>;

/** Like DecimalString but with as many decimals as the engine keeps (50 significant digits): computed values such as survey points and their interval. */
export const ExactDecimalString = z.string().regex(/^-?\d{1,7}(\.\d{1,80})?$/, 'Số thập phân không hợp lệ');

/** Where a leaf's points come from: self-assessed then appraised (tự đánh giá → thẩm định), or the sociological survey (điều tra xã hội học). */
export const LeafSource = z.enum(['appraised', 'survey']);
export type LeafSource = z.infer<typeof LeafSource>;

/** How a leaf counts: ordinary points, a bonus (điểm thưởng) or a deduction (điểm trừ). Bonus and deduction leaves are outside the applicable maximum. */
export const LeafEffect = z.enum(['score', 'bonus', 'deduction']);
export type LeafEffect = z.infer<typeof LeafEffect>;

/**
 * A label inside a scoring rule (a level, a count, a ratio's parts). The "Phương pháp chấm điểm"
 * cell separates its clauses with ";" or a line break, so a label holds neither — else the annex
 * XLSX would read back a different rule.
 */
const RuleLabel = z
  .string()
  .min(1)
  .refine((s) => !/[;\n\r]/.test(s), 'Nhãn trong phương pháp chấm điểm không được chứa dấu chấm phẩy (;) hay xuống dòng: đó là dấu ngăn các vế của cột "Phương pháp chấm điểm".');
/** The numerator's label: the first " / " separates it from the denominator's in the notation. */
const NumeratorLabel = RuleLabel.refine((s) => !s.includes(' / '), 'Tên tử số không được chứa " / " (dấu ngăn tử số với mẫu số trong "Tỷ lệ (<tử số> / <mẫu số>)"); hãy viết "hoặc" hay "/" không có dấu cách.');

const Level = z.object({
  code: z.string().min(1).max(40),
  label: RuleLabel,
  points: DecimalString,
});

const RatioBand = z.object({
  /** The band applies when ratio% ≥ minPercent (or > minPercent when exclusive). Bands are tried from the highest minPercent down. */
  minPercent: DecimalString,
  exclusive: z.boolean().optional(),
  points: DecimalString,
});

/**
 * "Không phát sinh" (nothing to do this year, or a ratio whose denominator is 0): full marks
 * ("tối đa"), zero ("0"), or the leaf does not count for the unit ("không tính": it leaves the
 * unit's maximum like an exclusion). An option of every appraised rule; without it a "không phát
 * sinh" answer or a zero denominator is refused at entry (rules.ts: checkLeafInputs).
 */
export const WhenNone = z.enum(['full', 'zero', 'not_applicable']);
export type WhenNone = z.infer<typeof WhenNone>;
const whenNone = WhenNone.optional();

/** One row of a tier table on a count: the count (exactly, or that count or more) and its points. */
const CountTier = z.object({
  count: z.number().int().min(0).max(1_000_000),
  /** "≥ 4": this count or more. Without it the tier is the exact count ("3"). */
  orMore: z.boolean().optional(),
  points: DecimalString,
});
export type CountTier = z.infer<typeof CountTier>;

/** Scoring rules as data (phương pháp chấm điểm). The engine evaluates them from the raw inputs a unit enters. */
export const ScoringRule = z.discriminatedUnion('type', [
  /** The score is entered directly, 0 … max. */
  z.object({ type: z.literal('manual'), whenNone }),
  /** Choose one level: e.g. issued on time = 1; late = 0.5; not issued = 0. */
  z.object({ type: z.literal('levels'), levels: z.array(Level).min(2), whenNone }),
  /** Met → full points, not met → 0. */
  z.object({ type: z.literal('binary'), yesLabel: RuleLabel.optional(), noLabel: RuleLabel.optional(), whenNone }),
  /** Bands (a tier table) on a ratio numerator/denominator in %: > 90% = 2; 70–90% = 1; < 70% = 0. */
  z.object({
    type: z.literal('ratio_bands'),
    numeratorLabel: NumeratorLabel,
    denominatorLabel: RuleLabel,
    bands: z.array(RatioBand).min(1),
    whenNone,
  }),
  /** points = max × numerator ÷ denominator. */
  z.object({
    type: z.literal('proportional'),
    numeratorLabel: NumeratorLabel,
    denominatorLabel: RuleLabel,
    whenNone,
  }),
  /** points = min(count × perItem, max); for a deduction leaf the same amount is subtracted. */
  z.object({
    type: z.literal('count'),
    countLabel: RuleLabel,
    perItem: DecimalString,
    whenNone,
  }),
  /**
   * A tier table on a count with any points per tier ("≥ 4: 2; 3: 1,5; 2: 0,75; 1: 0,25; 0: 0"):
   * an exact tier for the count, else the "or more" tier with the highest count reached, else 0.
   */
  z.object({
    type: z.literal('count_tiers'),
    countLabel: RuleLabel,
    tiers: z.array(CountTier).min(1),
    whenNone,
  }),
  /**
   * Deduction per occurrence inside a leaf ("Mỗi văn bản ban hành chậm trừ 0,25 điểm; tối thiểu 0"):
   * points = max − count × perItem, never below `floor`. The leaf stays an ordinary score leaf.
   */
  z.object({
    type: z.literal('count_deduction'),
    countLabel: RuleLabel,
    perItem: DecimalString,
    floor: DecimalString.default('0'),
    whenNone,
  }),
  /** Survey-based: points come from the survey scoring (max × weighted favourable share). */
  z.object({ type: z.literal('survey') }),
]);
export type ScoringRule = z.infer<typeof ScoringRule>;
export type ScoringRuleType = ScoringRule['type'];

/**
 * A condition between leaves (điều kiện): the node (a leaf, or every leaf under an interior node)
 * scores 0, or does not count for the unit, when the named leaf's points are below / at most /
 * equal to a value — "không ban hành kế hoạch CCHC (1.1.1 = 0) thì 1.1.2 được 0 điểm". Evaluated
 * by the engine in dependency order; cycles are refused by the rubric's validation.
 */
export const NodeCondition = z.object({
  /** Code of the leaf whose points decide. */
  leaf: z.string().regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, 'Mã tiêu chí không hợp lệ (ví dụ 3.2.1)'),
  op: z.enum(['below', 'at_most', 'equal']),
  value: DecimalString,
  /** zero: 0 points, the maximum unchanged; not_applicable: the leaves leave the unit's maximum. */
  then: z.enum(['zero', 'not_applicable']),
});
export type NodeCondition = z.infer<typeof NodeCondition>;

/** One node of the rubric tree: field (lĩnh vực) → criterion (tiêu chí) → sub-criterion (tiêu chí thành phần) → … Leaves carry the scoring. */
export interface RubricNode {
  code: string;
  title: string;
  max: string;
  children?: RubricNode[];
  source?: LeafSource;
  effect?: LeafEffect;
  rule?: ScoringRule;
  /** Tài liệu kiểm chứng expected. */
  evidence?: string;
  /** Without evidence the score is 0 (or needs an accepted explanation, per rubric settings). */
  evidenceRequired?: boolean;
  /** Peer/applicability group codes this node applies to; absent = every group. */
  appliesTo?: string[];
  /** Conditions on other leaves (a leaf's or every leaf under this node). */
  conditions?: NodeCondition[];
}

export const RubricNodeSchema: z.ZodType<RubricNode> = z.lazy(() =>
  z.object({
    code: z.string().regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, 'Mã tiêu chí không hợp lệ (ví dụ 3.2.1)'),
    title: z.string().min(1, 'Thiếu nội dung tiêu chí'),
    max: DecimalString,
    children: z.array(RubricNodeSchema).optional(),
    source: LeafSource.optional(),
    effect: LeafEffect.optional(),
    rule: ScoringRule.optional(),
    evidence: z.string().optional(),
    evidenceRequired: z.boolean().optional(),
    appliesTo: z.array(z.string()).optional(),
    conditions: z.array(NodeCondition).min(1).optional(),
  }),
);

/** Classification band (xếp loại): index ≥ min gets the label. */
export const ClassBand = z.object({ label: z.string().min(1), min: DecimalString });
export type ClassBand = z.infer<typeof ClassBand>;

/** Tie policy: shared rank (1, 2, 2, 4), or an ordered tie-break on appraised then survey points. */
export const TiePolicy = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('shared') }),
  z.object({ mode: z.literal('ordered'), keys: z.array(z.enum(['appraised', 'survey', 'total'])).min(1) }),
]);
export type TiePolicy = z.infer<typeof TiePolicy>;

/** A peer group (nhóm) ranked separately, e.g. departments, special departments, communes. */
export const PeerGroup = z.object({ code: z.string().min(1).max(60), name: z.string().min(1) });
export type PeerGroup = z.infer<typeof PeerGroup>;

export const RubricSettings = z.object({
  bands: z.array(ClassBand).min(1),
  ties: TiePolicy,
  /** Decimals kept when a rule computes points (proportional); half-up. Band, tier and level points are used as written. */
  pointDecimals: z.number().int().min(0).max(3).default(3),
  /** Without required evidence: 0, or an accepted written explanation keeps the score. */
  evidencePolicy: z.enum(['zero', 'explanation']).default('zero'),
  /** Upper bound of the bonus points a unit can add; absent = sum of the bonus leaves' maxima. */
  bonusCap: DecimalString.optional(),
  /** Upper bound of the deductions; absent = sum of the deduction leaves' maxima. */
  deductionCap: DecimalString.optional(),
});
export type RubricSettings = z.infer<typeof RubricSettings>;

/** A rubric version (Bộ chỉ số) for one assessment year and one or more unit kinds. */
export const RubricDocument = z.object({
  code: z.string().min(1).max(80),
  name: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  unitKinds: z.array(z.enum(['department', 'special_department', 'commune', 'district'])).min(1),
  /** Legal basis of the rubric, e.g. "Quyết định số 1234/QĐ-UBND ngày 15/10/2025". */
  basis: z.string().optional(),
  settings: RubricSettings,
  peerGroups: z.array(PeerGroup).min(1),
  fields: z.array(RubricNodeSchema).min(1),
});
export type RubricDocument = z.infer<typeof RubricDocument>;
export type RubricDocumentInput = z.input<typeof RubricDocument>;

/**
 * How the survey scoring formed a survey leaf's points for a unit, kept with the score (in
 * leaf_scores.inputs) so the unit's sheet and the score panel still show it after a reload.
 */
export const SurveyLeafNote = z.object({
  /** Valid answers about the unit. */
  n: z.number().int().nonnegative(),
  /** Too few answers (below the leaf's minimum): the fallback applied. */
  flagged: z.boolean(),
  fallback: z.enum(['group_mean', 'zero', 'full', 'not_applicable', 'use_available']).optional(),
  /** The 95% interval of the points, when computed from at least two answers. */
  ciLow: ExactDecimalString.optional(),
  ciHigh: ExactDecimalString.optional(),
});
export type SurveyLeafNote = z.infer<typeof SurveyLeafNote>;

/** The raw inputs a unit enters for a leaf; which ones matter depends on the rule. */
export const LeafInputs = z.object({
  points: DecimalString.optional(),
  level: SafeText.optional(),
  met: z.boolean().optional(),
  numerator: z.number().nonnegative().optional(),
  denominator: z.number().nonnegative().optional(),
  count: z.number().int().nonnegative().optional(),
  /**
   * The unit answers "Không phát sinh" (nothing to do this year): scored by the rule's "Không phát
   * sinh" clause; refused at entry when the rule has none. A zero denominator means the same.
   */
  noneOccurred: z.boolean().optional(),
  hasEvidence: z.boolean().optional(),
  explanationAccepted: z.boolean().optional(),
  /**
   * Survey leaves only (set by the survey scoring, ignored on other leaves): the leaf does not
   * apply to the unit this cycle — e.g. too few answers under the `not_applicable` fallback — so it
   * leaves the unit's applicable maximum exactly like an exclusion.
   */
  notApplicable: z.boolean().optional(),
  /** Why, in Vietnamese: the flag's or the non-applicability's reason. */
  reason: SafeText.max(1000).optional(),
  survey: SurveyLeafNote.optional(),
});
export type LeafInputs = z.infer<typeof LeafInputs>;

/** Leaf inputs as stored and shown: the survey scoring writes a survey leaf's exact points (more than 3 decimals). */
export const StoredLeafInputs = LeafInputs.extend({ points: ExactDecimalString.optional() });
export type StoredLeafInputs = z.infer<typeof StoredLeafInputs>;

/** A per-unit exclusion of a node (and everything under it), with its legal basis. */
export const Exclusion = z.object({
  nodeCode: SafeText.min(1),
  basis: SafeText.min(1, 'Cần ghi căn cứ loại trừ'),
});
export type Exclusion = z.infer<typeof Exclusion>;
