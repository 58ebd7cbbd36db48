import ExcelJS from 'exceljs';
import { AppError, Limits, Questionnaire, type Issue, type QuestionnaireInput } from '@parindex/contracts';
import { clip, clipIssues } from '../io/clip.ts';
import { assertSafeZip, type ZipLimits } from '../io/zip-guard.ts';
import { sheetSizeIssue } from '../rubric-io/sheet-cells.ts';
import { FACTORS_HEADER, INFO_LABEL, SCORING_HEADER, readGroupsSheet, readInfoSheet, writeGroupsSheet, writeInfoSheet, type InfoRows } from './questionnaire-info-sheet.ts';
import { questionColumnName, readQuestionsSheet, writeQuestionsSheet, type QColumn, type QuestionRows } from './questions-sheet.ts';
import { GROUPS_SHEET, INFO_SHEET, QUESTIONS_SHEET, sheetIssue } from './survey-words.ts';

const MB = 1024 * 1024;
/**
 * A questionnaire workbook holds tens of questions and a few hundred option rows, well under 1 MB
 * of sheet XML: limits far below ZIP_LIMITS, since ExcelJS loads it whole.
 */
const QUESTIONNAIRE_ZIP_LIMITS: Partial<ZipLimits> = { maxWorksheetBytes: 20 * MB, maxTotalBytes: 40 * MB };
const NOT_XLSX = 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Hãy lưu tệp dưới dạng "Excel Workbook (.xlsx)" rồi tải lên lại.';
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Rows of a sheet of the questionnaire workbook (questions with their options, groups, settings). */
const QUESTIONNAIRE_SHEET_ROWS = 5_000;

export interface QuestionnaireImportOptions {
  /** Codes of the rubric's survey leaves (source "Điều tra XHH"); when given, any other leaf code is refused. */
  surveyLeafCodes?: Iterable<string>;
}

