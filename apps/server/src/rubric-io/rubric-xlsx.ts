import ExcelJS from 'exceljs';
import { AppError, Limits, type Issue, type RubricDocument } from '@parindex/contracts';
import { validateRubric, type RubricProblem } from '@parindex/engine';
import { clipIssues } from '../io/clip.ts';
import { assertSafeZip, type ZipLimits } from '../io/zip-guard.ts';
import { CRITERIA_SHEET, cellIssue, readCriteriaSheet, writeCriteriaSheet, type ColumnKey } from './criteria-sheet.ts';
import { INFO_LABEL, INFO_SHEET, readInfoSheet, writeInfoSheet, type InfoRows } from './info-sheet.ts';
import { checkRubricSchema, nodeAtPath } from './rubric-schema-check.ts';
import { sheetSizeIssue } from './sheet-cells.ts';

const MB = 1024 * 1024;
/**
 * A rubric workbook holds a few hundred rows (an annex of 100–300 criteria is well under 1 MB of
 * sheet XML): limits far below ZIP_LIMITS, since ExcelJS loads it whole.
 */
const RUBRIC_ZIP_LIMITS: Partial<ZipLimits> = { maxWorksheetBytes: 20 * MB, maxTotalBytes: 40 * MB };
const NOT_XLSX = 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Hãy lưu lại tệp dưới dạng "Excel Workbook (.xlsx)" rồi tải lên lại.';
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Rows of a sheet of the rubric workbook: criteria, bands and peer groups. */
const RUBRIC_SHEET_ROWS = 5_000;

/** The result of reading a rubric file: the whole document, or every problem found — never a partial document. */
export type RubricImport = { ok: true; doc: RubricDocument } | { ok: false; issues: Issue[] };

/** Writes a rubric as the annex table Vietnamese provinces issue ("Bộ tiêu chí") plus a "Thông tin" sheet. */
export async function exportRubricXlsx(doc: RubricDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParIndex';
  writeCriteriaSheet(wb, doc);
  writeInfoSheet(wb, doc);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads a rubric workbook: both sheets cell by cell, then the assembled document through
 * validateRubric and the contract's schema. Every problem names its row and column.
 */
export async function importRubricXlsx(buf: Buffer): Promise<RubricImport> {
  const unsafe = await unsafeWorkbook(buf);
  if (unsafe) return { ok: false, issues: [unsafe] };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, issues: [{ message: NOT_XLSX }] };
  }
  const main = wb.getWorksheet(CRITERIA_SHEET) ?? wb.worksheets.find((ws) => ws.name !== INFO_SHEET);
  const infoWs = wb.getWorksheet(INFO_SHEET);
  if (!main) {
    return { ok: false, issues: [{ message: `Bảng tính trống: không có trang '${CRITERIA_SHEET}' chứa các tiêu chí (và trang '${INFO_SHEET}' chứa mã, tên, năm của bộ chỉ số).` }] };
  }

  const tooLarge = [main, infoWs].flatMap((ws) => (ws ? (sheetSizeIssue(ws, RUBRIC_SHEET_ROWS) ?? []) : []));
  if (tooLarge.length > 0) return { ok: false, issues: tooLarge };

  const criteria = readCriteriaSheet(main);
  const issues: Issue[] = [...criteria.issues];
  const info = infoWs ? readInfoSheet(infoWs) : undefined;
  if (info) issues.push(...info.issues);
  else issues.push({ message: `Thiếu trang '${INFO_SHEET}' (mã, tên, năm, xếp loại và nhóm đơn vị của bộ chỉ số).` });
  if (!info || criteria.fields.length === 0) return { ok: false, issues: clipIssues(issues) };

  const assembled = { ...info.info, fields: criteria.fields } as RubricDocument;
  const place = placer(criteria.rowOf, info.rows);
  const add = (issue: Issue) => {
    if (!issues.some((i) => i.row === issue.row && i.field === issue.field)) issues.push(issue);
  };
  for (const p of validateRubric(assembled)) add(place(p));
  const schema = checkRubricSchema(assembled);
  if (!schema.ok) {
    for (const s of schema.issues) {
      if (s.path[0] === 'fields') {
        const { code, rest } = nodeAtPath(assembled.fields, s.path);
        add(place({ nodeCode: code, field: rest.map(String).join('.'), message: s.message }));
      } else {
        add(place({ field: s.pathText, message: s.message }));
      }
    }
  }
  if (issues.length > 0 || !schema.ok) return { ok: false, issues: clipIssues(issues) };
  return { ok: true, doc: schema.doc };
}

/** Why the bytes cannot be opened as a workbook without risk, checked before ExcelJS inflates anything. */
async function unsafeWorkbook(buf: Buffer): Promise<Issue | undefined> {
  if (buf.length > Limits.importFileBytes) {
    return { message: `Tệp quá lớn (${Math.ceil(buf.length / 1048576)} MB); giới hạn ${Limits.importFileBytes / 1048576} MB.` };
  }
  if (!buf.subarray(0, 4).equals(ZIP_MAGIC)) return { message: NOT_XLSX };
  try {
    await assertSafeZip(buf, 'Tệp bộ chỉ số (.xlsx)', RUBRIC_ZIP_LIMITS);
    return undefined;
  } catch (e) {
    if (e instanceof AppError) return { message: e.message };
    throw e;
  }
}

/** The column a node property is shown in. */
function columnOf(field: string | undefined): ColumnKey {
  const head = (field ?? '').split(/[.[]/)[0];
  const map: Record<string, ColumnKey> = {
    code: 'code', title: 'title', max: 'max', children: 'max', rule: 'method', conditions: 'method', source: 'source', effect: 'effect',
    appliesTo: 'appliesTo', evidence: 'evidence', evidenceRequired: 'evidenceRequired',
  };
  return map[head] ?? 'code';
}

/** Turns a problem located in the document (node code or document path) into an issue on a sheet row. */
function placer(rowOf: Map<string, number>, rows: InfoRows) {
  return (p: RubricProblem): Issue => {
    if (p.nodeCode !== undefined && rowOf.has(p.nodeCode)) {
      // A problem involving several rows (a cycle of conditions) names all of them.
      const rows = (p.codes ?? []).flatMap((c) => (rowOf.has(c) ? [`${c} ở dòng ${rowOf.get(c)}`] : []));
      return cellIssue(rowOf.get(p.nodeCode)!, columnOf(p.field), rows.length > 1 ? `${p.message} (${rows.join(', ')})` : p.message);
    }
    const path = p.field ?? '';
    const indexed = /^(settings\.bands|peerGroups)\[(\d+)\]/.exec(path);
    if (indexed) {
      const row = (indexed[1] === 'peerGroups' ? rows.groups : rows.bands)[Number(indexed[2])];
      const what = indexed[1] === 'peerGroups' ? 'Nhóm đơn vị xếp hạng' : 'Xếp loại theo chỉ số';
      return { ...(row !== undefined && { row }), field: what, message: `Trang '${INFO_SHEET}'${row !== undefined ? `, dòng ${row}` : ''} (${what}): ${p.message}` };
    }
    const key = path.replace(/^settings\./, '').split(/[.[]/)[0] as keyof typeof INFO_LABEL;
    if (key in INFO_LABEL) {
      const row = rows.scalar[key];
      const label = INFO_LABEL[key];
      return { ...(row !== undefined && { row }), field: label, message: `Trang '${INFO_SHEET}'${row !== undefined ? `, dòng ${row}` : ''} (${label}): ${p.message}` };
    }
    return { message: p.message };
  };
}
