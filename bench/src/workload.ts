/**
 * Deterministic national workload: one generated rubric (8 fields × 5 criteria × 3 leaves = 120
 * leaves, maxima summing to 100, a mix of rule types; criterion 3.5 applies to communes only)
 * shared by every province; each province is one cycle of 130 units in 2 peer groups, with raw
 * leaf inputs (LeafInputs) the engine evaluates. Some units have exclusions (a criterion or a
 * leaf, with a legal basis) and some survey leaves are marked not applicable (too few answers),
 * so the applicable maximum differs from unit to unit, as in a real province.
 *
 * Provinces are generated on demand, each from its own seed, so the harness holds one province's
 * 15,600 scores at a time instead of all 530,400: what the process holds while the bench measures
 * memory is then the application's, not the generator's.
 */
import type { LeafInputs, RubricDocument, RubricNode, ScoringRule } from '@parindex/contracts';
import { evaluateLeaf, indexRubric, prng, toExact } from '@parindex/engine';

export const FULL_PROVINCES = 34;
export const UNITS_PER_PROVINCE = 130;
export const DEPARTMENTS_PER_PROVINCE = 30; // the other 100 are communes
export const PEER_GROUPS = [
  { code: 'departments', name: 'Sở, ban, ngành' },
  { code: 'communes', name: 'UBND xã, phường' },
];

const FIELD_TITLES = [
  'Công tác chỉ đạo, điều hành CCHC',
  'Xây dựng và tổ chức thực hiện văn bản QPPL',
  'Cải cách thủ tục hành chính',
  'Cải cách tổ chức bộ máy hành chính',
  'Cải cách chế độ công vụ',
  'Cải cách tài chính công',
  'Xây dựng và phát triển Chính quyền điện tử, Chính quyền số',
  'Tác động của CCHC đến người dân, tổ chức',
];

/** Leaf maxima per criterion: both patterns sum to 2.5, so 40 criteria × 2.5 = 100. */
const MAX_PATTERNS = [
  ['0.5', '1', '1'],
  ['0.75', '0.75', '1'],
];

/** A criterion that applies to communes only: departments' maximum is 97.5. */
export const COMMUNES_ONLY_CRITERION = '3.5';

/** max / 2, exact (maxima are 0.5, 0.75, 1 → 0.25, 0.375, 0.5). */
function dec2(max: string): string {
  return String(Number(max) / 2);
}

function ruleFor(fieldIdx: number, leafSeq: number, max: string): { rule: ScoringRule; evidenceRequired?: boolean } {
  if (fieldIdx === 7) return { rule: { type: 'survey' } };
  switch (leafSeq % 5) {
    case 0:
      return { rule: { type: 'manual' } };
    case 1:
      return {
        evidenceRequired: true,
        rule: {
          type: 'levels',
          levels: [
            { code: 'on_time', label: 'Ban hành đúng hạn', points: max },
            { code: 'late', label: 'Ban hành chậm', points: dec2(max) },
            { code: 'none', label: 'Không ban hành', points: '0' },
          ],
        },
      };
    case 2:
      return { rule: { type: 'binary' } };
    case 3:
      return { rule: { type: 'proportional', numeratorLabel: 'Hồ sơ đúng hạn', denominatorLabel: 'Hồ sơ tiếp nhận', whenNone: 'full' } };
    default:
      return {
        rule: {
          type: 'ratio_bands',
          numeratorLabel: 'Nhiệm vụ hoàn thành',
          denominatorLabel: 'Nhiệm vụ được giao',
          whenNone: 'full',
          bands: [
            { minPercent: '90', exclusive: true, points: max },
            { minPercent: '70', points: dec2(max) },
            { minPercent: '0', points: '0' },
          ],
        },
      };
  }
}

export function generateRubric(): RubricDocument {
  let seq = 0;
  const fields: RubricNode[] = FIELD_TITLES.map((title, f) => {
    const criteria: RubricNode[] = [];
    for (let c = 0; c < 5; c++) {
      const maxima = MAX_PATTERNS[(f + c) % 2];
      const leaves: RubricNode[] = maxima.map((max, l) => {
        const { rule, evidenceRequired } = ruleFor(f, seq++, max);
        return {
          code: `${f + 1}.${c + 1}.${l + 1}`,
          title: `Tiêu chí thành phần ${f + 1}.${c + 1}.${l + 1}`,
          max,
          source: rule.type === 'survey' ? 'survey' : 'appraised',
          rule,
          ...(evidenceRequired ? { evidenceRequired } : {}),
        };
      });
      const code = `${f + 1}.${c + 1}`;
      criteria.push({ code, title: `Tiêu chí ${code}`, max: '2.5', children: leaves, ...(code === COMMUNES_ONLY_CRITERION ? { appliesTo: ['communes'] } : {}) });
    }
    return { code: String(f + 1), title, max: '12.5', children: criteria };
  });
  return {
    code: 'BENCH-PAR',
    name: 'Bộ chỉ số CCHC (benchmark)',
    year: 2025,
    unitKinds: ['department', 'commune'],
    settings: {
      bands: [
        { label: 'Xuất sắc', min: '90' },
        { label: 'Tốt', min: '80' },
        { label: 'Khá', min: '70' },
        { label: 'Trung bình', min: '50' },
        { label: 'Yếu', min: '0' },
      ],
      ties: { mode: 'shared' },
      pointDecimals: 3,
      evidencePolicy: 'zero',
    },
    peerGroups: PEER_GROUPS,
    fields,
  };
}

