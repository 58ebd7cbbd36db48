import type { ScoringRule } from '@parindex/contracts';
import { referencedCodes } from '@parindex/engine';
import { clip } from '../io/clip.ts';

/**
 * The "Phương pháp chấm điểm" column: a compact Vietnamese notation an official can read and
 * that parses back to exactly the same ScoringRule. Numbers are written with a decimal comma
 * ("0,5") and read with either a comma or a dot.
 *
 *   manual        Chấm trực tiếp
 *   binary        Đạt: tối đa; Không đạt: 0            (labels, when set: "Đạt (Gửi đủ báo cáo): tối đa; …")
 *   levels        Mức: Ban hành đúng hạn = 1; Ban hành chậm = 0,5; Không ban hành = 0
 *                 ("[ma] nhãn = điểm" when the level's code is not the one derived from its label)
 *   ratio_bands   Tỷ lệ (Số hồ sơ đúng hạn / Tổng số hồ sơ): > 90% = 2; ≥ 70% = 1; ≥ 0% = 0; Không phát sinh: tối đa
 *   proportional  Tỷ lệ thuận (Số hồ sơ đúng hạn / Tổng số hồ sơ): điểm tối đa × tỷ lệ; Không phát sinh: tối đa
 *   count         Mỗi sáng kiến được công nhận: 0,25 điểm
 *   count_tiers   Số lượng (cuộc họp đã tổ chức): ≥ 4: 2; 3: 1,5; 2: 0,75; 1: 0,25; 0: 0
 *   count_deduction  Mỗi văn bản ban hành chậm trừ 0,25 điểm; tối thiểu 0
 *   survey        Theo kết quả điều tra XHH
 *
 * Clauses are separated by ";" or a line break, so labels must not contain ";". Every rule but
 * the survey's may end with "Không phát sinh: tối đa | 0 | không tính (loại khỏi thang điểm)"
 * ("không áp dụng" is read as "không tính"); without it the rule has no "không phát sinh" case.
 * Conditions between leaves ("Nếu 1.1.1 = 0 thì 0 điểm") are read by method-notation.ts.
 */

export type RuleParse = { ok: true; rule: ScoringRule } | { ok: false; message: string };

const MANUAL = 'Chấm trực tiếp';
const SURVEY = 'Theo kết quả điều tra XHH';
const WHEN_NONE_TEXT = { full: 'tối đa', zero: '0', not_applicable: 'không tính (loại khỏi thang điểm)' } as const;
type WhenNone = keyof typeof WHEN_NONE_TEXT;
/** Other spellings of the "Không phát sinh" options. */
const WHEN_NONE_ALIASES: Record<string, WhenNone> = {
  '0 điểm': 'zero', 'điểm tối đa': 'full', 'không tính': 'not_applicable', 'không áp dụng': 'not_applicable',
  'loại khỏi thang điểm': 'not_applicable', 'không tính, loại khỏi thang điểm': 'not_applicable',
};

/** Level code derived from its label: lower-case ASCII words joined by "_" ("Ban hành chậm" → "ban_hanh_cham"). */
export function deriveLevelCode(label: string, index: number): string {
  const slug = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return slug || `muc_${index + 1}`;
}

/** Decimal string with a dot → Vietnamese comma, digits kept as they are ("0.50" → "0,50"). */
const viNum = (d: string) => d.replace('.', ',');

/** Writes a rule in the notation, with its "Không phát sinh" clause when it has one. */
export function formatRule(rule: ScoringRule): string {
  const body = formatRuleBody(rule);
  return rule.type !== 'survey' && rule.whenNone !== undefined ? `${body}; ${whenNoneClause(rule.whenNone)}` : body;
}