/** Writes a questionnaire as a workbook an official can read and edit: "Thông tin", "Nhóm đối tượng", "Câu hỏi". */
export async function exportQuestionnaireXlsx(q: Questionnaire, opts: { identified?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParIndex';
  writeInfoSheet(wb, q, opts);
  writeGroupsSheet(wb, q);
  writeQuestionsSheet(wb, q);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads a questionnaire workbook. Every problem is collected — missing sheet or column, unreadable
 * cell, unknown leaf code, weight outside 0–100%, duplicate code, broken cross-reference — and
 * thrown together as one AppError naming sheet, row and column; nothing is returned partially.
 * Questions come back grouped by section, in the order of the sheet.
 */
export async function importQuestionnaireXlsx(buf: Buffer, options: QuestionnaireImportOptions = {}): Promise<Questionnaire> {
  return (await importQuestionnaireWorkbook(buf, options)).questionnaire;
}

/** The same, with the survey's declaration from the "Thông tin" sheet: is it identified (ghi danh)? */
export async function importQuestionnaireWorkbook(buf: Buffer, options: QuestionnaireImportOptions = {}): Promise<{ questionnaire: Questionnaire; identified: boolean }> {
  if (buf.length > Limits.importFileBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Tệp quá lớn (${Math.ceil(buf.length / 1048576)} MB); giới hạn ${Limits.importFileBytes / 1048576} MB.`);
  }
  if (!buf.subarray(0, 4).equals(ZIP_MAGIC)) throw new AppError('INVALID_FILE', NOT_XLSX);
  await assertSafeZip(buf, 'Tệp phiếu khảo sát (.xlsx)', QUESTIONNAIRE_ZIP_LIMITS);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('INVALID_FILE', NOT_XLSX);
  }
  const issues: Issue[] = [];
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) issues.push({ message: `Thiếu trang '${name}'. Tệp phiếu khảo sát cần ba trang: '${INFO_SHEET}', '${GROUPS_SHEET}', '${QUESTIONS_SHEET}'.` });
    return ws;
  };
  const infoWs = sheet(INFO_SHEET), groupsWs = sheet(GROUPS_SHEET), questionsWs = sheet(QUESTIONS_SHEET);
  if (!infoWs || !groupsWs || !questionsWs) fail(issues);
  const tooLarge = [infoWs, groupsWs, questionsWs].flatMap((ws) => sheetSizeIssue(ws!, QUESTIONNAIRE_SHEET_ROWS) ?? []);
  if (tooLarge.length > 0) fail(tooLarge);

  const info = readInfoSheet(infoWs!);
  const groups = readGroupsSheet(groupsWs!);
  const questions = readQuestionsSheet(questionsWs!);
  issues.push(...info.issues, ...groups.issues, ...questions.issues);
  // A sheet that could not be read at all (no header, missing columns) would only add noise below.
  if ((groups.issues.length && groups.groups.length === 0) || (questions.issues.length && questions.questions.length === 0)) fail(issues);

  const draft: QuestionnaireInput = {
    ...(info.info as Omit<QuestionnaireInput, 'respondentGroups' | 'sections' | 'questions'>),
    respondentGroups: groups.groups,
    sections: questions.sections,
    questions: questions.questions,
  };
  const place = placer(info.rows, groups.rows, questions.rows);
  // The schema often repeats what reading a cell already said: keep the reader's message for that cell.
  const cellOf = (i: Issue) => (i.row === undefined ? i.message : i.message.slice(0, i.message.indexOf(': ')));
  const readCells = new Set(issues.map(cellOf));
  const add = (issue: Issue) => {
    if (!readCells.has(cellOf(issue)) && !issues.some((i) => i.message === issue.message)) issues.push(issue);
  };
  if (options.surveyLeafCodes) checkLeafCodes(draft, new Set(options.surveyLeafCodes), place).forEach(add);
  const parsed = Questionnaire.safeParse(draft);
  if (!parsed.success) for (const i of parsed.error.issues) add(place(i.path as (string | number)[], i.message));
  if (issues.length > 0 || !parsed.success) fail(issues);
  return { questionnaire: parsed.data, identified: info.identified };
}

function fail(issues: Issue[]): never {
  throw new AppError('VALIDATION', `Tệp phiếu khảo sát có ${issues.length} lỗi; sửa các ô được nêu rồi tải lên lại. Không có nội dung nào được nhập.`, clipIssues(issues));
}

/** Questions and scoring settings may only name survey leaves of the rubric. */
function checkLeafCodes(draft: QuestionnaireInput, known: Set<string>, place: ReturnType<typeof placer>): Issue[] {
  const list = [...known].sort().join(', ') || '(bộ chỉ số không có tiêu chí điều tra XHH)';
  const out: Issue[] = [];
  draft.questions.forEach((q, i) => {
    const code = q.scoring?.leafCode;
    if (code && !known.has(code)) out.push(place(['questions', i, 'scoring', 'leafCode'], `mã tiêu chí '${clip(code, 40)}' không phải tiêu chí điều tra XHH của bộ chỉ số; các mã: ${list}.`));
  });
  (draft.leafScoring ?? []).forEach((s, i) => {
    if (s.leafCode && !known.has(s.leafCode)) out.push(place(['leafScoring', i, 'leafCode'], `mã tiêu chí '${clip(s.leafCode, 40)}' không phải tiêu chí điều tra XHH của bộ chỉ số; các mã: ${list}.`));
  });
  return out;
}

const QUESTION_FIELD: Record<string, QColumn> = {
  code: 'code', section: 'section', text: 'text', type: 'type', required: 'required', groups: 'groups', options: 'optLabel', scoring: 'leaf', sipas: 'sipasKind',
};
const SCORING_FIELD: Record<string, QColumn> = { leafCode: 'leaf', evaluatedUnit: 'evaluated', unitCode: 'unit' };
const OPTION_FIELD: Record<string, QColumn> = { code: 'optCode', label: 'optLabel', weight: 'weight', level: 'level' };

/** Turns a path in the assembled questionnaire into an issue on the sheet row and column it came from. */
function placer(info: InfoRows, groupRows: number[], q: QuestionRows) {
  return (path: (string | number)[], message: string): Issue => {
    const [head, i, a, b, c] = path;
    const msg = message.endsWith('.') ? message : `${message}.`;
    if (head === 'questions' && typeof i === 'number') {
      let row = q.question[i];
      let key: QColumn = QUESTION_FIELD[String(a)] ?? 'code';
      if (a === 'options' && typeof b === 'number') {
        row = q.option[i]?.[b] ?? row;
        key = OPTION_FIELD[String(c)] ?? 'optCode';
      } else if (a === 'scoring') key = SCORING_FIELD[String(b)] ?? 'leaf';
      else if (a === 'sipas') key = b === 'factor' ? 'factor' : 'sipasKind';
      return sheetIssue(QUESTIONS_SHEET, row, questionColumnName(key), msg);
    }
    if (head === 'sections' && typeof i === 'number') {
      return sheetIssue(QUESTIONS_SHEET, q.section[i], questionColumnName(a === 'title' ? 'text' : a === 'groups' ? 'groups' : 'section'), msg);
    }
    if (head === 'respondentGroups') {
      return sheetIssue(GROUPS_SHEET, typeof i === 'number' ? groupRows[i] : undefined, typeof i === 'number' ? (a === 'name' ? 'Tên nhóm' : 'Mã nhóm') : undefined, msg);
    }
    if (head === 'questions' || head === 'sections') return sheetIssue(QUESTIONS_SHEET, undefined, undefined, msg);
    if (head === 'leafScoring' && typeof i === 'number') {
      const col = a === 'formula' ? (b === 'threshold' ? SCORING_HEADER[2] : SCORING_HEADER[1]) : a === 'minAnswers' ? SCORING_HEADER[3] : a === 'fallback' ? SCORING_HEADER[4] : SCORING_HEADER[0];
      return sheetIssue(INFO_SHEET, info.scoring[i], col, msg);
    }
    if (head === 'sipas' && i === 'factors' && typeof a === 'number') {
      return sheetIssue(INFO_SHEET, info.factors[a], b === 'name' ? FACTORS_HEADER[1] : b === 'weight' ? FACTORS_HEADER[2] : FACTORS_HEADER[0], msg);
    }
    if (head === 'sipas' && typeof i === 'string' && i in INFO_LABEL) {
      const key = i as keyof typeof INFO_LABEL;
      return sheetIssue(INFO_SHEET, info.scalar[key], INFO_LABEL[key], msg);
    }
    if (typeof head === 'string' && head in INFO_LABEL) {
      const key = head as keyof typeof INFO_LABEL;
      return sheetIssue(INFO_SHEET, info.scalar[key], INFO_LABEL[key], msg);
    }
    return sheetIssue(INFO_SHEET, undefined, undefined, msg);
  };
}
