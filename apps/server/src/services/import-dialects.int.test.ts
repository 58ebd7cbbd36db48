/**
 * Issue 12, item 4 — imports never save a wrong number or a garbled name: a decimal comma in a
 * comma-separated scores file is refused (the earlier value kept), a `;` file's 0,75 is 0.75, a
 * Windows-1258 units file keeps "Sở Nội vụ", an NFD name is stored NFC.
 */
import type { RubricDocumentInput } from '@parindex/contracts';
import { AppError } from '@parindex/contracts';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { CONSOLE } from '../auth/auth.service.ts';
import { leafScores } from '../db/schema.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { toWindows1258 } from '../testing/table-dialects.ts';
import { repositories } from './repositories.ts';
import { RubricService } from './rubric.service.ts';
import { ScoreImportService } from './score-import.service.ts';
import { UnitService } from './unit.service.ts';

const manual = (code: string) => ({ code, title: `Tiêu chí ${code}`, max: '1', source: 'appraised', rule: { type: 'manual' } }) as const;
const rubric: RubricDocumentInput = {
  code: 'T29', name: 'Bộ chỉ số thử 2029', year: 2029, unitKinds: ['department'],
  settings: { bands: [{ label: 'Tốt', min: '80' }, { label: 'Trung bình', min: '0' }], ties: { mode: 'shared' } },
  peerGroups: [{ code: 'departments', name: 'Sở, ban, ngành' }],
  fields: [{ code: '1', title: 'Chỉ đạo, điều hành', max: '3', children: [manual('1.1'), manual('1.2'), manual('1.3')] }],
};

describeEachDatabase('imports in every file dialect never save a wrong number or name', (getDb) => {
  async function setup() {
    const db = getDb();
    await new RubricService(db).upload(CONSOLE, Buffer.from(JSON.stringify(rubric)));
    await new UnitService(db).importFile(Buffer.from('code,name,kind\nso-a,Sở A,department\nso-b,Sở B,department\n'));
    const scores = new ScoreImportService(db);
    const { cycle } = await scores.createCycle({ year: 2029, rubric: 'T29', unitsFile: Buffer.from('unit_code,peer_group\nso-a,departments\nso-b,departments\n') });
    const units = new Map((await repositories(db).cycles.listCycleUnits(cycle.id)).map((u) => [u.code, u.unitId]));
    const points = async () => Object.fromEntries(
      (await db.select().from(leafScores).where(eq(leafScores.cycleId, cycle.id)))
        .map((r) => [`${[...units].find(([, id]) => id === r.unitId)![0]}/${r.leafCode}`, r.points === null ? null : Number(r.points)]),
    );
    return { db, cycle, scores, points, units };
  }

  it('scores import: an unquoted decimal comma is refused naming every such row; the earlier 0.75 is kept; nothing saved', async () => {
    const { cycle, scores, points } = await setup();
    await scores.importScores(cycle.id, Buffer.from('unit_code,leaf_code,points\nso-a,1.2,0.75\nso-b,1.1,0.5\n'));
    expect(await points()).toEqual({ 'so-a/1.2': 0.75, 'so-b/1.1': 0.5 });

    const err = await scores.importScores(cycle.id, Buffer.from('unit_code,leaf_code,points\nso-a,1.1,1\nso-a,1.2,0,75\nso-b,1.1,"0,25"\nso-b,1.3,0,5\n')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toEqual([
      { row: 3, message: 'Dòng 3 có 4 ô, tiêu đề có 3 ô — dấu phẩy thập phân? Hãy dùng dấu chấm (0.75), hoặc đặt số trong ngoặc kép ("0,75"), hoặc dùng dấu chấm phẩy làm dấu phân cách.' },
      { row: 5, message: expect.stringContaining('Dòng 5 có 4 ô, tiêu đề có 3 ô — dấu phẩy thập phân?') },
    ]);
    // Nothing saved: neither the good rows of the file nor a 0 over the earlier 0.75.
    expect(await points()).toEqual({ 'so-a/1.2': 0.75, 'so-b/1.1': 0.5 });
  });

  it('scores import: a ; file (Vietnamese Excel) and a tab file read 0,75 as 0.75; a quoted "0,25" in a comma file as 0.25', async () => {
    const { cycle, scores, points } = await setup();
    await scores.importScores(cycle.id, Buffer.from('\uFEFFunit_code;leaf_code;points\r\nso-a;1.2;0,75\r\nso-b;1.1;1\r\n'));
    expect(await points()).toEqual({ 'so-a/1.2': 0.75, 'so-b/1.1': 1 });
    await scores.importScores(cycle.id, Buffer.from('unit_code\tleaf_code\tpoints\nso-a\t1.3\t0,125\n'));
    await scores.importScores(cycle.id, Buffer.from('unit_code,leaf_code,points\nso-b,1.2,"0,25"\n'));
    expect(await points()).toEqual({ 'so-a/1.2': 0.75, 'so-b/1.1': 1, 'so-a/1.3': 0.125, 'so-b/1.2': 0.25 });
  });

  it('units import: a Windows-1258 file (Excel "CSV" on Vietnamese Windows) stores "Sở Nội vụ", NFC', async () => {
    const db = getDb();
    const file = toWindows1258('code;name;kind\r\nso-nv;Sở Nội vụ;department\r\nso-tp;Sở Tư pháp;department\r\nso-gd;Sở Giáo dục và Đào tạo;department\r\n')!;
    expect(file.toString('utf8')).toContain('\uFFFD'); // not UTF-8: read as UTF-8 it would be "S�� N��i vu�"
    expect(await new UnitService(db).importFile(file)).toMatchObject({ units: 3 });
    const names = (await repositories(db).units.listAll()).map((u) => u.name);
    expect(names.sort()).toEqual(['Sở Giáo dục và Đào tạo', 'Sở Nội vụ', 'Sở Tư pháp'].map((n) => n.normalize('NFC')).sort());
    for (const n of names) expect(n).toBe(n.normalize('NFC'));
  });

  it('units import: an NFD name (a macOS file), in UTF-16 with a BOM too, is stored NFC', async () => {
    const db = getDb();
    const nfd = 'Sở Nội vụ'.normalize('NFD');
    await new UnitService(db).importFile(Buffer.from(`code,name,kind\nso-nv,${nfd},department\n`));
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`code\tname\tkind\r\nso-tp\t${'Sở Tư pháp'.normalize('NFD')}\tdepartment\r\n`, 'utf16le')]);
    await new UnitService(db).importFile(utf16);
    const byCode = new Map((await repositories(db).units.listAll()).map((u) => [u.code, u.name]));
    expect(byCode.get('so-nv')).toBe('Sở Nội vụ'.normalize('NFC'));
    expect(byCode.get('so-tp')).toBe('Sở Tư pháp'.normalize('NFC'));
  });
});