function formatRuleBody(rule: ScoringRule): string {
  switch (rule.type) {
    case 'manual':
      return MANUAL;
    case 'survey':
      return SURVEY;
    case 'binary': {
      const yes = rule.yesLabel !== undefined ? `Đạt (${rule.yesLabel})` : 'Đạt';
      const no = rule.noLabel !== undefined ? `Không đạt (${rule.noLabel})` : 'Không đạt';
      return `${yes}: tối đa; ${no}: 0`;
    }
    case 'levels':
      return `Mức: ${rule.levels
        .map((l, i) => `${l.code === deriveLevelCode(l.label, i) ? '' : `[${l.code}] `}${l.label} = ${viNum(l.points)}`)
        .join('; ')}`;
    case 'ratio_bands':
      return `Tỷ lệ (${rule.numeratorLabel} / ${rule.denominatorLabel}): ${rule.bands.map((b) => `${b.exclusive ? '>' : '≥'} ${viNum(b.minPercent)}% = ${viNum(b.points)}`).join('; ')}`;
    case 'proportional':
      return `Tỷ lệ thuận (${rule.numeratorLabel} / ${rule.denominatorLabel}): điểm tối đa × tỷ lệ`;
    case 'count':
      return `Mỗi ${rule.countLabel}: ${viNum(rule.perItem)} điểm`;
    case 'count_tiers':
      return `Số lượng (${rule.countLabel}): ${rule.tiers.map((t) => `${t.orMore ? '≥ ' : ''}${t.count}: ${viNum(t.points)}`).join('; ')}`;
    case 'count_deduction':
      return `Mỗi ${rule.countLabel} trừ ${viNum(rule.perItem)} điểm; tối thiểu ${viNum(rule.floor)}`;
  }
}

const whenNoneClause = (w: WhenNone) => `Không phát sinh: ${WHEN_NONE_TEXT[w]}`;

/** The patterns, shown when a text cannot be read. */
export const RULE_PATTERNS = [
  MANUAL,
  'Đạt: tối đa; Không đạt: 0',
  'Mức: <nội dung> = 1; <nội dung> = 0,5; <nội dung> = 0',
  'Tỷ lệ (<tử số> / <mẫu số>): ≥ 90% = 2; ≥ 70% = 1; ≥ 0% = 0; Không phát sinh: tối đa',
  'Tỷ lệ thuận (<tử số> / <mẫu số>): điểm tối đa × tỷ lệ; Không phát sinh: tối đa',
  'Mỗi <đơn vị đếm>: 0,25 điểm',
  'Số lượng (<đơn vị đếm>): ≥ 4: 2; 3: 1,5; 2: 0,75; 1: 0,25; 0: 0',
  'Mỗi <đơn vị đếm> trừ 0,25 điểm; tối thiểu 0',
  SURVEY,
];

class NotationError extends Error {}
const fail = (message: string): never => {
  throw new NotationError(message);
};

/** Reads a decimal written with a comma or a dot; at most 3 decimals. Returns it with a dot. */
export function readDecimal(text: string, what: string): string {
  const t = text.trim();
  if (!/^\d{1,7}([.,]\d+)?$/.test(t)) fail(`${what} "${clip(t, 40)}" không phải là số.`);
  const d = t.replace(',', '.');
  if ((d.split('.')[1] ?? '').length > 3) fail(`${what} "${clip(t, 40)}" có quá 3 chữ số thập phân.`);
  return d;
}

const splitClauses = (text: string) =>
  text.split(/[;\n]/).map((c) => c.trim()).filter((c) => c.length > 0);

/** "(tử số / mẫu số): rest" after a keyword; labels may hold parentheses, the first " / " splits them. */
function readRatioHead(text: string, keyword: string): { numeratorLabel: string; denominatorLabel: string; rest: string } {
  const m = /^\(\s*(.+?)\s+\/\s+(.+)\)\s*:\s*(.*)$/s.exec(text);
  if (!m) fail(`Sau "${keyword}" cần ghi "(<tử số> / <mẫu số>):" rồi cách tính, ví dụ "${keyword} (Số hồ sơ đúng hạn / Tổng số hồ sơ): …".`);
  return { numeratorLabel: m![1].trim(), denominatorLabel: m![2].trim(), rest: m![3] };
}

