/**
 * A respondent list (danh sách người được khảo sát) — CSV or XLSX, first row the header — from
 * which one one-time link is made per person:
 *
 * | column | |
 * |---|---|
 * | Họ và tên (Họ tên, Name) | required |
 * | Đơn vị công tác (Đơn vị, Cơ quan, Unit) | optional: printed under the name |
 * | Email | optional: checked, returned with the link for a mail merge (never stored) |
 * | Đơn vị được đánh giá (Mã đơn vị) | optional: code or name of a unit of the cycle the link is fixed to |
 *
 * Every problem is collected with its row; the caller creates nothing when there is any.
 */
import { AppError, type Issue } from '@parindex/contracts';
import { clip } from '../io/clip.ts';
import { norm } from '../rubric-io/sheet-cells.ts';
import { readTableRows, type TableSource } from '../io/table-rows.ts';

export interface Respondent {
  row: number;
  name: string;
  unit?: string;
  email?: string;
  /** Code of the evaluated unit this person's link is fixed to. */
  evaluatedUnitCode?: string;
}

type Column = 'name' | 'unit' | 'email' | 'evaluated' | 'ignore';
export const RESPONDENT_COLUMNS: Record<Column, string[]> = {
  name: ['Họ và tên', 'Họ tên', 'Tên', 'Name', 'Full name'],
  unit: ['Đơn vị công tác', 'Đơn vị', 'Cơ quan', 'Cơ quan công tác', 'Unit', 'Organisation', 'Organization'],
  email: ['Email', 'E-mail', 'Thư điện tử'],
  evaluated: ['Đơn vị được đánh giá', 'Mã đơn vị được đánh giá', 'Mã đơn vị'],
  ignore: ['STT', 'TT', 'Ghi chú', 'Chức vụ', 'Số điện thoại'],
};
export const MAX_RESPONDENTS = 5000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads the list; units are the cycle's (code or name → code). Throws one AppError listing every bad row. */
export async function readRespondentList(source: TableSource, units: { code: string; name: string }[]): Promise<Respondent[]> {
  const byNorm = new Map<string, Column>();
  for (const [k, names] of Object.entries(RESPONDENT_COLUMNS) as [Column, string[]][]) for (const n of names) byNorm.set(norm(n), k);
  const unitCode = new Map<string, string>();
  for (const u of units) unitCode.set(norm(u.code), u.code).set(norm(u.name), u.code);
  const issues: Issue[] = [];
  const out: Respondent[] = [];
  let col: Partial<Record<Column, number>> | undefined;
  for await (const raw of readTableRows(source)) {
    if (!col) {
      col = {};
      const unknown: string[] = [];
      raw.values.forEach((cell, i) => {
        const k = byNorm.get(norm(cell.trim()));
        if (k && k !== 'ignore' && col![k] === undefined) col![k] = i;
        else if (!k && cell.trim()) unknown.push(cell.trim());
      });
      if (col.name === undefined) issues.push({ row: raw.row, field: 'Họ và tên', message: `Dòng ${raw.row} (tiêu đề): thiếu cột "Họ và tên". Các cột: Họ và tên; Đơn vị công tác, Email, Đơn vị được đánh giá (không bắt buộc).` });
      for (const u of unknown.map((h) => clip(h, 60))) issues.push({ row: raw.row, field: u, message: `Dòng ${raw.row} (tiêu đề): cột "${u}" không có trong mẫu danh sách; các cột: Họ và tên, Đơn vị công tác, Email, Đơn vị được đánh giá.` });
      if (issues.length) break;
      continue;
    }
    if (raw.widthProblem) { issues.push({ row: raw.row, message: raw.widthProblem }); continue; }
    const get = (k: Column) => (col![k] === undefined ? '' : (raw.values[col![k]!] ?? '').trim());
    const r: Respondent = { row: raw.row, name: get('name') };
    const bad = (field: string, what: string) => issues.push({ row: raw.row, field, message: `Dòng ${raw.row}: cột "${field}": ${what}` });
    if (!r.name) bad('Họ và tên', 'thiếu họ và tên người được khảo sát.');
    else if (r.name.length > 120) bad('Họ và tên', 'dài quá 120 ký tự.');
    if (get('unit')) r.unit = get('unit').slice(0, 200);
    const email = get('email');
    if (email && !EMAIL.test(email)) bad('Email', `"${clip(email, 80)}" không phải địa chỉ thư điện tử hợp lệ.`);
    else if (email) r.email = email;
    const ev = get('evaluated');
    if (ev) {
      const code = unitCode.get(norm(ev));
      if (!code) bad('Đơn vị được đánh giá', `đơn vị "${clip(ev, 60)}" không có trong kỳ đánh giá; ghi mã hoặc tên đơn vị.`);
      else r.evaluatedUnitCode = code;
    }
    out.push(r);
    if (out.length > MAX_RESPONDENTS) {
      issues.push({ row: raw.row, message: `Danh sách có hơn ${MAX_RESPONDENTS.toLocaleString('vi-VN')} người; hãy chia thành nhiều tệp.` });
      break;
    }
  }
  if (!col) issues.push({ message: 'Tệp không có dòng tiêu đề.' });
  else if (!issues.length && out.length === 0) issues.push({ message: 'Danh sách chưa có người nào (chỉ có dòng tiêu đề).' });
  if (issues.length) throw new AppError('VALIDATION', `Danh sách người được khảo sát có ${issues.length} lỗi; sửa các dòng được nêu rồi tải lên lại. Chưa tạo đường dẫn nào.`, issues);
  return out;
}
