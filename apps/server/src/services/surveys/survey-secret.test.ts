/**
 * The survey secret lives outside the data folder (which is what gets backed up): made there on
 * first start, moved there from the data folder where an older ParIndex kept it, and never
 * replaced once it exists — a new key would no longer recognise dossiers already answered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSurveySecretFile, loadConfig } from '../../config.ts';
import { dossierDigest, loadSurveySecret } from './survey-secret.ts';

const root = mkdtempSync(path.join(tmpdir(), 'parindex-secret-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => path.join(root, `install-${++n}`, 'data');

describe('survey secret', () => {
  it('is made on first start beside the data folder, not in it, readable by its owner only, and the same on the next start', async () => {
    const dataDir = fresh();
    const logs: string[] = [];
    const first = await loadSurveySecret({ dataDir, log: (m) => logs.push(m) });
    const file = defaultSurveySecretFile(dataDir);
    expect(file).toBe(path.join(path.dirname(dataDir), 'parindex-secrets', 'survey-secret.key'));
    expect(first).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    await expect(stat(path.join(dataDir, 'survey-secret.key'))).rejects.toThrow(/ENOENT/);
    expect(await loadSurveySecret({ dataDir })).toEqual(first);
    expect(logs).toEqual([]);
  });

  it('moves a key an older ParIndex left in the data folder, keeping it (answered dossiers stay recognised), and says so', async () => {
    const dataDir = fresh();
    await mkdir(dataDir, { recursive: true });
    const old = 'ab'.repeat(32);
    await writeFile(path.join(dataDir, 'survey-secret.key'), `${old}\n`, { mode: 0o644 });
    const before = dossierDigest(Buffer.from(old, 'hex'), 'q1', 'HS-001');
    const logs: string[] = [];
    const key = await loadSurveySecret({ dataDir, log: (m) => logs.push(m) });
    expect(dossierDigest(key, 'q1', 'hs-001')).toBe(before);
    const file = defaultSurveySecretFile(dataDir);
    expect((await readFile(file, 'utf8')).trim()).toBe(old);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await expect(stat(path.join(dataDir, 'survey-secret.key'))).rejects.toThrow(/ENOENT/);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('Đã chuyển khóa khảo sát');
    expect(logs[0]).toContain(file);
  });

  it('keeps the key already outside and warns about a stray copy left in the data folder', async () => {
    const dataDir = fresh();
    const key = await loadSurveySecret({ dataDir });
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, 'survey-secret.key'), `${'cd'.repeat(32)}\n`);
    const logs: string[] = [];
    expect(await loadSurveySecret({ dataDir, log: (m) => logs.push(m) })).toEqual(key);
    expect(logs.join('\n')).toMatch(/vẫn nằm trong thư mục dữ liệu/);
  });

  it('uses SURVEY_SECRET_FILE when set, and SURVEY_SECRET over any file', async () => {
    const dataDir = fresh();
    const file = path.join(root, 'elsewhere', 'key');
    const config = loadConfig({ DATA_DIR: dataDir, SURVEY_SECRET_FILE: file });
    expect(config.surveySecretFile).toBe(file);
    expect(loadConfig({ DATA_DIR: dataDir }).surveySecretFile).toBe(defaultSurveySecretFile(dataDir));
    const key = await loadSurveySecret({ dataDir, file: config.surveySecretFile });
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'hex')).toEqual(key);
    const given = 'x'.repeat(40);
    expect(await loadSurveySecret({ secret: given, dataDir, file })).toEqual(Buffer.from(given));
  });
});
