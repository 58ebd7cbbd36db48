import type ExcelJS from 'exceljs';
import type { Issue, Questionnaire, QuestionnaireInput, SurveyOption } from '@parindex/contracts';
import { clip } from '../io/clip.ts';
import { YES_NO_WORDS, CELL_BORDER, cellText, choices, findHeaderRow, isBlankRow, lookup, readDecimalCell, writeDecimal, writeHeaderRow, type Vocabulary } from '../rubric-io/sheet-cells.ts';
import { EVALUATED_WORDS, QUESTIONS_SHEET, QUESTION_TYPE_WORDS, SIPAS_KIND_WORDS, sheetIssue, splitList } from './survey-words.ts';

export type QColumn = 'section' | 'code' | 'text' | 'type' | 'required' | 'groups' | 'leaf' | 'evaluated' | 'unit' | 'factor' | 'sipasKind' | 'optCode' | 'optLabel' | 'weight' | 'level';

interface Column { key: QColumn; name: string; header: string; required: boolean; width: number; text?: boolean }

/**
 * The "Câu hỏi" sheet reads like the printed form: a row per section (Phần, Nội dung), a row per
 * question holding its first option, then a row per further option (only the option columns).
 */
export const Q_COLUMNS: Column[] = [
  { key: 'section', name: 'Phần', header: 'Phần', required: true, width: 7, text: true },
  { key: 'code', name: 'Mã câu hỏi', header: 'Mã câu hỏi', required: true, width: 9, text: true },
  { key: 'text', name: 'Nội dung', header: 'Nội dung', required: true, width: 60 },
  { key: 'type', name: 'Loại câu hỏi', header: 'Loại câu hỏi (Một lựa chọn / Thang đo / Nhiều lựa chọn / Trả lời ngắn)', required: true, width: 16 },
  { key: 'required', name: 'Bắt buộc', header: 'Bắt buộc (Có/Không)', required: false, width: 10 },
  { key: 'groups', name: 'Nhóm đối tượng', header: 'Nhóm đối tượng (mã nhóm; để trống = mọi nhóm)', required: false, width: 16, text: true },
  { key: 'leaf', name: 'Tiêu chí chấm điểm', header: 'Tiêu chí chấm điểm (mã tiêu chí điều tra XHH)', required: false, width: 12, text: true },
  { key: 'evaluated', name: 'Đơn vị được đánh giá', header: 'Đơn vị được đánh giá (Đơn vị ghi trong phiếu / Đơn vị nêu trong câu hỏi)', required: false, width: 18 },
  { key: 'unit', name: 'Mã đơn vị', header: 'Mã đơn vị (khi câu hỏi nêu tên đơn vị)', required: false, width: 14, text: true },
  { key: 'factor', name: 'Yếu tố SIPAS', header: 'Yếu tố SIPAS (mã yếu tố)', required: false, width: 12, text: true },
  { key: 'sipasKind', name: 'Loại câu SIPAS', header: 'Loại câu SIPAS (Hài lòng / Mong đợi / Thông tin người trả lời)', required: false, width: 16 },
  { key: 'optCode', name: 'Mã phương án', header: 'Mã phương án', required: true, width: 9, text: true },
  { key: 'optLabel', name: 'Phương án trả lời', header: 'Phương án trả lời', required: true, width: 40 },
  { key: 'weight', name: 'Trọng số (%)', header: 'Trọng số (%)', required: false, width: 10 },
  { key: 'level', name: 'Mức', header: 'Mức (thang đo 1–5)', required: false, width: 9 },
];
const NAME = Object.fromEntries(Q_COLUMNS.map((c) => [c.key, c.name])) as Record<QColumn, string>;
const OPTION_KEYS: QColumn[] = ['optCode', 'optLabel', 'weight', 'level'];

type QInput = QuestionnaireInput['questions'][number];
type SectionInput = QuestionnaireInput['sections'][number];

/** Where each part was read, so later problems (cross-references, schema) can name the row. */
export interface QuestionRows {
  section: number[];
  question: number[];
  option: number[][];
}

export function questionColumnName(key: QColumn): string {
  return NAME[key];
}

