import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { dec, parseCombineSpec } from '@parindex/engine';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { HistoryService } from './history.service.ts';
import { ResultsService } from './results.service.ts';

const FIXTURE = resolve(import.meta.dirname, '../../../../fixtures/laichau-2020/results.csv');
const published = parse(readFileSync(FIXTURE), { columns: true }) as Record<string, string>[];
const bands = [{ label: 'Tốt', min: '80' }, { label: 'Khá', min: '70' }, { label: 'Trung bình', min: '0' }];
/** Published from unrounded parts; the printed parts give 0.01 more (fixture README). */
const FROM_ROUNDED_PARTS = new Map([['Sở Ngoại vụ', '86.54'], ['Ban Quản lý Khu kinh tế cửa khẩu Ma Lù Thàng', '72.20'], ['Huyện Sìn Hồ', '67.82']]);

describeEachDatabase('Lai Châu 2020 through results import + compute', (getDb) => {
  it('reproduces every published index, class and order, and both group averages', async () => {
    const db = getDb();
    // Lai Châu publishes departments and special departments together as "Khối sở, ban, ngành".
    const combinedGroups = [parseCombineSpec('Khối sở, ban, ngành=departments+special_departments')];
    const imported = await new HistoryService(db).importResults(readFileSync(FIXTURE), { year: 2020, bands, ties: { mode: 'ordered', keys: ['appraised', 'survey'] }, combinedGroups });
    expect(imported.units).toBe(28);
    const svc = new ResultsService(db);
    const summary = await svc.compute(imported.cycle.id);
    expect(summary.combinedGroups.map((g) => [g.name, g.count, g.meanIndex])).toEqual([['Khối sở, ban, ngành', 20, '82.08']]);
    expect(summary.publishedDifferences.map((d) => d.unit).sort()).toEqual([...FROM_ROUNDED_PARTS.keys()].sort());
    const results = await svc.getResults(imported.cycle.id, { publicOnly: true });
    expect(results.groups.map((g) => g.summary.code)).toEqual(['departments', 'special_departments', 'districts']);
    const units = results.groups.flatMap((g) => g.units);
    for (const p of published) {
      const u = units.find((x) => x.unitName === p.unit)!;
      expect(u.indexRounded, p.unit).toBe(FROM_ROUNDED_PARTS.get(p.unit) ?? p.index_percent);
      expect(dec(u.indexRounded).minus(dec(p.index_percent)).abs().lessThanOrEqualTo('0.01')).toBe(true);
      expect([u.classification, u.order, u.group], p.unit).toEqual([p.classification, Number(p.order), p.group]);
    }
    // Both published group averages, as stored in the database by compute.
    const stored = await svc.groupSummaries(imported.cycle.id);
    expect(stored.groups.find((g) => g.code === 'districts')!.meanIndexRounded).toBe('72.65');
    expect(stored.combined.map((g) => [g.name, g.groups, g.count, g.meanIndexRounded])).toEqual([['Khối sở, ban, ngành', ['departments', 'special_departments'], 20, '82.08']]);
    // The combined line is not a peer group: the results page still lists each unit once.
    expect(results.groups.map((g) => g.summary.code)).not.toContain('departments+special_departments');
    expect(units).toHaveLength(28);
  });

  it('compute --combine replaces the combined groups; a group the cycle does not have is refused', async () => {
    const db = getDb();
    const imported = await new HistoryService(db).importResults(readFileSync(FIXTURE), { year: 2020, bands, ties: { mode: 'shared' } });
    const svc = new ResultsService(db);
    expect((await svc.compute(imported.cycle.id)).combinedGroups).toEqual([]);
    const again = await svc.compute(imported.cycle.id, { combine: [parseCombineSpec('Sở và huyện=departments+districts')] });
    // 15 departments (mean 82.67) and 8 districts (72.65): the mean of the 23 units' indices.
    expect(again.combinedGroups.map((g) => [g.count, g.meanIndex])).toEqual([[23, '79.19']]);
    // Kept with the cycle: a later compute without --combine gives the same line.
    expect((await svc.compute(imported.cycle.id)).combinedGroups.map((g) => g.name)).toEqual(['Sở và huyện']);
    const err = await svc.compute(imported.cycle.id, { combine: [parseCombineSpec('X=departments+communes')] }).catch((e) => e);
    expect([err.code, err.message]).toEqual(['VALIDATION', expect.stringContaining('không có nhóm "communes"')]);
  });

  it('a malformed table is refused with every bad row named, and nothing is saved', async () => {
    const db = getDb();
    const csv = 'group,unit,appraised_points,survey_points,max_points\nd,Sở A,62.3,23.37,98\nd,Sở B,hai,20,98\nd,Sở C,90,20,98\nd,Sở A,60,20,98\n';
    const err = await new HistoryService(db).importResults(Buffer.from(csv), { year: 2021, bands, ties: { mode: 'shared' } }).catch((e) => e);
    expect(err.code).toBe('VALIDATION');
    expect(err.issues.map((i: { row: number }) => i.row)).toEqual([3, 4, 5]);
    expect(err.issues[0].message).toContain('"hai" không phải là số');
    expect(await new ResultsService(db).listCycles({ publicOnly: false })).toEqual([]);
  });

  it('a table without a required column names the missing column', async () => {
    const err = await new HistoryService(getDb())
      .importResults(Buffer.from('group,unit,survey_points,max_points\nd,Sở A,20,98\n'), { year: 2021, bands, ties: { mode: 'shared' } })
      .catch((e) => e);
    expect(err.message).toContain('Thiếu cột: "appraised_points"');
  });
});