/** "Không phát sinh: tối đa | 0 | không áp dụng", or undefined when the clause is something else. */
function readWhenNone(clause: string): WhenNone | undefined {
  const m = /^không phát sinh\s*:\s*(.+)$/is.exec(clause);
  if (!m) return undefined;
  const v = m[1].trim().toLowerCase().replace(/\s+/g, ' ').replace(/^điểm\s+(?=tối đa)/, '').replace(/\.$/, '');
  for (const [key, text] of Object.entries(WHEN_NONE_TEXT)) if (v === text) return key as WhenNone;
  if (v in WHEN_NONE_ALIASES) return WHEN_NONE_ALIASES[v];
  return fail(`"Không phát sinh" phải là "tối đa", "0" hoặc "không tính (loại khỏi thang điểm)", không phải "${clip(m[1].trim(), 60)}".`);
}

/**
 * The text without its "Không phát sinh" clause, and the clause's option. Clauses keep their
 * separators (";" or a line break), so the rest reads exactly as before.
 */
function takeWhenNone(text: string): { rest: string; whenNone?: WhenNone } {
  const parts = text.split(/([;\n])/);
  let whenNone: WhenNone | undefined;
  const kept: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const none = readWhenNone(parts[i].trim());
    if (none === undefined) {
      if (kept.length) kept.push(parts[i - 1]);
      kept.push(parts[i]);
      continue;
    }
    if (whenNone !== undefined && whenNone !== none) fail('Chỉ ghi một mục "Không phát sinh" cho mỗi tiêu chí.');
    whenNone = none;
  }
  return { rest: kept.join('').trim(), ...(whenNone !== undefined && { whenNone }) };
}

function readLevels(body: string): ScoringRule {
  const clauses = splitClauses(body);
  if (clauses.length < 2) fail('Cách chấm theo mức cần ít nhất 2 mức, ví dụ "Mức: Ban hành đúng hạn = 1; Không ban hành = 0".');
  const levels = clauses.map((clause, i) => {
    const eq = clause.lastIndexOf('=');
    if (eq < 0) fail(`Mức "${clip(clause, 80)}" thiếu điểm: ghi "<nội dung> = <điểm>".`);
    let label = clause.slice(0, eq).trim();
    let code: string | undefined;
    const coded = /^\[([^\]]+)\]\s*(.*)$/s.exec(label);
    if (coded) [code, label] = [coded[1].trim(), coded[2].trim()];
    if (!label) fail(`Mức thứ ${i + 1} thiếu nội dung.`);
    const points = readDecimal(clause.slice(eq + 1), `Điểm của mức "${clip(label, 60)}"`);
    return { code: code ?? deriveLevelCode(label, i), label, points };
  });
  return { type: 'levels', levels };
}

function readRatioBands(text: string): ScoringRule {
  const head = readRatioHead(text, 'Tỷ lệ');
  const bands: { minPercent: string; exclusive?: boolean; points: string }[] = [];
  for (const clause of splitClauses(head.rest)) {
    const m = /^(≥|>=|>)\s*([\d.,]+)\s*%\s*[=:]\s*(.+)$/.exec(clause);
    if (!m) fail(`Không đọc được mức tỷ lệ "${clip(clause, 80)}": ghi "≥ 70% = 1" (hoặc "> 90% = 2" khi không tính ngưỡng).`);
    bands.push({
      minPercent: readDecimal(m![2], 'Ngưỡng tỷ lệ'),
      ...(m![1] === '>' && { exclusive: true }),
      points: readDecimal(m![3].replace(/\s*điểm$/i, ''), `Điểm của mức ${m![1]} ${clip(m![2], 20)}%`),
    });
  }
  if (bands.length === 0) fail('Cách chấm theo tỷ lệ cần ít nhất một mức, ví dụ "≥ 0% = 0".');
  return { type: 'ratio_bands', numeratorLabel: head.numeratorLabel, denominatorLabel: head.denominatorLabel, bands };
}

