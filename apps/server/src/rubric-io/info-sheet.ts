import type ExcelJS from 'exceljs';
import type { Issue, RubricDocument } from '@parindex/contracts';
import { clip } from '../io/clip.ts';
import { cellText, choices, lookup, norm, readDecimalCell, writeDecimal, type Vocabulary } from './sheet-cells.ts';

/** The second sheet: the rubric's own data, one key per row, then the bands and the peer groups. */
export const INFO_SHEET = 'Thông tin';

type ScalarKey = 'code' | 'name' | 'year' | 'unitKinds' | 'basis' | 'ties' | 'pointDecimals' | 'evidencePolicy' | 'bonusCap' | 'deductionCap';

/** Row labels; also what messages call each item. */
export const INFO_LABEL: Record<ScalarKey, string> = {
  code: 'Mã bộ chỉ số',
  name: 'Tên bộ chỉ số',
  year: 'Năm đánh giá',
  unitKinds: 'Đối tượng đánh giá',
  basis: 'Căn cứ ban hành',
  ties: 'Xử lý đồng hạng',
  pointDecimals: 'Số chữ số thập phân khi tính điểm',
  evidencePolicy: 'Khi thiếu tài liệu kiểm chứng',
  bonusCap: 'Điểm thưởng tối đa',
  deductionCap: 'Điểm trừ tối đa',
};
const BANDS_TITLE = 'Xếp loại theo chỉ số';
const BANDS_HEADER = ['Tên xếp loại', 'Chỉ số từ (%)'];
const GROUPS_TITLE = 'Nhóm đơn vị xếp hạng';
const GROUPS_HEADER = ['Mã nhóm', 'Tên nhóm'];

const UNIT_KIND_WORDS: Vocabulary<RubricDocument['unitKinds'][number]> = {
  department: ['Sở, ban, ngành'],
  special_department: ['Cơ quan đặc thù'],
  commune: ['Xã, phường, đặc khu'],
  district: ['Huyện, thị xã, thành phố'],
};
const EVIDENCE_WORDS: Vocabulary<'zero' | 'explanation'> = {
  zero: ['Chấm 0 điểm'],
  explanation: ['Chấp nhận giải trình bằng văn bản', 'Chấp nhận giải trình'],
};
const TIE_KEY_WORDS: Vocabulary<'appraised' | 'survey' | 'total'> = {
  appraised: ['điểm thẩm định', 'điểm tự đánh giá'],
  survey: ['điểm điều tra XHH', 'điểm điều tra xã hội học'],
  total: ['tổng điểm'],
};
const SHARED_TIES = 'Đồng hạng (1, 2, 2, 4)';
const ORDERED_TIES = 'Xét lần lượt:';

/** Where each item of the Thông tin sheet was read, so later problems can name the row. */
export interface InfoRows {
  scalar: Partial<Record<ScalarKey, number>>;
  bands: number[];
  groups: number[];
}

export interface InfoRead {
  info: Omit<RubricDocument, 'fields'>;
  rows: InfoRows;
  issues: Issue[];
}

/** Writes the key/value rows, then the bands and the peer groups as small tables. */
export function writeInfoSheet(wb: ExcelJS.Workbook, doc: RubricDocument): void {
  const ws = wb.addWorksheet(INFO_SHEET);
  ws.getColumn(1).width = 36;
  ws.getColumn(2).width = 70;
  ws.addRow(['THÔNG TIN BỘ CHỈ SỐ']).font = { bold: true, size: 13 };
  ws.addRow(['Mục', 'Giá trị']).font = { bold: true };
  const s = doc.settings;
  const put = (key: ScalarKey, value: string | number | undefined, decimal = false) => {
    const row = ws.addRow([INFO_LABEL[key]]);
    if (value === undefined) return;
    if (decimal) writeDecimal(row.getCell(2), String(value));
    else row.getCell(2).value = value;
    row.getCell(2).alignment = { wrapText: true, horizontal: 'left' };
  };
  put('code', doc.code);
  put('name', doc.name);
  put('year', doc.year);
  put('unitKinds', doc.unitKinds.map((k) => UNIT_KIND_WORDS[k][0]).join('; '));
  put('basis', doc.basis);
  put('ties', s.ties.mode === 'shared' ? SHARED_TIES : `${ORDERED_TIES} ${s.ties.keys.map((k) => TIE_KEY_WORDS[k][0]).join('; ')}`);
  put('pointDecimals', s.pointDecimals);
  put('evidencePolicy', EVIDENCE_WORDS[s.evidencePolicy][0]);
  put('bonusCap', s.bonusCap, true);
  put('deductionCap', s.deductionCap, true);
  ws.addRow([]);
  ws.addRow([BANDS_TITLE]).font = { bold: true };
  ws.addRow(BANDS_HEADER).font = { italic: true };
  for (const b of s.bands) writeDecimal(ws.addRow([b.label, 0]).getCell(2), b.min);
  ws.addRow([]);
  ws.addRow([GROUPS_TITLE]).font = { bold: true };
  ws.addRow(GROUPS_HEADER).font = { italic: true };
  for (const g of doc.peerGroups) ws.addRow([g.code, g.name]);
}

