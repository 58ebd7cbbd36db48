import type ExcelJS from 'exceljs';
import type { Issue, LeafSurveyScoringInput, Questionnaire, QuestionnaireInput, SipasSettingsInput } from '@parindex/contracts';
import { clip } from '../io/clip.ts';
import { YES_NO_WORDS, cellText, choices, lookup, norm, readDecimalCell, writeDecimal, type Vocabulary } from '../rubric-io/sheet-cells.ts';
import {
  FACTOR_INDEX_WORDS, FALLBACK_WORDS, FORMULA_WORDS, GROUPS_SHEET, INFO_SHEET, KIND_WORDS, OVERALL_WORDS, sheetIssue, splitList,
} from './survey-words.ts';

type Scalar = 'code' | 'year' | 'title' | 'kind' | 'description' | 'identified' | 'satisfiedLevels' | 'factorIndex' | 'overall';

/** Row labels of the "Thông tin" sheet; also what messages call each item. */
export const INFO_LABEL: Record<Scalar, string> = {
  code: 'Mã phiếu',
  year: 'Năm khảo sát',
  title: 'Tên phiếu',
  kind: 'Loại phiếu',
  description: 'Mô tả, hướng dẫn',
  identified: 'Phiếu ghi danh người trả lời (Có/Không)',
  satisfiedLevels: 'SIPAS: mức được tính là hài lòng',
  factorIndex: 'SIPAS: chỉ số của yếu tố',
  overall: 'SIPAS: chỉ số hài lòng chung',
};
const SIPAS_SCALARS: Scalar[] = ['satisfiedLevels', 'factorIndex', 'overall'];
export const SCORING_TITLE = 'Cách tính điểm tiêu chí điều tra XHH';
export const SCORING_HEADER = ['Mã tiêu chí', 'Công thức', 'Ngưỡng trọng số (%)', 'Số câu trả lời tối thiểu', 'Khi không đủ câu trả lời'];
export const FACTORS_TITLE = 'Yếu tố SIPAS';
export const FACTORS_HEADER = ['Mã yếu tố', 'Tên yếu tố', 'Trọng số (%)'];
export const GROUPS_HEADER = ['Mã nhóm', 'Tên nhóm', 'Mô tả'];

export interface InfoRows {
  scalar: Partial<Record<Scalar, number>>;
  scoring: number[];
  factors: number[];
}

/**
 * Writes the key/value rows, the leaf scoring table and, for a SIPAS-enabled form, the factors.
 * `identified` is a property of the survey, not of the questionnaire document: it is written as a
 * row so that a workbook carries the declaration with it.
 */
export function writeInfoSheet(wb: ExcelJS.Workbook, q: Questionnaire, opts: { identified?: boolean } = {}): void {
  const ws = wb.addWorksheet(INFO_SHEET);
  [30, 60, 18, 18, 26].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  ws.getColumn(1).numFmt = '@';
  ws.addRow(['THÔNG TIN PHIẾU KHẢO SÁT']).font = { bold: true, size: 13 };
  ws.addRow(['Mục', 'Giá trị']).font = { bold: true };
  const put = (key: Scalar, value: string | number | undefined) => {
    const row = ws.addRow([INFO_LABEL[key]]);
    if (value !== undefined) row.getCell(2).value = value;
    row.getCell(2).alignment = { wrapText: true, horizontal: 'left' };
  };
  put('code', q.code);
  put('year', q.year);
  put('title', q.title);
  put('kind', KIND_WORDS[q.kind][0]);
  put('description', q.description);
  put('identified', YES_NO_WORDS[opts.identified ? 'yes' : 'no'][0]);
  if (q.sipas) {
    put('satisfiedLevels', q.sipas.satisfiedLevels.join('; '));
    put('factorIndex', FACTOR_INDEX_WORDS[q.sipas.factorIndex][0]);
    put('overall', OVERALL_WORDS[q.sipas.overall][0]);
  }
  ws.addRow([]);
  ws.addRow([SCORING_TITLE]).font = { bold: true };
  ws.addRow(SCORING_HEADER).font = { italic: true };
  for (const s of q.leafScoring) {
    const row = ws.addRow([s.leafCode, FORMULA_WORDS[s.formula.type][0], null, s.minAnswers, FALLBACK_WORDS[s.fallback][0]]);
    if (s.formula.type === 'share_at_least') writeDecimal(row.getCell(3), s.formula.threshold);
  }
  if (q.sipas) {
    ws.addRow([]);
    ws.addRow([FACTORS_TITLE]).font = { bold: true };
    ws.addRow(FACTORS_HEADER).font = { italic: true };
    for (const f of q.sipas.factors) {
      const row = ws.addRow([f.code, f.name]);
      if (f.weight !== undefined) writeDecimal(row.getCell(3), f.weight);
    }
  }
}