function readProportional(text: string): ScoringRule {
  const head = readRatioHead(text, 'Tỷ lệ thuận');
  for (const clause of splitClauses(head.rest)) {
    if (!/^(điểm\s+)?tối đa\s*[×x*]\s*t[ỷỉ] lệ$/i.test(clause)) {
      fail(`Không đọc được "${clip(clause, 80)}": cách chấm tỷ lệ thuận ghi "điểm tối đa × tỷ lệ".`);
    }
  }
  return { type: 'proportional', numeratorLabel: head.numeratorLabel, denominatorLabel: head.denominatorLabel };
}

/** "Số lượng (<đơn vị đếm>): ≥ 4: 2; 3: 1,5; …" — "4 trở lên" for "≥ 4", "=" for ":". */
function readCountTiers(text: string): ScoringRule {
  const m = /^\(\s*(.+?)\s*\)\s*:\s*(.*)$/s.exec(text);
  if (!m || !m[1]) fail('Sau "Số lượng" cần ghi "(<đơn vị đếm>):" rồi các bậc, ví dụ "Số lượng (cuộc họp): ≥ 4: 2; 3: 1,5; 0: 0".');
  const tiers = splitClauses(m![2]).map((clause) => {
    const t = /^(?:(≥|>=)\s*(\d+)|(\d+)\s*trở lên|(\d+))\s*(?:[a-zà-ỹđ ]*?)\s*[:=]\s*([\d.,]+)(?:\s*điểm)?$/i.exec(clause);
    if (!t) fail(`Không đọc được bậc "${clip(clause, 80)}": ghi "≥ 4: 2" (từ 4 trở lên được 2 điểm) hoặc "3: 1,5" (đúng 3 được 1,5 điểm).`);
    const orMore = t![1] !== undefined || t![3] !== undefined;
    const count = Number(t![2] ?? t![3] ?? t![4]);
    if (count > 1_000_000) fail(`Bậc "${clip(clause, 40)}": số lượng quá lớn.`);
    return { count, ...(orMore && { orMore: true }), points: readDecimal(t![5], `Điểm của bậc "${clip(clause, 30)}"`) };
  });
  if (tiers.length === 0) fail('Cách chấm theo bậc số lượng cần ít nhất một bậc, ví dụ "≥ 1: 1; 0: 0".');
  return { type: 'count_tiers', countLabel: m![1], tiers };
}

/** "Mỗi <đơn vị đếm> trừ 0,25 điểm; tối thiểu 0" (or "…; trừ đến hết điểm của tiêu chí": floor 0). */
function readCountDeduction(text: string): ScoringRule {
  // "…, trừ đến hết điểm của tiêu chí" / "…, tối thiểu 0" as officials write it after a comma.
  const [first, ...rest] = splitClauses(text.replace(/,\s*(?=(trừ (đến|tới) hết|tối thiểu|thấp nhất))/gi, ';'));
  const m = /^Mỗi\s+(.+?)\s+trừ\s+([\d.,]+)(?:\s*điểm)?$/is.exec(first);
  if (!m) fail('Cách chấm trừ dần ghi "Mỗi <đơn vị đếm> trừ <điểm> điểm; tối thiểu 0", ví dụ "Mỗi văn bản ban hành chậm trừ 0,25 điểm; tối thiểu 0".');
  let floor = '0';
  for (const clause of rest) {
    const f = /^(?:tối thiểu|thấp nhất)\s*:?\s*([\d.,]+)(?:\s*điểm)?$/i.exec(clause);
    if (f) floor = readDecimal(f[1], 'Điểm tối thiểu');
    else if (!/^trừ (đến|tới) hết(\s+điểm)?(\s+(của\s+)?tiêu chí)?$/i.test(clause))
      fail(`Không đọc được "${clip(clause, 80)}": sau cách trừ ghi "tối thiểu <điểm>" (ví dụ "tối thiểu 0").`);
  }
  return { type: 'count_deduction', countLabel: m![1].trim(), perItem: readDecimal(m![2], `Điểm trừ cho mỗi ${clip(m![1].trim(), 60)}`), floor };
}

