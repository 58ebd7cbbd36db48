import { RubricDocument } from '@parindex/contracts';
import { applicableMax, indexRubric, validateRubric } from '@parindex/engine';
import { expect, it } from 'vitest';
import { ResultsService } from '../services/results.service.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { demoRubric } from './demo-rubric.ts';
import { seedDemoIfEmpty } from './seed-demo.ts';

it('the demo rubric is valid: 8 fields + bonus/deduction, 88 leaves, 70 appraised + 30 survey = 100', () => {
  const doc = RubricDocument.parse(demoRubric());
  expect(validateRubric(doc)).toEqual([]);
  const idx = indexRubric(doc);
  expect(idx.leaves).toHaveLength(88);
  expect(applicableMax(idx, 'departments').toFixed()).toBe('100');
  expect(applicableMax(idx, 'special_departments', ['3']).toFixed()).toBe('86.75'); // field 3 (13,25 points) excluded
});

describeEachDatabase('demo province seed', (getDb) => {
  it('seeds once: 2024 history and 2025 results with lineage-aware changes', async () => {
    const db = getDb();
    const summary = await seedDemoIfEmpty(db);
    expect(summary?.units2025).toBe(50);
    expect(await seedDemoIfEmpty(db)).toBeNull();
    const svc = new ResultsService(db);
    const cycles = await svc.listCycles({ publicOnly: true });
    expect(cycles.map((c) => [c.year, c.status])).toEqual([[2025, 'published'], [2024, 'closed']]);
    const res = await svc.getResults(cycles[0].id, { publicOnly: true });
    expect(res.groups.map((g) => [g.summary.code, g.summary.count])).toEqual([['departments', 15], ['special_departments', 5], ['communes', 30]]);
    const units = res.groups.flatMap((g) => g.units);
    const merged = units.find((u) => u.unitCode === 'xa-tan-lap'.replace('xa', 'phuong'))!;
    expect(merged.change?.basis).toBe('weighted');
    expect(merged.change?.rankDelta).toBeNull();
    const unchanged = units.find((u) => u.unitCode === 'phuong-ta-mung')!;
    expect(unchanged.change?.basis).toBe('direct');
    expect(typeof unchanged.change?.rankDelta).toBe('number');
    const reduced = units.find((u) => u.unitCode === 'dai-phat-thanh-va-truyen-hinh-tinh')!;
    expect(reduced.max).toBe('86.75');
    expect(reduced.exclusions[0].basis).toContain('Không có TTHC');
  });
});
