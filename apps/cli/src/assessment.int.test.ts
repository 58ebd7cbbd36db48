import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'parindex-cli-assess-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const rubric = (fields: unknown[]) => JSON.stringify({
  code: 'T27', name: 'Bộ chỉ số thử 2027', year: 2027, unitKinds: ['department'],
  settings: { bands: [{ label: 'Tốt', min: '80' }, { label: 'Khá', min: '70' }, { label: 'Trung bình', min: '0' }], ties: { mode: 'shared' } },
  peerGroups: [{ code: 'departments', name: 'Sở, ban, ngành' }],
  fields: [{ code: '1', title: 'Chỉ đạo, điều hành', max: '10', children: fields }],
});
const L11 = { code: '1.1', title: 'Kiểm tra CCHC', max: '4', source: 'appraised', rule: { type: 'manual' } };
const L12 = { code: '1.2', title: 'Báo cáo đúng hạn', max: '2', source: 'appraised', rule: { type: 'binary' } };
const L13 = { code: '1.3', title: 'Kế hoạch CCHC', max: '4', source: 'appraised', rule: { type: 'levels', levels: [{ code: 'a', label: 'Đúng hạn', points: '4' }, { code: 'b', label: 'Chậm', points: '2' }] } };

/** The embedded database in a folder, and PostgreSQL (a fresh database) when TEST_DATABASE_URL is set. */
const backends: { kind: string; args: () => string[]; setup?: () => Promise<void>; teardown?: () => Promise<void> }[] = [
  { kind: 'pglite', args: () => ['--data-dir', join(dir, 'data')] },
];
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const name = `parindex_t_${randomBytes(6).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try { await c.query(q); } finally { await c.end(); }
  };
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  backends.push({ kind: 'postgres', args: () => ['--database-url', url.toString()], setup: () => admin(`create database ${name}`), teardown: () => admin(`drop database if exists ${name} with (force)`) });
}

for (const b of backends) {
  describe(`npx parindex: an assessed cycle from the command line [${b.kind}]`, () => {
    beforeAll(async () => b.setup?.(), 60_000);
    afterAll(async () => b.teardown?.(), 60_000);
    async function parindex(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
      try {
        const { stdout, stderr } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/parindex'), [...b.args(), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
        return { code: 0, stdout, stderr };
      } catch (e) {
        const err = e as { code: number; stdout: string; stderr: string };
        return { code: err.code, stdout: err.stdout, stderr: err.stderr };
      }
    }

    it('cycles create → scores import (bad rows refused, nothing saved) → compute → rubric replace keeps surviving scores', async () => {
      expect((await parindex('rubric', 'import', file('t27.json', rubric([L11, L12, L13])))).code).toBe(0);
      expect((await parindex('units', 'import', file('units.csv', 'code,name,kind\nso-a,Sở A,department\nso-b,Sở B,department\n'))).code).toBe(0);

      const noUnits = await parindex('cycles', 'create', '--year', '2027', '--rubric', 'T27');
      expect([noUnits.code, noUnits.stderr]).toEqual([1, expect.stringContaining('--units TỆP')]);
      const badUnits = await parindex('cycles', 'create', '--year', '2027', '--rubric', 'T27', '--units', file('cu-bad.csv', 'unit_code,peer_group\nso-a,departments\nso-x,departments\nso-b,communes\n'));
      expect(badUnits.code).toBe(1);
      expect(badUnits.stderr).toContain('Dòng 3, cột/trường "unit_code": không có đơn vị mã "so-x"');
      expect(badUnits.stderr).toContain('Dòng 4, cột/trường "peer_group": nhóm "communes" không có trong bộ chỉ số T27@1');
      const created = await parindex('--json', 'cycles', 'create', '--year', '2027', '--rubric', 'T27@1', '--name', 'Chỉ số CCHC 2027 (thử)', '--units', file('cu.csv', 'unit_code,peer_group\nso-a,departments\nso-b,departments\n'));
      expect(created.code, created.stderr).toBe(0);
      expect(JSON.parse(created.stdout)).toMatchObject({ units: 2, cycle: { year: 2027, status: 'draft', rubricCode: 'T27', rubricVersion: 1 } });

      const bad = await parindex('scores', 'import', '--cycle', '2027', file('bad-scores.csv',
        'unit_code,leaf_code,points,met,level\nso-a,1.1,4.5,,\nso-a,9.9,1,,\nso-b,1.2,,có lẽ,\nso-b,1.3,,,c\nso-x,1.1,1,,\nso-a,1.3,,,\nso-a,1.1,hai,,\n'));
      expect(bad.code).toBe(1);
      for (const line of [
        'Dòng 2, cột/trường "points": Tiêu chí 1.1: điểm 4,5 vượt điểm tối đa 4.',
        'Dòng 3, cột/trường "leaf_code": tiêu chí "9.9" không có',
        'Dòng 4, cột/trường "met": "có lẽ" không phải là có/không',
        'Dòng 5, cột/trường "level": Tiêu chí 1.3: mức "c" không có trong bộ chỉ số.',
        'Dòng 6, cột/trường "unit_code": đơn vị "so-x" không thuộc kỳ đánh giá 2027.',
        'Dòng 7, cột/trường "points": cần điểm (points) hoặc dữ liệu của tiêu chí 1.3',
        'Dòng 8, cột/trường "leaf_code": điểm của "Sở A" cho tiêu chí 1.1 đã có ở dòng 2.',
      ]) expect(bad.stderr).toContain(line);
      // Nothing was saved: the cycle computes to zero points.
      expect(JSON.parse((await parindex('--json', 'compute', '--cycle', '2027')).stdout).groups[0].meanIndex).toBe('0.00');

      const ok = await parindex('--json', 'scores', 'import', '--cycle', '2027', file('scores.csv',
        'unit_code,leaf_code,points,met,level\nso-a,1.1,"3,5",,\nso-a,1.2,,true,\nso-a,1.3,,,a\nso-b,1.1,2,,\nso-b,1.2,,0,\nso-b,1.3,1.5,,b\n'));
      expect(ok.code, ok.stdout + ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout)).toEqual({ rows: 6, units: 2, withPoints: 3, withInputs: 3 });
      const comp = await parindex('compute', '--cycle', '2027');
      // Sở A 3.5 + 2 + 4 = 9.5 of 10; Sở B 2 + 0 + 1.5 (decided points over its level) = 3.5 of 10.
      expect(comp.stdout).toContain('Sở, ban, ngành: 2 đơn vị, chỉ số trung bình 65,00%');

      const replaced = await parindex('rubric', 'replace', '--cycle', '2027', file('t27-v2.json', rubric([{ ...L11, max: '5' }, L13, { ...L12, code: '1.4', title: 'Sáng kiến', max: '1' }])));
      expect(replaced.code, replaced.stderr).toBe(0);
      expect(replaced.stdout).toContain('Đã thay bộ chỉ số bằng T27, phiên bản 2.');
      expect(replaced.stdout).toContain('Giữ điểm: 2 tiêu chí.');
      expect(replaced.stdout).toContain('1.4 Sáng kiến (tối đa 1)');
      expect(replaced.stdout).toContain('1.2 Báo cáo đúng hạn (tối đa 2)');
      expect(replaced.stdout).toContain('1.1 Kiểm tra CCHC: 4 → 5');
      // Kept: Sở A 3.5 + 4 = 75%, Sở B 2 + 1.5 = 35%; 1.2's scores are gone.
      const after = JSON.parse((await parindex('--json', 'compute', '--cycle', '2027')).stdout);
      expect(after.groups[0].meanIndex).toBe('55.00');
      // The same document again: nothing stored, said so, exit 0.
      const same = await parindex('rubric', 'replace', '--cycle', '2027', file('t27-v2-again.json', rubric([{ ...L11, max: '5' }, L13, { ...L12, code: '1.4', title: 'Sáng kiến', max: '1' }])));
      expect([same.code, same.stdout]).toEqual([0, expect.stringContaining('Bộ chỉ số không thay đổi: không lưu phiên bản mới. Kỳ đánh giá vẫn dùng T27, phiên bản 2.')]);

      // 1.1 lowered 5 → 3 while Sở A has 3,5: refused, listed; with --rescale scaled 3/5 and listed.
      const v3 = file('t27-v3.json', rubric([{ ...L11, max: '3' }, L13, { ...L12, code: '1.4', title: 'Sáng kiến', max: '3' }]));
      const refused = await parindex('rubric', 'replace', '--cycle', '2027', v3);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Sở A — 1.1: điểm quyết định 3,5 > điểm tối đa mới 3');
      expect(refused.stderr).toContain('--rescale');
      const rescaled = await parindex('--json', 'rubric', 'replace', '--cycle', '2027', '--rescale', v3);
      expect(rescaled.code, rescaled.stderr).toBe(0);
      const out = JSON.parse(rescaled.stdout);
      expect(out).toMatchObject({ unchanged: false, rubric: { version: 3 }, reweighted: [{ code: '1.1', oldMax: '5', newMax: '3' }, { code: '1.4', oldMax: '1', newMax: '3' }] });
      expect(out.rescaled.filter((x: { field: string }) => x.field === 'final').map((x: { unitName: string; before: string; after: string }) => [x.unitName, x.before, x.after]).sort())
        .toEqual([['Sở A', '3.5', '2.1'], ['Sở B', '2', '1.2']]);
      // Sở A 2.1 + 4 of 10, Sở B 1.2 + 1.5 of 10.
      expect(JSON.parse((await parindex('--json', 'compute', '--cycle', '2027')).stdout).groups[0].meanIndex).toBe('44.00');
    }, 240_000);
  });
}