const SCALAR_BY_LABEL = new Map((Object.entries(INFO_LABEL) as [ScalarKey, string][]).map(([k, l]) => [norm(l), k]));

/** Reads the Thông tin sheet; every unreadable item becomes an issue naming its row. */
export function readInfoSheet(ws: ExcelJS.Worksheet): InfoRead {
  const issues: Issue[] = [];
  const rows: InfoRows = { scalar: {}, bands: [], groups: [] };
  const say = (row: number | undefined, field: string, message: string) =>
    issues.push({ ...(row !== undefined && { row }), field, message: `Trang '${INFO_SHEET}'${row !== undefined ? `, dòng ${row}` : ''} (${field}): ${message}` });
  const raw: Partial<Record<ScalarKey, ExcelJS.CellValue>> = {};
  const bands: { label: string; min: string }[] = [];
  const groups: { code: string; name: string }[] = [];
  let mode: 'scalar' | 'bands' | 'groups' = 'scalar';

  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const a = cellText(row.getCell(1).value).trim();
    const b = row.getCell(2).value;
    const bText = cellText(b).trim();
    const n = norm(a);
    if (!a && !bText) continue;
    if (n === norm(BANDS_TITLE)) { mode = 'bands'; continue; }
    if (n === norm(GROUPS_TITLE)) { mode = 'groups'; continue; }
    if (mode === 'scalar') {
      const key = SCALAR_BY_LABEL.get(n);
      if (key) { raw[key] = b; rows.scalar[key] = r; }
      else if (!['thông tin bộ chỉ số', 'mục'].includes(n)) say(r, clip(a, 60), `mục '${clip(a, 60)}' không có trong mẫu; các mục: ${Object.values(INFO_LABEL).join(', ')}.`);
    } else if (mode === 'bands') {
      if (n === norm(BANDS_HEADER[0])) continue;
      const min = readDecimalCell(b);
      if (!a) say(r, BANDS_HEADER[0], 'thiếu tên xếp loại.');
      if (min.kind !== 'ok') say(r, BANDS_HEADER[1], min.kind === 'empty' ? `thiếu ngưỡng chỉ số của xếp loại '${clip(a, 60)}'.` : `${min.message}.`);
      bands.push({ label: a, min: min.kind === 'ok' ? min.value : '' });
      rows.bands.push(r);
    } else {
      if (n === norm(GROUPS_HEADER[0])) continue;
      if (!a) say(r, GROUPS_HEADER[0], 'thiếu mã nhóm.');
      if (!bText) say(r, GROUPS_HEADER[1], `thiếu tên của nhóm '${clip(a, 60)}'.`);
      groups.push({ code: a, name: bText });
      rows.groups.push(r);
    }
  }

  const text = (key: ScalarKey) => cellText(raw[key]).trim();
  const need = (key: ScalarKey) => {
    if (text(key) === '') say(rows.scalar[key], INFO_LABEL[key], 'chưa có giá trị.');
    return text(key);
  };
  const integer = (key: ScalarKey, min: number, max: number): number | undefined => {
    const t = text(key);
    if (t === '') return undefined;
    const v = readDecimalCell(raw[key], 0);
    if (v.kind === 'ok' && Number(v.value) >= min && Number(v.value) <= max) return Number(v.value);
    say(rows.scalar[key], INFO_LABEL[key], `'${clip(t, 40)}' phải là số nguyên từ ${min} đến ${max}.`);
    return undefined;
  };
  const word = <T extends string>(key: ScalarKey, vocab: Vocabulary<T>, t: string): T | undefined => {
    const v = lookup(vocab, t);
    if (!v) say(rows.scalar[key], INFO_LABEL[key], `'${clip(t, 60)}' không hợp lệ; ghi ${choices(vocab)}.`);
    return v;
  };

  const info: Record<string, unknown> = { code: need('code'), name: need('name') };
  if (need('year')) info.year = integer('year', 2000, 2100);
  const kinds = need('unitKinds').split(/[;\n]/).map((t) => t.trim()).filter(Boolean);
  const unknownKinds = kinds.filter((t) => !lookup(UNIT_KIND_WORDS, t));
  if (unknownKinds.length > 0) {
    say(rows.scalar.unitKinds, INFO_LABEL.unitKinds, `'${clip(unknownKinds.join("', '"), 120)}' không hợp lệ; ghi một hoặc nhiều giá trị ${choices(UNIT_KIND_WORDS)}, cách nhau bằng dấu chấm phẩy.`);
  }
  info.unitKinds = kinds.map((t) => lookup(UNIT_KIND_WORDS, t));
  if (text('basis')) info.basis = text('basis');
  const settings: Record<string, unknown> = { bands, ties: readTies(need('ties'), (m) => say(rows.scalar.ties, INFO_LABEL.ties, m)) };
  if (text('pointDecimals')) settings.pointDecimals = integer('pointDecimals', 0, 3);
  if (text('evidencePolicy')) settings.evidencePolicy = word('evidencePolicy', EVIDENCE_WORDS, text('evidencePolicy'));
  for (const key of ['bonusCap', 'deductionCap'] as const) {
    const v = readDecimalCell(raw[key]);
    if (v.kind === 'ok') settings[key] = v.value;
    else if (v.kind === 'bad') say(rows.scalar[key], INFO_LABEL[key], `${v.message}.`);
  }
  info.settings = settings;
  info.peerGroups = groups;
  if (bands.length === 0) say(undefined, BANDS_TITLE, `chưa có mức xếp loại nào: thêm mục '${BANDS_TITLE}' với các dòng '${BANDS_HEADER.join(' | ')}'.`);
  if (groups.length === 0) say(undefined, GROUPS_TITLE, `chưa có nhóm đơn vị nào: thêm mục '${GROUPS_TITLE}' với các dòng '${GROUPS_HEADER.join(' | ')}'.`);
  return { info: info as Omit<RubricDocument, 'fields'>, rows, issues };
}

