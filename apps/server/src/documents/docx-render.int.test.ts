/**
 * The DOCX decision as an official opens it: rendered by LibreOffice to PDF, read back with
 * pdftotext -layout. Nghị định 30/2020 puts "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line in the
 * right heading column, and the annex's "STT" must not wrap. A PNG of each page checked is left in
 * e2e/artifacts/documents/ to look at.
 *
 * LibreOffice is required in CI (CI=1: a missing soffice fails the test); elsewhere the test is
 * skipped with a message saying so. SOFFICE_BIN names another soffice command.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { ResultsService } from '../services/results.service.ts';
import { loadDocumentData } from './document-data.ts';
import { buildPublicationDecision } from './publication-decision.ts';

const run = promisify(execFile);
const ARTIFACTS = path.resolve(import.meta.dirname, '../../../../e2e/artifacts/documents');
/** LibreOffice's command; SOFFICE_BIN points at another install. */
const SOFFICE = process.env.SOFFICE_BIN || 'soffice';
const hasSoffice = spawnSync(SOFFICE, ['--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0;
const ci = process.env.CI === '1' || process.env.CI === 'true';
if (!hasSoffice && !ci) console.warn('docx-render: LibreOffice (soffice) is not installed — the DOCX layout check is SKIPPED (it fails under CI=1).');

describe.skipIf(!hasSoffice && !ci)('DOCX decision rendered by LibreOffice', () => {
  let database: Database;
  let tmp: string;
  let pages: string[];
  let pdf: string;

  beforeAll(async () => {
    if (!hasSoffice) throw new Error('LibreOffice (soffice) is required in CI to check the DOCX layout: install libreoffice-writer.');
    mkdirSync(ARTIFACTS, { recursive: true });
    tmp = mkdtempSync(path.join(os.tmpdir(), 'parindex-docx-'));
    database = await openDatabase({ inMemory: true });
    await seedDemoIfEmpty(database.db);
    const cycle = (await new ResultsService(database.db).listCycles({ publicOnly: true })).find((c) => c.year === 2025)!;
    const docx = path.join(tmp, 'quyet-dinh.docx');
    writeFileSync(docx, await buildPublicationDecision(await loadDocumentData(database.db, cycle.id, { publicOnly: true })));
    // A profile of its own: another soffice running on the machine does not take the conversion over.
    await run(SOFFICE, [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, docx], { timeout: 180_000 });
    pdf = path.join(tmp, 'quyet-dinh.pdf');
    pages = (await run('pdftotext', ['-layout', pdf, '-'])).stdout.split('\f');
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('puts the national heading on one line beside the issuing body, with the stored decision number', async () => {
    const lines = pages[0].split('\n');
    const heading = lines.find((l) => l.includes('CỘNG HÒA'));
    expect(heading, pages[0].slice(0, 400)).toMatch(/ỦY BAN NHÂN DÂN\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\s*$/);
    expect(lines.some((l) => /^\s*NAM\s*$/.test(l))).toBe(false);
    expect(pages[0]).toMatch(/Số: 312\/QĐ-UBND\s+Sơn Hà, ngày 27 tháng 02 năm 2026/);
    await run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, path.join(ARTIFACTS, 'quyet-dinh-trang')]);
  });

  it('keeps "STT" whole in the annex table header', async () => {
    const annex = pages.findIndex((p) => p.includes('Phụ lục') && p.includes('Kèm theo Quyết định số 312/QĐ-UBND ngày 27/02/2026'));
    expect(annex).toBeGreaterThan(0);
    const header = pages[annex].split('\n').filter((l) => /\bĐơn vị\b/.test(l) || /\bSTT\b/.test(l));
    expect(header.some((l) => /(^|\s)STT\s/.test(l)), pages[annex].slice(0, 1200)).toBe(true);
    expect(pages[annex].split('\n').some((l) => /^\s*ST\s/.test(l))).toBe(false);
    await run('pdftoppm', ['-png', '-r', '80', '-f', String(annex + 1), '-l', String(annex + 1), pdf, path.join(ARTIFACTS, 'quyet-dinh-phu-luc')]);
  });
});