/** Writes sections in order, each followed by its questions; a question's first option shares its row. */
export function writeQuestionsSheet(wb: ExcelJS.Workbook, q: Questionnaire): void {
  const ws = wb.addWorksheet(QUESTIONS_SHEET, { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  Q_COLUMNS.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
    if (c.text) ws.getColumn(i + 1).numFmt = '@'; // codes stay text: "1.10" must not become 1.1
  });
  ws.mergeCells(1, 1, 1, Q_COLUMNS.length);
  ws.getCell(1, 1).value = `PHIẾU ${q.title.toUpperCase()}`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', wrapText: true };
  ws.getRow(1).height = 34;
  writeHeaderRow(ws.getRow(2), Q_COLUMNS.map((c) => c.header));
  const col = (key: QColumn) => Q_COLUMNS.findIndex((c) => c.key === key) + 1;
  let r = 2;
  const next = () => {
    const row = ws.getRow(++r);
    for (let c = 1; c <= Q_COLUMNS.length; c++) {
      row.getCell(c).border = CELL_BORDER;
      row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    }
    return row;
  };
  for (const s of q.sections) {
    const row = next();
    row.getCell(col('section')).value = s.code;
    row.getCell(col('text')).value = s.title;
    if (s.groups) row.getCell(col('groups')).value = s.groups.join('; ');
    row.font = { bold: true };
    for (let c = 1; c <= Q_COLUMNS.length; c++) row.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    for (const x of q.questions.filter((x) => x.section === s.code)) {
      let row = next();
      const put = (key: QColumn, v: string | undefined) => { if (v !== undefined) row.getCell(col(key)).value = v; };
      put('section', x.section);
      put('code', x.code);
      put('text', x.text);
      put('type', QUESTION_TYPE_WORDS[x.type][0]);
      put('required', YES_NO_WORDS[x.required ? 'yes' : 'no'][0]);
      put('groups', x.groups?.join('; '));
      put('leaf', x.scoring?.leafCode);
      put('evaluated', x.scoring && EVALUATED_WORDS[x.scoring.evaluatedUnit][0]);
      put('unit', x.scoring?.unitCode);
      put('factor', x.sipas?.factor);
      put('sipasKind', x.sipas && SIPAS_KIND_WORDS[x.sipas.kind][0]);
      x.options.forEach((o, i) => {
        if (i > 0) row = next();
        row.getCell(col('optCode')).value = o.code;
        row.getCell(col('optLabel')).value = o.label;
        if (o.weight !== undefined) writeDecimal(row.getCell(col('weight')), o.weight);
        if (o.level !== undefined) row.getCell(col('level')).value = o.level;
      });
    }
  }
}


/** The header row among the first rows: the one where at least four cells are known column names. */
const findHeader = (ws: ExcelJS.Worksheet) => findHeaderRow(ws, Q_COLUMNS.map((c) => ({ key: c.key, names: [c.name, c.header] })), { minKnown: 4, searchRows: 10 });

