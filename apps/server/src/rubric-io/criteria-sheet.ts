import type ExcelJS from 'exceljs';
import type { Issue, RubricDocument, RubricNode } from '@parindex/contracts';
import { Decimal } from 'decimal.js';
import { clip } from '../io/clip.ts';
import { formatMethod, parseMethod } from './method-notation.ts';
import {
  EFFECT_WORDS, SOURCE_WORDS, YES_NO_WORDS, CELL_BORDER, cellText, choices, findHeaderRow, isBlankRow, lookup, norm, readDecimalCell, sttFor, writeDecimal, writeHeaderRow,
} from './sheet-cells.ts';

/** The main sheet (bảng tiêu chí), laid out like the annex of a rubric decision. */
export const CRITERIA_SHEET = 'Bộ tiêu chí';

export type ColumnKey = 'stt' | 'code' | 'title' | 'max' | 'method' | 'evidence' | 'source' | 'effect' | 'appliesTo' | 'evidenceRequired';

interface Column { key: ColumnKey; name: string; header: string; aliases: string[]; required: boolean; width: number }

/** Columns in the order written. `name` is what messages call the column; headers are matched by name or alias. */
export const COLUMNS: Column[] = [
  { key: 'stt', name: 'STT', header: 'STT', aliases: ['TT', 'Số TT'], required: false, width: 6 },
  { key: 'code', name: 'Mã', header: 'Mã', aliases: ['Mã số', 'Mã tiêu chí'], required: true, width: 10 },
  { key: 'title', name: 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', header: 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', aliases: ['Nội dung', 'Lĩnh vực, tiêu chí, tiêu chí thành phần', 'Tiêu chí'], required: true, width: 55 },
  { key: 'max', name: 'Điểm tối đa', header: 'Điểm tối đa', aliases: ['Điểm chuẩn', 'Thang điểm'], required: true, width: 10 },
  { key: 'method', name: 'Phương pháp chấm điểm', header: 'Phương pháp chấm điểm', aliases: ['Cách chấm điểm', 'Hướng dẫn chấm điểm'], required: true, width: 55 },
  { key: 'evidence', name: 'Tài liệu kiểm chứng', header: 'Tài liệu kiểm chứng', aliases: [], required: false, width: 40 },
  { key: 'source', name: 'Nguồn điểm', header: 'Nguồn điểm (Tự đánh giá / Điều tra XHH)', aliases: [], required: true, width: 16 },
  { key: 'effect', name: 'Loại điểm', header: 'Loại điểm (Điểm / Thưởng / Trừ)', aliases: [], required: false, width: 12 },
  { key: 'appliesTo', name: 'Áp dụng cho nhóm', header: 'Áp dụng cho nhóm (mã nhóm; để trống = mọi nhóm)', aliases: [], required: false, width: 18 },
  { key: 'evidenceRequired', name: 'Bắt buộc có tài liệu kiểm chứng', header: 'Bắt buộc có tài liệu kiểm chứng (Có/Không)', aliases: ['Bắt buộc có TLKC'], required: false, width: 14 },
];
export const COLUMN_NAME = Object.fromEntries(COLUMNS.map((c) => [c.key, c.name])) as Record<ColumnKey, string>;
const HEADER_ROW = 3;

