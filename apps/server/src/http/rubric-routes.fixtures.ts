/**
 * Rubric files for the rubric routes' tests and the browser test (e2e/rubric.e2e.test.ts): the
 * demo rubric revised the way a province revises its annex from one year to the next, and the
 * same annex with two broken cells.
 */
import type { RubricDocument, RubricNode } from '@parindex/contracts';
import ExcelJS from 'exceljs';
import { exportRubricXlsx } from '../rubric-io/rubric-xlsx.ts';

/** What the revision changes, for the assertions. */
export const REVISION = {
  reweighted: [{ code: '1.1.1', oldMax: '1', newMax: '0.5' }, { code: '1.1.3', oldMax: '0.5', newMax: '1' }],
  ruleChanged: '1.2.2',
  retitled: { code: '1.3.1', title: 'Ban hành và tổ chức thực hiện kế hoạch kiểm tra CCHC' },
  evidence: { code: '1.1.2', text: 'Báo cáo kết quả thực hiện kế hoạch CCHC năm, có số liệu kiểm chứng' },
  removed: '1.4.2',
  added: { code: '1.4.3', title: 'Số tin, bài tuyên truyền về CCHC được đăng tải', max: '0.5' },
} as const;

function nodeOf(doc: RubricDocument, code: string): RubricNode {
  const find = (nodes: RubricNode[]): RubricNode | undefined => {
    for (const n of nodes) {
      if (n.code === code) return n;
      const inner = n.children && find(n.children);
      if (inner) return inner;
    }
    return undefined;
  };
  const found = find(doc.fields);
  if (!found) throw new Error(`no node ${code} in the rubric`);
  return found;
}

/**
 * `doc` revised: 1.1.1 lowered to 0,5 and 1.1.3 raised to 1 (criterion 1.1 keeps its 3 points),
 * 1.2.2 scored pass/fail instead of directly, 1.3.1 retitled, 1.1.2 expects other evidence, 1.4.2
 * removed and 1.4.3 (counted news items) added in its place. Code and year as given.
 */
export function reviseRubric(doc: RubricDocument, opts: { code: string; year: number }): RubricDocument {
  const next = JSON.parse(JSON.stringify(doc).replaceAll(`năm ${doc.year}`, `năm ${opts.year}`)) as RubricDocument;
  next.code = opts.code;
  next.year = opts.year;
  next.basis = `Quyết định số 1502/QĐ-UBND ngày 20/10/${opts.year - 1} của UBND tỉnh (minh họa)`;
  const l111 = nodeOf(next, '1.1.1');
  l111.max = '0.5';
  l111.rule = { type: 'levels', levels: [
    { code: 'dung_han', label: 'Ban hành/thực hiện đúng hạn, đầy đủ', points: '0.5' },
    { code: 'cham', label: 'Ban hành/thực hiện chậm hoặc chưa đầy đủ', points: '0.25' },
    { code: 'khong', label: 'Không ban hành/không thực hiện', points: '0' },
  ] };
  nodeOf(next, '1.1.3').max = '1';
  nodeOf(next, REVISION.ruleChanged).rule = { type: 'binary', yesLabel: 'Báo cáo đủ nội dung theo đề cương', noLabel: 'Thiếu nội dung' };
  nodeOf(next, REVISION.retitled.code).title = REVISION.retitled.title;
  nodeOf(next, REVISION.evidence.code).evidence = REVISION.evidence.text;
  const c14 = nodeOf(next, '1.4');
  c14.children = c14.children!.filter((c) => c.code !== REVISION.removed);
  c14.children.push({
    code: REVISION.added.code, title: REVISION.added.title, max: REVISION.added.max, source: 'appraised',
    rule: { type: 'count', countLabel: 'Tin, bài được đăng tải', perItem: '0.25' }, evidence: 'Danh mục tin, bài kèm đường dẫn',
  });
  return next;
}

/** The cells broken in `brokenWorkbook`: a maximum that is not a number, a scoring method that cannot be read. */
export const BROKEN = { maxOf: '1.1.1', maxText: 'một điểm', methodOf: REVISION.ruleChanged, methodText: 'Chấm theo cảm nhận của đoàn kiểm tra' } as const;

/** The annex XLSX of `doc`, with the maximum of 1.1.1 and the method of 1.2.2 broken. Returns the file and those rows. */
export async function brokenWorkbook(doc: RubricDocument): Promise<{ file: Buffer; maxRow: number; methodRow: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportRubricXlsx(doc)) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('Bộ tiêu chí')!;
  let maxRow = 0;
  let methodRow = 0;
  ws.eachRow((row, r) => {
    const code = String(row.getCell(2).value ?? '');
    if (code === BROKEN.maxOf) {
      row.getCell(4).value = BROKEN.maxText;
      maxRow = r;
    }
    if (code === BROKEN.methodOf) {
      row.getCell(5).value = BROKEN.methodText;
      methodRow = r;
    }
  });
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), maxRow, methodRow };
}