/** Reads sections, questions and options; every unreadable cell becomes an issue naming its row and column. */
export function readQuestionsSheet(ws: ExcelJS.Worksheet): { sections: SectionInput[]; questions: QInput[]; rows: QuestionRows; issues: Issue[] } {
  const issues: Issue[] = [];
  const sections: SectionInput[] = [];
  const questions: QInput[] = [];
  const rows: QuestionRows = { section: [], question: [], option: [] };
  const header = findHeader(ws);
  if (!header) {
    issues.push(sheetIssue(QUESTIONS_SHEET, undefined, undefined, `không tìm thấy dòng tiêu đề cột (${Q_COLUMNS.filter((c) => c.required).map((c) => c.name).join(' | ')} …).`));
    return { sections, questions, rows, issues };
  }
  const missing = Q_COLUMNS.filter((c) => c.required && !header.colOf.has(c.key));
  for (const c of missing) issues.push(sheetIssue(QUESTIONS_SHEET, header.row, c.name, 'thiếu cột bắt buộc.'));
  if (missing.length) return { sections, questions, rows, issues };

  const sectionRow = new Map<string, number>();
  let current: QInput | undefined;
  let currentSection: string | undefined;
  let orphaned = false;
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (isBlankRow(row)) continue;
    const raw = (key: QColumn) => (header.colOf.has(key) ? row.getCell(header.colOf.get(key)!).value : null);
    const text = (key: QColumn) => cellText(raw(key)).trim();
    const say = (key: QColumn, message: string) => issues.push(sheetIssue(QUESTIONS_SHEET, r, NAME[key], message));
    const word = <T extends string>(key: QColumn, vocab: Vocabulary<T>): T | undefined => {
      const t = text(key);
      if (!t) return undefined;
      const v = lookup(vocab, t);
      if (!v) say(key, `'${clip(t, 60)}' không hợp lệ; ghi ${choices(vocab)}.`);
      return v;
    };
    const hasOption = OPTION_KEYS.some((k) => text(k) !== '');
    const code = text('code');

    if (!code && text('type')) {
      say('code', `thiếu mã câu hỏi của câu '${clip(text('text'), 60)}'.`);
      current = undefined;
      orphaned = true; // its option rows are not reported again
      continue;
    }
    if (!code && text('section')) { // a section row
      const s: SectionInput = { code: text('section'), title: text('text') };
      const groups = splitList(text('groups'));
      if (groups.length) s.groups = groups;
      if (!s.title) say('text', `thiếu tên của phần '${clip(s.code, 40)}'.`);
      if (hasOption) say('optCode', `dòng của phần '${clip(s.code, 40)}' không có phương án trả lời; ghi phương án dưới dòng câu hỏi.`);
      const first = sectionRow.get(s.code);
      if (first !== undefined) say('section', `mã phần '${clip(s.code, 40)}' trùng với dòng ${first}.`);
      else {
        sectionRow.set(s.code, r);
        sections.push(s);
        rows.section.push(r);
      }
      currentSection = s.code;
      current = undefined;
      orphaned = false;
      continue;
    }
    if (code) { // a question row
      const section = text('section') || currentSection;
      if (!section) say('section', `câu ${clip(code, 40)} chưa thuộc phần nào: thêm dòng phần phía trên hoặc ghi mã phần.`);
      const type = word('type', QUESTION_TYPE_WORDS);
      if (!text('type')) say('type', `thiếu loại câu hỏi của câu ${clip(code, 40)}; ghi ${choices(QUESTION_TYPE_WORDS)}.`);
      const q: QInput = { code, section: section ?? '', text: text('text'), type: type ?? 'single', options: [] };
      if (!q.text) say('text', `thiếu nội dung câu hỏi ${clip(code, 40)}.`);
      const required = word('required', YES_NO_WORDS);
      q.required = required === 'yes';
      const groups = splitList(text('groups'));
      if (groups.length) q.groups = groups;
      const leaf = text('leaf');
      const evaluated = word('evaluated', EVALUATED_WORDS);
      if (leaf) q.scoring = { leafCode: leaf, evaluatedUnit: evaluated ?? 'dealt_with', ...(text('unit') && { unitCode: text('unit') }) };
      else if (text('evaluated') || text('unit')) say('leaf', `câu ${clip(code, 40)} ghi đơn vị được đánh giá nhưng chưa ghi tiêu chí chấm điểm.`);
      const kind = word('sipasKind', SIPAS_KIND_WORDS);
      if (kind) q.sipas = { kind, ...(text('factor') && { factor: text('factor') }) };
      else if (text('factor')) say('sipasKind', `câu ${clip(code, 40)} có yếu tố SIPAS nhưng chưa ghi loại câu SIPAS; ghi ${choices(SIPAS_KIND_WORDS)}.`);
      questions.push(q);
      orphaned = false;
      rows.question.push(r);
      rows.option.push([]);
      current = q;
      if (!hasOption) continue;
    } else if (!current) {
      if (!orphaned) say('optCode', 'phương án trả lời không thuộc câu hỏi nào: ghi phương án ngay dưới dòng câu hỏi.');
      continue;
    } else {
      const stray = (['text', 'type', 'required', 'groups', 'leaf', 'evaluated', 'unit', 'factor', 'sipasKind'] as QColumn[]).find((k) => text(k) !== '');
      if (stray) say('code', `dòng có '${clip(text(stray), 60)}' ở cột ${NAME[stray]} nhưng thiếu mã câu hỏi; dòng phương án chỉ ghi các cột phương án.`);
    }
    // An option of the current question.
    const option: SurveyOption = { code: text('optCode'), label: text('optLabel') };
    if (!option.code) say('optCode', `thiếu mã phương án của câu ${clip(current.code, 40)}.`);
    if (!option.label) say('optLabel', `thiếu nội dung phương án '${clip(option.code, 40)}' của câu ${clip(current.code, 40)}.`);
    const weight = readDecimalCell(raw('weight'));
    if (weight.kind === 'ok') {
      if (weight.value.startsWith('-') || Number(weight.value) > 100) say('weight', `'${weight.value.replace('.', ',')}' phải là số từ 0 đến 100 (%).`);
      else option.weight = weight.value;
    } else if (weight.kind === 'bad') say('weight', `${weight.message}; ghi số từ 0 đến 100 (%).`);
    const level = readDecimalCell(raw('level'), 0);
    if (level.kind === 'ok' && Number(level.value) >= 1 && Number(level.value) <= 10) option.level = Number(level.value);
    else if (level.kind !== 'empty') say('level', `'${clip(text('level'), 40)}' phải là số nguyên từ 1 đến 10.`);
    current.options!.push(option);
    rows.option[rows.option.length - 1].push(r);
  }
  if (questions.length === 0 && issues.length === 0) issues.push(sheetIssue(QUESTIONS_SHEET, undefined, undefined, 'chưa có câu hỏi nào dưới dòng tiêu đề.'));
  return { sections, questions, rows, issues };
}
