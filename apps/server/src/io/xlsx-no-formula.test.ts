/**
 * The authoring workbooks (rubric, questionnaire, empty response template) carry text typed by
 * the secretariat: a title or label that looks like a formula must stay a string cell, and no
 * writer may emit a formula. (The results and national workbooks are checked through the database
 * in http/export-injection.int.test.ts.)
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { importRubricXlsx, exportRubricXlsx } from '../rubric-io/rubric-xlsx.ts';
import { exportQuestionnaireXlsx } from '../survey-io/questionnaire-xlsx.ts';
import { exportResponsesTemplate } from '../survey-io/responses-template.ts';
import { sampleSipasQuestionnaire } from '../survey-io/sample-questionnaires.ts';
import { buildRubric } from '../testing/builders.ts';

const LINK = '=HYPERLINK("http://evil.example","x")';
const CMD = "=cmd|' /C calc'!A0";
const AT = '@SUM(1+1)';
const MINUS = '-2+3';
const PLUS = '+1+1';

/** Loads the workbook after checking that no sheet's XML holds a formula element and no cell reads back as a formula. */
async function loadWithoutFormula(buf: Buffer): Promise<ExcelJS.Workbook> {
  const zip = await JSZip.loadAsync(buf);
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f))) {
    expect(await zip.file(name)!.async('string'), name).not.toMatch(/<f[\s>/]/);
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
    expect(cell.formula, `${ws.name}!${cell.address}`).toBeFalsy();
  })));
  return wb;
}

/** Every cell holding exactly `text` is a string cell, and there is at least one. */
function expectStringCells(wb: ExcelJS.Workbook, text: string): void {
  const types: ExcelJS.ValueType[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    if (cell.value === text) types.push(cell.type);
  })));
  expect(types.length, text).toBeGreaterThan(0);
  expect(new Set(types), text).toEqual(new Set([ExcelJS.ValueType.String]));
}

describe('authoring workbooks never write a formula', () => {
  it('rubric workbook: formula-like names, titles, labels stay text, and read back unchanged', async () => {
    const base = buildRubric();
    const doc = buildRubric({
      name: LINK,
      basis: CMD,
      peerGroups: [{ code: 'SO', name: AT }],
      settings: { ...base.settings, bands: [{ label: MINUS, min: '80' }, { label: 'Khá', min: '0' }] },
      fields: [{ ...base.fields[0], title: PLUS }, base.fields[1]],
    });
    const buf = await exportRubricXlsx(doc);
    const wb = await loadWithoutFormula(buf);
    for (const t of [CMD, AT, MINUS, PLUS]) expectStringCells(wb, t);
    const back = await importRubricXlsx(buf);
    expect(back.ok).toBe(true);
    if (back.ok) {
      expect([back.doc.name, back.doc.basis, back.doc.peerGroups[0].name, back.doc.settings.bands[0].label, back.doc.fields[0].title]).toEqual([LINK, CMD, AT, MINUS, PLUS]);
    }
  });

  it('questionnaire workbook and response template: formula-like title, question, option and group stay text', async () => {
    const q = sampleSipasQuestionnaire();
    q.title = LINK;
    q.questions[0].text = CMD;
    q.questions[0].options[0].label = PLUS;
    q.respondentGroups[0].name = AT;
    const wb = await loadWithoutFormula(await exportQuestionnaireXlsx(q));
    for (const t of [LINK, CMD, PLUS, AT]) expectStringCells(wb, t);
    const template = await loadWithoutFormula(await exportResponsesTemplate(q));
    expectStringCells(template, CMD);
  });
});
