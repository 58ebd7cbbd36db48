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
 *   survey        Theo kết quả điều tra XHH
 *
 * Clauses are separated by ";" or a line break, so labels must not contain ";".
 * "Không phát sinh" (the denominator is 0) takes "tối đa", "0" or "không áp dụng".
 */

export type RuleParse = { ok: true; rule: ScoringRule } | { ok: false; message: string };

const MANUAL = 'Chấm trực tiếp';
const SURVEY = 'Theo kết quả điều tra XHH';
const WHEN_NONE_TEXT = { full: 'tối đa', zero: '0', not_applicable: 'không áp dụng' } as const;
type WhenNone = keyof typeof WHEN_NONE_TEXT;

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

/** Writes a rule in the notation. */
export function formatRule(rule: ScoringRule): string {
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
    case 'ratio_bands': {
      const bands = rule.bands.map((b) => `${b.exclusive ? '>' : '≥'} ${viNum(b.minPercent)}% = ${viNum(b.points)}`);
      return `Tỷ lệ (${rule.numeratorLabel} / ${rule.denominatorLabel}): ${[...bands, whenNoneClause(rule.whenNone)].join('; ')}`;
    }
    case 'proportional':
      return `Tỷ lệ thuận (${rule.numeratorLabel} / ${rule.denominatorLabel}): điểm tối đa × tỷ lệ; ${whenNoneClause(rule.whenNone)}`;
    case 'count':
      return `Mỗi ${rule.countLabel}: ${viNum(rule.perItem)} điểm`;
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
  const m = /^không phát sinh\s*:\s*(.+)$/i.exec(clause);
  if (!m) return undefined;
  const v = m[1].trim().toLowerCase().replace(/^điểm\s+/, '');
  for (const [key, text] of Object.entries(WHEN_NONE_TEXT)) if (v === text) return key as WhenNone;
  if (v === '0 điểm') return 'zero';
  return fail(`"Không phát sinh" phải là "tối đa", "0" hoặc "không áp dụng", không phải "${clip(m[1].trim(), 60)}".`);
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
  let whenNone: WhenNone = 'full';
  for (const clause of splitClauses(head.rest)) {
    const none = readWhenNone(clause);
    if (none) {
      whenNone = none;
      continue;
    }
    const m = /^(≥|>=|>)\s*([\d.,]+)\s*%\s*=\s*(.+)$/.exec(clause);
    if (!m) fail(`Không đọc được mức tỷ lệ "${clip(clause, 80)}": ghi "≥ 70% = 1" (hoặc "> 90% = 2" khi không tính ngưỡng).`);
    bands.push({
      minPercent: readDecimal(m![2], 'Ngưỡng tỷ lệ'),
      ...(m![1] === '>' && { exclusive: true }),
      points: readDecimal(m![3].replace(/\s*điểm$/i, ''), `Điểm của mức ${m![1]} ${clip(m![2], 20)}%`),
    });
  }
  if (bands.length === 0) fail('Cách chấm theo tỷ lệ cần ít nhất một mức, ví dụ "≥ 0% = 0".');
  return { type: 'ratio_bands', numeratorLabel: head.numeratorLabel, denominatorLabel: head.denominatorLabel, bands, whenNone };
}

function readProportional(text: string): ScoringRule {
  const head = readRatioHead(text, 'Tỷ lệ thuận');
  let whenNone: WhenNone = 'full';
  for (const clause of splitClauses(head.rest)) {
    const none = readWhenNone(clause);
    if (none) whenNone = none;
    else if (!/^(điểm\s+)?tối đa\s*[×x*]\s*t[ỷỉ] lệ$/i.test(clause)) {
      fail(`Không đọc được "${clip(clause, 80)}": cách chấm tỷ lệ thuận ghi "điểm tối đa × tỷ lệ".`);
    }
  }
  return { type: 'proportional', numeratorLabel: head.numeratorLabel, denominatorLabel: head.denominatorLabel, whenNone };
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
  const lower = text.toLowerCase();
  try {
    let rule: ScoringRule;
    if (lower === MANUAL.toLowerCase()) rule = { type: 'manual' };
    else if (/^(theo kết quả )?điều tra (xhh|xã hội học)$/.test(lower)) rule = { type: 'survey' };
    else if (/^mức\s*:/.test(lower)) rule = readLevels(text.replace(/^mức\s*:/i, ''));
    else if (/^t[ỷỉ] lệ thuận(?=[\s(]|$)/.test(lower)) rule = readProportional(text.slice('tỷ lệ thuận'.length).trim());
    else if (/^t[ỷỉ] lệ(?=[\s(]|$)/.test(lower)) rule = readRatioBands(text.slice('tỷ lệ'.length).trim());
    else if (/^mỗi\s/.test(lower)) rule = readCount(text);
    else if (/^đạt(?=[\s(:]|$)/.test(lower)) rule = readBinary(text);
    else {
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
    return { ok: true, rule };
  } catch (e) {
    if (e instanceof NotationError) return { ok: false, message: e.message };
    throw e;
  }
}