/** Writes the annex table: title, header, one row per node in tree order (fields bold), and the total. */
export function writeCriteriaSheet(wb: ExcelJS.Workbook, doc: RubricDocument): void {
  const ws = wb.addWorksheet(CRITERIA_SHEET, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  COLUMNS.forEach((c, i) => { ws.getColumn(i + 1).width = c.width; });
  ws.getColumn(2).numFmt = '@'; // codes stay text: "3.10" must not become the number 3.1
  const last = COLUMNS.length;
  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = `Phụ lục: BỘ TIÊU CHÍ ĐÁNH GIÁ, XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH — ${doc.name}`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', wrapText: true };
  ws.getRow(1).height = 36;
  ws.mergeCells(2, 1, 2, last);
  if (doc.basis) ws.getCell(2, 1).value = `(Kèm theo ${doc.basis})`;
  ws.getCell(2, 1).font = { italic: true };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };

  writeHeaderRow(ws.getRow(HEADER_ROW), COLUMNS.map((c) => c.header));

  let r = HEADER_ROW;
  const walk = (node: RubricNode, depth: number, index: number) => {
    const row = ws.getRow(++r);
    const at = (key: ColumnKey) => row.getCell(COLUMNS.findIndex((c) => c.key === key) + 1);
    at('stt').value = sttFor(depth, index);
    at('code').value = node.code;
    at('title').value = node.title;
    at('title').alignment = { wrapText: true, vertical: 'top', indent: Math.min(depth - 1, 4) };
    writeDecimal(at('max'), node.max);
    const method = formatMethod(node);
    if (method) at('method').value = method;
    if (node.evidence !== undefined) at('evidence').value = node.evidence;
    if (node.source) at('source').value = SOURCE_WORDS[node.source][0];
    if (node.effect) at('effect').value = EFFECT_WORDS[node.effect][0];
    if (node.appliesTo) at('appliesTo').value = node.appliesTo.join(', ');
    if (node.evidenceRequired !== undefined) at('evidenceRequired').value = YES_NO_WORDS[node.evidenceRequired ? 'yes' : 'no'][0];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = CELL_BORDER;
      if (col !== 3) cell.alignment = { wrapText: true, vertical: 'top', horizontal: col === 1 || col === 4 ? 'center' : undefined };
    });
    if (depth <= 2) row.font = { bold: true };
    node.children?.forEach((c, i) => walk(c, depth + 1, i));
  };
  doc.fields.forEach((f, i) => walk(f, 1, i));

  const total = ws.getRow(++r);
  total.getCell(3).value = 'TỔNG CỘNG (không kể điểm thưởng, điểm trừ)';
  writeDecimal(total.getCell(4), doc.fields.reduce((s, f) => s.plus(f.max), new Decimal(0)).toFixed());
  total.font = { bold: true };
  for (let c = 1; c <= last; c++) total.getCell(c).border = CELL_BORDER;
}

/** What was read from the main sheet: the tree, the row of each code, and every problem found. */
export interface CriteriaRead {
  fields: RubricNode[];
  rowOf: Map<string, number>;
  issues: Issue[];
}

/** "Dòng 12, cột Điểm tối đa: …" with row and column set on the issue. */
export function cellIssue(row: number, key: ColumnKey, message: string): Issue {
  const field = COLUMN_NAME[key];
  return { row, field, message: `Dòng ${row}, cột ${field}: ${message}` };
}

const CODE = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/;
/** Codes are quoted in many messages (here and in the rubric's validation): a longer one is refused first. */
const CODE_MAX = 40;

/** Finds the header row among the first rows: the one where at least three cells are known column names. */
const findHeader = (ws: ExcelJS.Worksheet) =>
  findHeaderRow(ws, COLUMNS.map((c) => ({ key: c.key, names: [c.name, c.header, ...c.aliases] })), { minKnown: 3, searchRows: 15 });