function readBinary(text: string): ScoringRule {
  const m = /^Đạt(?:\s*\((.*)\))?\s*:\s*(?:điểm\s+)?tối đa\s*[;\n]\s*Không đạt(?:\s*\((.*)\))?\s*:\s*0(?:\s*điểm)?$/is.exec(text);
  if (!m) fail('Cách chấm Đạt/Không đạt ghi "Đạt: tối đa; Không đạt: 0".');
  return { type: 'binary', ...(m![1] !== undefined && { yesLabel: m![1] }), ...(m![2] !== undefined && { noLabel: m![2] }) };
}

function readCount(text: string): ScoringRule {
  const m = /^Mỗi\s+(.+):\s*([^:]+?)(?:\s*điểm)?$/is.exec(text);
  if (!m) fail('Cách chấm theo số lượng ghi "Mỗi <đơn vị đếm>: <điểm>", ví dụ "Mỗi sáng kiến: 0,25 điểm".');
  return { type: 'count', countLabel: m![1].trim(), perItem: readDecimal(m![2], `Điểm cho mỗi ${clip(m![1].trim(), 60)}`) };
}

/** Reads the notation back into a rule; an unreadable text gets a Vietnamese message with the expected patterns. */
export function parseRule(input: string): RuleParse {
  const text = input.normalize('NFC').trim();
  try {
    const { rest, whenNone } = takeWhenNone(text);
    if (!rest) fail('Mục "Không phát sinh" phải đi cùng một cách chấm điểm, ví dụ "Mức: Ban hành đúng hạn = 1; Không ban hành = 0; Không phát sinh: tối đa".');
    const rule = readRuleBody(rest);
    if (!rule) {
      // "Như tiêu chí 2.1.3": the notation has no way to borrow another criterion's rule, so say so and name the code.
      const refs = referencedCodes(text);
      const borrow = refs.length
        ? ` Phương pháp chấm điểm không dẫn chiếu được sang tiêu chí khác (ở đây: ${refs.join(', ')}): hãy chép cách chấm của tiêu chí đó vào ô này.`
        : '';
      return {
        ok: false,
        message: `Không đọc được phương pháp chấm điểm "${clip(text, 120)}".${borrow} Ghi theo một trong các mẫu: ${RULE_PATTERNS.map((p) => `"${p}"`).join('; ')}.`,
      };
    }
    if (whenNone !== undefined) {
      if (rule.type === 'survey') fail('Tiêu chí chấm theo kết quả điều tra XHH không ghi "Không phát sinh": khi thiếu phiếu, cách chấm điểm điều tra quyết định.');
      else rule.whenNone = whenNone;
    }
    return { ok: true, rule };
  } catch (e) {
    if (e instanceof NotationError) return { ok: false, message: e.message };
    throw e;
  }
}

/** The rule's own text (without "Không phát sinh"), by its first words; undefined when no pattern starts it. */
function readRuleBody(text: string): ScoringRule | undefined {
  const lower = text.toLowerCase();
  if (lower === MANUAL.toLowerCase()) return { type: 'manual' };
  if (/^(theo kết quả )?điều tra (xhh|xã hội học)$/.test(lower)) return { type: 'survey' };
  if (/^mức\s*:/.test(lower)) return readLevels(text.replace(/^mức\s*:/i, ''));
  if (/^t[ỷỉ] lệ thuận(?=[\s(]|$)/.test(lower)) return readProportional(text.slice('tỷ lệ thuận'.length).trim());
  if (/^t[ỷỉ] lệ(?=[\s(]|$)/.test(lower)) return readRatioBands(text.slice('tỷ lệ'.length).trim());
  if (/^số lượng(?=[\s(]|$)/.test(lower)) return readCountTiers(text.slice('số lượng'.length).trim());
  // "Mỗi … trừ N điểm" has no colon in its first clause; "Mỗi …: N điểm" has one.
  if (/^mỗi\s[^:;\n]*\strừ\s+\d+([.,]\d+)?(\s*điểm)?\s*(,|[;\n]|$)/.test(lower)) return readCountDeduction(text);
  if (/^mỗi\s/.test(lower)) return readCount(text);
  if (/^đạt(?=[\s(:]|$)/.test(lower)) return readBinary(text);
  return undefined;
}