/** Writes the respondent groups, one per row. */
export function writeGroupsSheet(wb: ExcelJS.Workbook, q: Questionnaire): void {
  const ws = wb.addWorksheet(GROUPS_SHEET);
  [16, 50, 60].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  ws.getColumn(1).numFmt = '@';
  ws.addRow(GROUPS_HEADER).font = { bold: true };
  for (const g of q.respondentGroups) ws.addRow([g.code, g.name, g.description ?? null]);
}

const SCALAR_BY_LABEL = new Map((Object.entries(INFO_LABEL) as [Scalar, string][]).map(([k, l]) => [norm(l), k]));
type InfoPart = Pick<QuestionnaireInput, 'code' | 'year' | 'title' | 'kind' | 'description' | 'leafScoring' | 'sipas'>;

/** Reads the "Thông tin" sheet; every unreadable item is an issue naming its row and column. */
export function readInfoSheet(ws: ExcelJS.Worksheet): { info: Partial<InfoPart>; identified: boolean; rows: InfoRows; issues: Issue[] } {
  const issues: Issue[] = [];
  const rows: InfoRows = { scalar: {}, scoring: [], factors: [] };
  const say = (row: number | undefined, column: string, message: string) => issues.push(sheetIssue(INFO_SHEET, row, column, message));
  const raw: Partial<Record<Scalar, ExcelJS.CellValue>> = {};
  const leafScoring: LeafSurveyScoringInput[] = [];
  const factors: NonNullable<SipasSettingsInput['factors']> = [];
  let mode: 'scalar' | 'scoring' | 'factors' = 'scalar';
  let sawFactors = false;
  const word = <T extends string>(vocab: Vocabulary<T>, t: string, row: number, column: string): T | undefined => {
    const v = lookup(vocab, t);
    if (!v) say(row, column, `'${clip(t, 60)}' không hợp lệ; ghi ${choices(vocab)}.`);
    return v;
  };

  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = [1, 2, 3, 4, 5].map((c) => row.getCell(c).value);
    const text = cells.map((v) => cellText(v).trim());
    const n = norm(text[0]);
    if (text.every((t) => t === '')) continue;
    if (n === norm(SCORING_TITLE)) { mode = 'scoring'; continue; }
    if (n === norm(FACTORS_TITLE)) { mode = 'factors'; sawFactors = true; continue; }
    if (mode === 'scalar') {
      const key = SCALAR_BY_LABEL.get(n);
      if (key) { raw[key] = cells[1]; rows.scalar[key] = r; }
      else if (!['thông tin phiếu khảo sát', 'mục'].includes(n)) say(r, 'Mục', `mục '${clip(text[0], 60)}' không có trong mẫu; các mục: ${Object.values(INFO_LABEL).join(', ')}.`);
    } else if (mode === 'scoring') {
      if (n === norm(SCORING_HEADER[0])) continue;
      const [leafCode, formulaText, , , fallbackText] = text;
      if (!leafCode) say(r, SCORING_HEADER[0], 'thiếu mã tiêu chí.');
      const type = formulaText ? word(FORMULA_WORDS, formulaText, r, SCORING_HEADER[1]) : 'mean_weight';
      const s: LeafSurveyScoringInput = { leafCode };
      if (type === 'share_at_least') {
        const t = readDecimalCell(cells[2]);
        if (t.kind === 'ok' && !t.value.startsWith('-') && Number(t.value) <= 100) s.formula = { type, threshold: t.value };
        else say(r, SCORING_HEADER[2], t.kind === 'empty' ? 'công thức tỷ lệ đạt ngưỡng cần ngưỡng trọng số (%).' : `'${clip(text[2], 60)}' phải là số từ 0 đến 100 (%).`);
      } else if (type) s.formula = { type };
      if (text[3]) {
        const m = readDecimalCell(cells[3], 0);
        if (m.kind === 'ok' && Number(m.value) >= 1) s.minAnswers = Number(m.value);
        else say(r, SCORING_HEADER[3], `'${clip(text[3], 60)}' phải là số nguyên từ 1 trở lên.`);
      }
      if (fallbackText) {
        const f = word(FALLBACK_WORDS, fallbackText, r, SCORING_HEADER[4]);
        if (f) s.fallback = f;
      }
      leafScoring.push(s);
      rows.scoring.push(r);
    } else {
      if (n === norm(FACTORS_HEADER[0])) continue;
      const f: (typeof factors)[number] = { code: text[0], name: text[1] };
      if (!text[0]) say(r, FACTORS_HEADER[0], 'thiếu mã yếu tố.');
      if (!text[1]) say(r, FACTORS_HEADER[1], `thiếu tên yếu tố '${clip(text[0], 60)}'.`);
      const w = readDecimalCell(cells[2]);
      if (w.kind === 'ok' && !w.value.startsWith('-') && Number(w.value) <= 100) f.weight = w.value;
      else if (w.kind !== 'empty') say(r, FACTORS_HEADER[2], `'${clip(text[2], 60)}' phải là số từ 0 đến 100 (%).`);
      factors.push(f);
      rows.factors.push(r);
    }
  }

  const text = (key: Scalar) => cellText(raw[key]).trim();
  const need = (key: Scalar) => {
    if (!text(key)) say(rows.scalar[key], INFO_LABEL[key], 'chưa có giá trị.');
    return text(key);
  };
  const info: Partial<InfoPart> = { code: need('code'), title: need('title'), leafScoring };
  if (need('year')) {
    const y = readDecimalCell(raw.year, 0);
    if (y.kind === 'ok' && Number(y.value) >= 2000 && Number(y.value) <= 2100) info.year = Number(y.value);
    else say(rows.scalar.year, INFO_LABEL.year, `'${clip(text('year'), 60)}' phải là năm từ 2000 đến 2100.`);
  }
  if (need('kind')) info.kind = word(KIND_WORDS, text('kind'), rows.scalar.kind!, INFO_LABEL.kind);
  if (text('description')) info.description = text('description');
  // An older workbook without the row is an anonymous survey, as before.
  const identified = text('identified') ? word(YES_NO_WORDS, text('identified'), rows.scalar.identified!, INFO_LABEL.identified) === 'yes' : false;
  if (sawFactors || SIPAS_SCALARS.some((k) => text(k))) {
    const sipas: SipasSettingsInput = {};
    if (factors.length) sipas.factors = factors;
    if (text('satisfiedLevels')) {
      const levels = splitList(text('satisfiedLevels')).map(Number);
      if (levels.length && levels.every((l) => Number.isInteger(l) && l >= 1 && l <= 10)) sipas.satisfiedLevels = levels;
      else say(rows.scalar.satisfiedLevels, INFO_LABEL.satisfiedLevels, `'${clip(text('satisfiedLevels'), 60)}' phải là các mức từ 1 đến 10, cách nhau bằng dấu chấm phẩy (ví dụ 4; 5).`);
    }
    if (text('factorIndex')) sipas.factorIndex = word(FACTOR_INDEX_WORDS, text('factorIndex'), rows.scalar.factorIndex!, INFO_LABEL.factorIndex);
    if (text('overall')) sipas.overall = word(OVERALL_WORDS, text('overall'), rows.scalar.overall!, INFO_LABEL.overall);
    info.sipas = sipas;
  }
  return { info, identified, rows, issues };
}