/** Reads the main sheet into a tree. The Mã column is the authority: the parent of 3.2.1 is 3.2. */
export function readCriteriaSheet(ws: ExcelJS.Worksheet): CriteriaRead {
  const issues: Issue[] = [];
  const rowOf = new Map<string, number>();
  const header = findHeader(ws);
  if (!header) {
    const empty = ws.rowCount === 0 || Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1)).every(isBlankRow);
    issues.push({
      message: empty
        ? `Trang '${ws.name}' trống: chưa có dòng tiêu đề cột và tiêu chí nào.`
        : `Trang '${ws.name}': không tìm thấy dòng tiêu đề cột (${COLUMNS.map((c) => c.name).join(' | ')}).`,
    });
    return { fields: [], rowOf, issues };
  }
  const missing = COLUMNS.filter((c) => c.required && !header.colOf.has(c.key));
  for (const c of missing) {
    issues.push({ row: header.row, field: c.name, message: `Dòng ${header.row}: thiếu cột bắt buộc "${c.name}".` });
  }
  if (missing.length > 0) return { fields: [], rowOf, issues };

  const entries: { node: RubricNode; row: number }[] = [];
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (isBlankRow(row)) continue;
    const raw = (key: ColumnKey) => (header.colOf.has(key) ? row.getCell(header.colOf.get(key)!).value : null);
    const text = (key: ColumnKey) => cellText(raw(key)).trim();
    const code = text('code');
    const title = text('title');
    if (!code && norm(title).startsWith('tổng')) continue; // the total row
    const node = readRow(r, code, title, raw, text, issues);
    if (!node) continue;
    const first = rowOf.get(node.code);
    if (first !== undefined) {
      issues.push(cellIssue(r, 'code', `mã ${node.code} trùng với mã ở dòng ${first}; mỗi tiêu chí phải có một mã riêng.`));
      continue;
    }
    rowOf.set(node.code, r);
    entries.push({ node, row: r });
  }
  if (entries.length === 0 && issues.length === 0) {
    issues.push({ row: header.row, message: `Trang '${ws.name}' chưa có tiêu chí nào dưới dòng tiêu đề (dòng ${header.row}).` });
  }

  const byCode = new Map(entries.map((e) => [e.node.code, e.node]));
  const fields: RubricNode[] = [];
  for (const { node, row } of entries) {
    const dot = node.code.lastIndexOf('.');
    if (dot < 0) { fields.push(node); continue; }
    const parentCode = node.code.slice(0, dot);
    const parent = byCode.get(parentCode);
    if (!parent) {
      issues.push(cellIssue(row, 'code', `không có tiêu chí cha ${parentCode} của ${node.code}: thêm dòng có mã ${parentCode} hoặc sửa mã.`));
      continue;
    }
    (parent.children ??= []).push(node);
  }
  return { fields, rowOf, issues };
}

/** One row into a node; undefined when the row cannot be placed in the tree (no usable code). */
function readRow(
  r: number,
  code: string,
  title: string,
  raw: (key: ColumnKey) => ExcelJS.CellValue,
  text: (key: ColumnKey) => string,
  issues: Issue[],
): RubricNode | undefined {
  if (!code) {
    issues.push(cellIssue(r, 'code', 'thiếu mã (ví dụ 3.2.1); mã quyết định vị trí của tiêu chí trong cây.'));
    return undefined;
  }
  if (!CODE.test(code)) {
    issues.push(cellIssue(r, 'code', `mã '${clip(code, CODE_MAX)}' không hợp lệ: chỉ gồm chữ, số và dấu chấm, ví dụ 3.2.1.`));
    return undefined;
  }
  if (code.length > CODE_MAX) {
    issues.push(cellIssue(r, 'code', `mã '${clip(code, CODE_MAX)}' dài ${code.length} ký tự; mã tiêu chí tối đa ${CODE_MAX} ký tự, ví dụ 3.2.1.`));
    return undefined;
  }
  if (!title) issues.push(cellIssue(r, 'title', `thiếu nội dung của ${code}.`));
  const node: RubricNode = { code, title, max: '' };
  const max = readDecimalCell(raw('max'));
  if (max.kind === 'ok') node.max = max.value;
  else issues.push(cellIssue(r, 'max', max.kind === 'empty' ? 'chưa có điểm tối đa.' : `${max.message}.`));

  const method = text('method');
  if (method) {
    const parsed = parseMethod(method);
    if (!parsed.ok) issues.push(cellIssue(r, 'method', parsed.message));
    else {
      if (parsed.rule) node.rule = parsed.rule;
      if (parsed.conditions) node.conditions = parsed.conditions;
    }
  }
  const evidence = text('evidence');
  if (evidence) node.evidence = evidence;
  const vocab = <T extends string>(key: ColumnKey, words: Record<T, readonly string[]>, set: (v: T) => void) => {
    const t = text(key);
    if (!t) return;
    const v = lookup(words, t);
    if (v) set(v);
    else issues.push(cellIssue(r, key, `'${clip(t, 60)}' không hợp lệ; ghi ${choices(words)}.`));
  };
  vocab('source', SOURCE_WORDS, (v) => { node.source = v; });
  vocab('effect', EFFECT_WORDS, (v) => { node.effect = v; });
  vocab('evidenceRequired', YES_NO_WORDS, (v) => { node.evidenceRequired = v === 'yes'; });
  const groups = text('appliesTo');
  if (groups) node.appliesTo = groups.split(/[,;\n]/).map((g) => g.trim()).filter(Boolean);
  return node;
}