export interface BenchUnit {
  code: string;
  name: string;
  kind: 'department' | 'commune';
  group: string;
}

export interface BenchScore {
  unitCode: string;
  leafCode: string;
  inputs: LeafInputs;
  /** What the engine evaluates these inputs to (kept for the SQL baseline only). */
  evaluated: string;
}

/** A node (criterion or leaf) taken out of a unit's maximum, with its legal basis. */
export interface BenchExclusion {
  unitCode: string;
  nodeCode: string;
  basis: string;
}

export interface Province {
  code: string;
  name: string;
  units: BenchUnit[];
  scores: BenchScore[];
  exclusions: BenchExclusion[];
}

/** Unit u's exclusions: every 11th unit loses a criterion, every 13th a leaf (appraised fields 1–7 only). */
function exclusionsOf(unit: BenchUnit, u: number): BenchExclusion[] {
  const out: BenchExclusion[] = [];
  if (u % 11 === 4) out.push({ unitCode: unit.code, nodeCode: `${1 + (u % 7)}.${1 + (u % 5)}`, basis: 'Đơn vị không có nhiệm vụ này (Quyết định giao nhiệm vụ năm 2025)' });
  if (u % 13 === 6) out.push({ unitCode: unit.code, nodeCode: `${1 + ((u + 3) % 7)}.${1 + ((u + 2) % 5)}.2`, basis: 'Không phát sinh trong năm đánh giá' });
  return out;
}

/** Whether unit u's survey leaf is marked not applicable (too few answers under the `not_applicable` fallback). */
const surveyNotApplicable = (u: number, leafCode: string) => u % 17 === 9 && leafCode === `8.${1 + (u % 5)}.1`;

export interface Workload {
  rubric: RubricDocument;
  provinceCount: number;
  leafCount: number;
  scoreCount: number;
  /** The units of province p (no scores; cheap). */
  unitsOf(p: number): BenchUnit[];
  /** Province p with its scores, generated afresh on every call (always the same data). */
  province(p: number): Province;
  /** Every province in order, one at a time. */
  provinces(): Generator<Province>;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** `provinceCount` provinces, deterministic from `seed`. */
export function generateWorkload(provinceCount: number, seed = 20251231): Workload {
  const rubric = generateRubric();
  const index = indexRubric(rubric);
  const code = (p: number) => `P${String(p + 1).padStart(2, '0')}`;
  const unitsOf = (p: number): BenchUnit[] =>
    Array.from({ length: UNITS_PER_PROVINCE }, (_, u) => {
      const dept = u < DEPARTMENTS_PER_PROVINCE;
      return {
        code: dept ? `${code(p)}-S${String(u + 1).padStart(3, '0')}` : `${code(p)}-X${String(u - DEPARTMENTS_PER_PROVINCE + 1).padStart(3, '0')}`,
        name: dept ? `Sở ${p + 1}.${u + 1}` : `UBND xã ${p + 1}.${u + 1}`,
        kind: dept ? 'department' : 'commune',
        group: dept ? 'departments' : 'communes',
      };
    });
  const province = (p: number): Province => {
    if (!(p >= 0 && p < provinceCount)) throw new RangeError(`province ${p} of ${provinceCount}`);
    const rnd = prng((seed ^ Math.imul(p + 1, 0x9e3779b1)) >>> 0);
    const units = unitsOf(p);
    const scores: BenchScore[] = [];
    const exclusions = units.flatMap((unit, u) => exclusionsOf(unit, u));
    for (const [u, unit] of units.entries()) {
      // A unit's overall quality: most units score 60–97 %.
      const q = 0.6 + 0.37 * rnd();
      for (const leaf of index.leaves) {
        const max = leaf.max.toNumber();
        const noisy = () => clamp01(q + (rnd() - 0.5) * 0.3);
        let inputs: LeafInputs;
        switch (leaf.rule.type) {
          case 'manual':
            inputs = { points: String(round(max * noisy(), 2)) };
            break;
          case 'survey': {
            const points = String(round(max * noisy(), 3));
            inputs = surveyNotApplicable(u, leaf.code) ? { notApplicable: true, reason: 'Chưa đủ số phiếu tối thiểu' } : { points };
            break;
          }
          case 'levels': {
            const r = rnd();
            inputs = { level: r < q ? 'on_time' : r < q + (1 - q) * 0.6 ? 'late' : 'none', hasEvidence: rnd() < 0.97 };
            break;
          }
          case 'binary':
            inputs = { met: rnd() < q };
            break;
          default: {
            const denominator = rnd() < 0.02 ? 0 : 10 + Math.floor(rnd() * 990);
            inputs = { numerator: Math.round(denominator * noisy()), denominator };
          }
        }
        const evaluated = toExact(evaluateLeaf(leaf, inputs, rubric.settings).points);
        scores.push({ unitCode: unit.code, leafCode: leaf.code, inputs, evaluated });
      }
    }
    return { code: code(p), name: `Tỉnh ${p + 1}`, units, scores, exclusions };
  };
  return {
    rubric,
    provinceCount,
    leafCount: index.leaves.length,
    scoreCount: provinceCount * UNITS_PER_PROVINCE * index.leaves.length,
    unitsOf,
    province,
    *provinces() {
      for (let p = 0; p < provinceCount; p++) yield province(p);
    },
  };
}