/** Reads the respondent groups; a missing "Mã nhóm" or "Tên nhóm" column is an issue. */
export function readGroupsSheet(ws: ExcelJS.Worksheet): { groups: QuestionnaireInput['respondentGroups']; rows: number[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const groups: QuestionnaireInput['respondentGroups'] = [];
  const rows: number[] = [];
  let header = 0;
  const col = new Map<string, number>();
  for (let r = 1; r <= Math.min(ws.rowCount, 5) && !header; r++) {
    ws.getRow(r).eachCell((cell, c) => {
      const n = norm(cellText(cell.value));
      const h = GROUPS_HEADER.find((x) => norm(x) === n);
      if (h) col.set(h, c);
    });
    if (col.size >= 1) header = r;
  }
  const missing = GROUPS_HEADER.slice(0, 2).filter((h) => !col.has(h));
  for (const h of missing) issues.push(sheetIssue(GROUPS_SHEET, header || 1, h, 'thiếu cột bắt buộc.'));
  if (missing.length) return { groups, rows, issues };
  for (let r = header + 1; r <= ws.rowCount; r++) {
    const get = (h: string) => (col.has(h) ? cellText(ws.getRow(r).getCell(col.get(h)!).value).trim() : '');
    const [code, name, description] = GROUPS_HEADER.map(get);
    if (!code && !name && !description) continue;
    if (!code) issues.push(sheetIssue(GROUPS_SHEET, r, GROUPS_HEADER[0], 'thiếu mã nhóm.'));
    if (!name) issues.push(sheetIssue(GROUPS_SHEET, r, GROUPS_HEADER[1], `thiếu tên của nhóm '${clip(code, 60)}'.`));
    groups.push({ code, name, ...(description && { description }) });
    rows.push(r);
  }
  if (groups.length === 0 && issues.length === 0) issues.push(sheetIssue(GROUPS_SHEET, undefined, undefined, 'chưa có nhóm đối tượng nào.'));
  return { groups, rows, issues };
}
