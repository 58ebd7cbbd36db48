import { createHash } from 'node:crypto';
import { AppError, Limits, type Questionnaire, type SurveyChannel, type SurveyResponse, surveyAnswerProblem, textProblem } from '@parindex/contracts';
import { checkSurveyResponse, indexQuestionnaire, type IndexedQuestion } from '@parindex/engine';
import { clip } from '../io/clip.ts';
import { lookup, norm, type Vocabulary } from '../rubric-io/sheet-cells.ts';
import { readTableRows, type RawRow, type TableSource } from '../io/table-rows.ts';

export interface ResponsesImportOptions {
  /** The units of the cycle; a row naming another unit is rejected. */
  unitCodes?: Iterable<string>;
  /** Channel recorded when the file has no "Kênh" column (default: import). */
  channel?: SurveyChannel;
}

/** A row that was not imported, and why (Vietnamese, naming the column). */
export interface RejectedRow {
  row: number;
  reason: string;
  /** The column of the first problem, as headed in the file. */
  field?: string;
}

export type ResponseRowOutcome = { ok: true; row: number; response: SurveyResponse } | ({ ok: false } & RejectedRow);

export interface ResponsesImport {
  responses: SurveyResponse[];
  rejected: RejectedRow[];
  /** Data rows read (header excluded). */
  rows: number;
}

type Fixed = 'id' | 'group' | 'unit' | 'duration' | 'startedAt' | 'submittedAt' | 'channel' | 'ignore';