/** "Đồng hạng (1, 2, 2, 4)" or "Xét lần lượt: điểm thẩm định; điểm điều tra XHH; tổng điểm". */
function readTies(t: string, fail: (message: string) => void): RubricDocument['settings']['ties'] | undefined {
  if (!t) return undefined;
  const n = norm(t);
  if (n.startsWith('đồng hạng')) return { mode: 'shared' };
  if (n.startsWith(norm(ORDERED_TIES))) {
    const parts = t.slice(t.indexOf(':') + 1).split(/[;,\n]/).map((p) => p.trim()).filter(Boolean);
    const keys = parts.map((p) => lookup(TIE_KEY_WORDS, p));
    const bad = parts.filter((_, i) => !keys[i]);
    if (bad.length === 0 && keys.length > 0) return { mode: 'ordered', keys: keys as ('appraised' | 'survey' | 'total')[] };
    fail(`không hiểu tiêu chí xét đồng hạng '${clip(bad.join("', '") || t, 120)}'; dùng ${choices(TIE_KEY_WORDS)}.`);
    return undefined;
  }
  fail(`'${clip(t, 60)}' không hợp lệ; ghi '${SHARED_TIES}' hoặc '${ORDERED_TIES} ${Object.values(TIE_KEY_WORDS).map((w) => w[0]).join('; ')}'.`);
  return undefined;
}