/** Column headers accepted for the response's own fields (first = the one the template writes). */
export const RESPONSE_COLUMNS: Record<Fixed, string[]> = {
  id: ['Mã phiếu', 'Mã phiếu trả lời', 'id', 'response_id', 'client_id'],
  group: ['Nhóm đối tượng', 'Mã nhóm', 'group', 'respondent_group'],
  unit: ['Đơn vị được đánh giá', 'Mã đơn vị', 'unit', 'unit_code', 'evaluated_unit'],
  duration: ['Thời gian trả lời (giây)', 'Thời gian (giây)', 'duration', 'duration_seconds'],
  startedAt: ['Bắt đầu', 'started_at'],
  submittedAt: ['Nộp lúc', 'Thời điểm nộp', 'submitted_at'],
  channel: ['Kênh', 'channel'],
  ignore: ['STT', 'TT', 'Ghi chú'],
};
const CHANNEL_WORDS: Vocabulary<SurveyChannel> = {
  online: ['Trực tuyến'], kiosk: ['Ki-ốt', 'Kiosk', 'Mã QR'], paper: ['Phiếu giấy', 'Giấy'], import: ['Nhập từ tệp'], phone: ['Điện thoại'],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** RFC 4122 name-based (v5) namespace of ParIndex response ids. */
const NAMESPACE = Buffer.from('6f0d3c4e8b2a4c1d9e7f5a3b2c1d0e9f', 'hex');

/** A stable UUID (v5) from a name: the same form imported again gets the same id. */
export function stableResponseId(name: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

interface Layout {
  fixed: Partial<Record<Exclude<Fixed, 'ignore'>, number>>;
  questions: { col: number; header: string; q: IndexedQuestion }[];
  headerOf: Map<string, string>;
  /** Every column's header as written (for naming the column of a bad cell). */
  names: string[];
}

/** Matches the header row: fixed columns by name, question columns by code ("C1" or "C1. Nội dung…"); anything else refuses the file. */
function layoutOf(header: RawRow, questionnaire: Questionnaire): Layout {
  const idx = indexQuestionnaire(questionnaire);
  const byNorm = new Map<string, Fixed>();
  for (const [k, names] of Object.entries(RESPONSE_COLUMNS) as [Fixed, string[]][]) for (const n of names) byNorm.set(norm(n), k);
  const codeOf = new Map([...idx.questions.keys()].map((c) => [c.toLowerCase(), c]));
  const layout: Layout = { fixed: {}, questions: [], headerOf: new Map(), names: header.values.map((h) => h.trim()) };
  const unknown: string[] = [], twice: string[] = [];
  const seen = new Set<string>();
  const unstorable: number[] = [];
  header.values.forEach((cell, col) => {
    const h = cell.trim();
    if (!h) return;
    // Never quoted in a message: it could not be stored (NUL, half a surrogate pair).
    if (textProblem(h)) return void unstorable.push(col);
    const fixed = byNorm.get(norm(h));
    if (fixed) {
      if (fixed === 'ignore') return;
      if (layout.fixed[fixed] !== undefined) twice.push(h);
      layout.fixed[fixed] = col;
      return;
    }
    const code = codeOf.get(h.toLowerCase()) ?? codeOf.get(h.split(/[\s:]/)[0].replace(/\.$/, '').toLowerCase());
    if (!code) return void unknown.push(h);
    if (seen.has(code)) return void twice.push(h);
    seen.add(code);
    layout.questions.push({ col, header: h, q: idx.questions.get(code)! });
    layout.headerOf.set(code, h);
  });
  const issues: { row: number; field: string; message: string }[] = [];
  const at = (column: string, message: string) => {
    const field = clip(column, 60);
    issues.push({ row: header.row, field, message: `Dòng ${header.row} (tiêu đề), cột "${field}": ${message}` });
  };
  for (const h of unknown) at(h, `không phải mã câu hỏi nào của phiếu ${questionnaire.code} (ví dụ ${[...idx.questions.keys()].slice(0, 3).join(', ')}) hay cột ${RESPONSE_COLUMNS.id[0]}, ${RESPONSE_COLUMNS.group[0]}, ${RESPONSE_COLUMNS.unit[0]}, ${RESPONSE_COLUMNS.duration[0]}.`);
  for (const h of twice) at(h, 'cột này xuất hiện hai lần.');
  for (const col of unstorable) at(`cột thứ ${col + 1}`, `tiêu đề ${textProblem(header.values[col])}.`);
  if (layout.fixed.group === undefined && idx.groups.size > 1) at(RESPONSE_COLUMNS.group[0], `thiếu cột bắt buộc: phiếu có ${idx.groups.size} nhóm đối tượng (${[...idx.groups].join(', ')}).`);
  const ratesUnit = questionnaire.questions.some((q) => q.scoring?.evaluatedUnit === 'dealt_with' || q.sipas?.kind === 'satisfaction');
  if (layout.fixed.unit === undefined && ratesUnit) at(RESPONSE_COLUMNS.unit[0], 'thiếu cột bắt buộc: phiếu đánh giá đơn vị người trả lời đã giao dịch.');
  if (layout.questions.length === 0) at('', `không có cột nào mang mã câu hỏi của phiếu ${questionnaire.code}.`);
  if (issues.length) throw new AppError('VALIDATION', `Dòng tiêu đề của tệp không khớp với phiếu ${questionnaire.code}; sửa tiêu đề cột rồi tải lên lại. Không có phiếu nào được nhập.`, issues);
  return layout;
}

/** "2025-11-03T08:15:00+07:00", "2025-11-03 08:15", "03/11/2025 08:15[:00]" or an Excel serial (Vietnam time) → ISO with offset. */
function parseTime(t: string): string | undefined {
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?$/.exec(t);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  let out: string | undefined;
  if (/^\d{5}(\.\d+)?$/.test(t)) out = `${new Date(Math.round((Number(t) - 25569) * 86400) * 1000).toISOString().slice(0, 19)}+07:00`; // an Excel serial date-time
  else if (iso) out = `${iso[1]}T${iso[2].length === 5 ? `${iso[2]}:00` : iso[2]}${iso[3] ?? '+07:00'}`;
  else if (vn) out = `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}T${vn[4].padStart(2, '0')}:${vn[5]}:${vn[6] ?? '00'}+07:00`;
  return out && Number.isFinite(Date.parse(out)) ? out : undefined;
}

/**
 * An option by its code (any case) or its label. Text that is neither is kept for the rejection,
 * clipped: it is only ever quoted in the message.
 */
function optionCode(q: IndexedQuestion, t: string): string {
  if (q.optionByCode.has(t)) return t;
  const n = norm(t);
  return q.question.options.find((o) => o.code.toLowerCase() === t.toLowerCase() || norm(o.label) === n)?.code ?? clip(t, 60);
}

/**
 * Reads responses row by row from a CSV or XLSX (one row per form: Mã phiếu, Nhóm đối tượng, Đơn vị
 * được đánh giá, Thời gian trả lời (giây), … and one column per question code) and yields each row
 * as a response or as a rejection with its reason. A form without an id gets a stable one derived
 * from its content, one with a non-UUID id (e.g. a paper form number) one derived from that id, so
 * importing the same file twice yields the same ids. Rows repeating an id already seen are rejected.
 * A header that does not fit the questionnaire refuses the whole file (AppError) before any row.
 */
export async function* readResponses(source: TableSource, questionnaire: Questionnaire, options: ResponsesImportOptions = {}): AsyncGenerator<ResponseRowOutcome> {
  const idx = indexQuestionnaire(questionnaire);
  const units = options.unitCodes ? new Set(options.unitCodes) : undefined;
  const onlyGroup = idx.groups.size === 1 ? [...idx.groups][0] : undefined;
  const groupByName = new Map(questionnaire.respondentGroups.flatMap((g) => [[norm(g.code), g.code], [norm(g.name), g.code]]));
  const firstRowOf = new Map<string, number>();
  let layout: Layout | undefined;
  let rows = 0;
  for await (const raw of readTableRows(source)) {
    if (!layout) { layout = layoutOf(raw, questionnaire); continue; }
    if (++rows > Limits.importRows) throw new AppError('PAYLOAD_TOO_LARGE', `Tệp có hơn ${Limits.importRows} phiếu; hãy chia thành nhiều tệp.`);
    // A CSV row of another width than the header: its answers would sit under the wrong questions.
    if (raw.widthProblem) { yield { ok: false, row: raw.row, reason: raw.widthProblem }; continue; }
    const L = layout;
    // A cell the database cannot store (NUL, half a surrogate pair) rejects its row, naming the column, never quoting the cell.
    const badCell = raw.values.findIndex((v) => v !== undefined && textProblem(v) !== undefined);
    if (badCell >= 0) {
      const name = L.names[badCell] && !textProblem(L.names[badCell]) ? clip(L.names[badCell], 60) : `cột thứ ${badCell + 1}`;
      yield { ok: false, row: raw.row, reason: `Dòng ${raw.row}: cột "${name}": ô ${textProblem(raw.values[badCell])}.`, field: name };
      continue;
    }
    const cell = (k: keyof Layout['fixed']) => (L.fixed[k] === undefined ? '' : (raw.values[L.fixed[k]!] ?? '').trim());
    const reject = (field: string | undefined, reason: string): ResponseRowOutcome => ({ ok: false, row: raw.row, reason: `Dòng ${raw.row}: ${reason}`, ...(field && { field }) });
    const col = (k: keyof typeof RESPONSE_COLUMNS) => RESPONSE_COLUMNS[k][0];

    const groupText = cell('group');
    // An unknown group rejects the row; its text is only quoted in the message, so clipped.
    const group = groupText ? groupByName.get(norm(groupText)) ?? clip(groupText, 60) : onlyGroup;
    if (!group) { yield reject(col('group'), `thiếu nhóm đối tượng; ghi một trong ${[...idx.groups].join(', ')}.`); continue; }
    const unit = cell('unit');
    if (unit && units && !units.has(unit)) { yield reject(col('unit'), `đơn vị "${clip(unit, 60)}" không có trong danh sách đơn vị của kỳ đánh giá.`); continue; }
    const response: Omit<SurveyResponse, 'id'> = {
      questionnaireCode: questionnaire.code, respondentGroup: group, ...(unit && { evaluatedUnitCode: unit }), answers: {}, channel: options.channel ?? 'import',
    };
    const duration = cell('duration');
    if (duration) {
      const d = Number(duration.replace(',', '.'));
      if (!Number.isFinite(d) || d < 0 || d > 7 * 24 * 3600) { yield reject(col('duration'), `thời gian trả lời "${clip(duration, 40)}" phải là số giây không âm.`); continue; }
      response.durationSeconds = d;
    }
    let bad: ResponseRowOutcome | undefined;
    for (const k of ['startedAt', 'submittedAt'] as const) {
      const t = cell(k);
      if (!t) continue;
      const iso = parseTime(t);
      if (iso) response[k] = iso;
      else bad ??= reject(col(k), `thời điểm "${clip(t, 40)}" không hợp lệ; ghi dạng 03/11/2025 08:15 hoặc 2025-11-03T08:15:00+07:00.`);
    }
    const channel = cell('channel');
    if (channel) {
      const c = lookup(CHANNEL_WORDS, channel);
      if (c) response.channel = c;
      else bad ??= reject(col('channel'), `kênh "${clip(channel, 40)}" không hợp lệ; ghi ${Object.values(CHANNEL_WORDS).map((w) => `'${w[0]}'`).join(', ')}.`);
    }
    if (bad) { yield bad; continue; }
    for (const { col: c, header, q } of L.questions) {
      const t = (raw.values[c] ?? '').trim();
      if (!t) continue;
      if (q.question.type === 'text') {
        // Too long an answer to an open question: this row is rejected, the others are imported.
        const problem = surveyAnswerProblem(q.question.code, t);
        if (problem) { bad ??= reject(header, `cột "${clip(header, 60)}": ${problem}`); continue; }
        response.answers[q.question.code] = t;
      } else if (q.question.type === 'multiple') response.answers[q.question.code] = t.split(/[;|\n]/).map((p) => p.trim()).filter(Boolean).map((p) => optionCode(q, p));
      else response.answers[q.question.code] = optionCode(q, t);
    }
    if (bad) { yield bad; continue; }
    const problems = checkSurveyResponse(questionnaire, response);
    if (problems.length) {
      const where = (f: string) => L.headerOf.get(f) ?? (f === 'respondentGroup' ? col('group') : f === 'evaluatedUnitCode' ? col('unit') : f === 'submittedAt' ? col('submittedAt') : f);
      yield reject(where(problems[0].field), problems.map((p) => (L.headerOf.has(p.field) ? `cột "${where(p.field)}": ${p.message}` : p.message)).join(' '));
      continue;
    }
    const given = cell('id');
    const id = given
      ? UUID.test(given) ? given.toLowerCase() : stableResponseId(`${questionnaire.code}\u0000id\u0000${given}`)
      : stableResponseId(`${questionnaire.code}\u0000row\u0000${canonical(response)}`);
    const first = firstRowOf.get(id);
    if (first !== undefined) {
      yield reject(given ? col('id') : undefined, given
        ? `mã phiếu "${clip(given, 60)}" trùng với dòng ${first}.`
        : `giống hệt dòng ${first} và không có mã phiếu; nếu đây là hai phiếu khác nhau, ghi mã phiếu (cột "${col('id')}") cho từng phiếu.`);
      continue;
    }
    firstRowOf.set(id, raw.row);
    yield { ok: true, row: raw.row, response: { id, ...response } };
  }
  if (!layout) throw new AppError('INVALID_FILE', 'Tệp rỗng: không có dòng tiêu đề.');
}

/** The content of a form as one text, independent of column order and of the channel. */
function canonical(r: Omit<SurveyResponse, 'id'>): string {
  const answers = Object.keys(r.answers).sort().map((k) => [k, r.answers[k]]);
  return JSON.stringify([r.respondentGroup, r.evaluatedUnitCode ?? null, r.durationSeconds ?? null, r.startedAt ?? null, r.submittedAt ?? null, answers]);
}

/** Reads a whole file: the valid responses and every rejected row with its reason. */
export async function importResponses(source: TableSource, questionnaire: Questionnaire, options: ResponsesImportOptions = {}): Promise<ResponsesImport> {
  const out: ResponsesImport = { responses: [], rejected: [], rows: 0 };
  for await (const r of readResponses(source, questionnaire, options)) {
    out.rows++;
    if (r.ok) out.responses.push(r.response);
    else out.rejected.push({ row: r.row, reason: r.reason, ...(r.field && { field: r.field }) });
  }
  return out;
}
