import { RubricDocument } from '@parindex/contracts';
import { Decimal, applicableMax, indexRubric, validateRubric } from '@parindex/engine';
import { expect, it } from 'vitest';
import { rankChangeText } from '../documents/document-format.ts';
import { UnitRepository } from '../repositories/unit.repository.ts';
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
    // A commune formed from two 2024 communes: the baseline is Σ wᵢ·indexᵢ ÷ Σ wᵢ of its
    // predecessors' published 2024 indices (computed here from the stored rows, not by the engine).
    const res2024 = await svc.getResults(cycles[1].id, { publicOnly: true });
    const units2024 = new Map(res2024.groups.flatMap((g) => g.units).map((u) => [u.unitId, u]));
    const merged = units.find((u) => u.unitCode === 'phuong-tan-lap')!;
    const links = (await new UnitRepository(db).listLineage()).filter((l) => l.successorId === merged.unitId);
    expect(links).toHaveLength(2);
    const weights = links.map((l) => new Decimal(l.weight));
    const weighted = links
      .reduce((s, l, i) => s.plus(weights[i].times(units2024.get(l.predecessorId)!.index)), new Decimal(0))
      .dividedBy(weights.reduce((a, b) => a.plus(b), new Decimal(0)));
    expect(merged.change?.basis).toBe('weighted');
    expect(new Decimal(merged.change!.previousIndex!).minus(weighted).abs().lessThan('1e-30')).toBe(true);
    expect(new Decimal(merged.change!.indexDelta!).minus(new Decimal(merged.index).minus(weighted)).abs().lessThan('1e-30')).toBe(true);
    expect(merged.change?.rankDelta).toBeNull();
    expect(merged.change?.previousRank).toBeNull();
    expect(rankChangeText(merged)).toBe('đơn vị hợp nhất: không so sánh thứ hạng');
    // A 1:1 commune (same code both years): last year's own rank, and the move in words.
    const unchanged = units.find((u) => u.unitCode === 'phuong-ta-mung')!;
    const before = [...units2024.values()].find((u) => u.unitCode === 'phuong-ta-mung')!;
    const moved = before.rank - unchanged.rank;
    expect(unchanged.change).toMatchObject({ basis: 'direct', previousRank: before.rank, rankDelta: moved, previousIndex: before.index });
    expect(moved).not.toBe(0); // the demo is chosen so that this commune moves
    expect(rankChangeText(unchanged)).toBe(moved > 0 ? `tăng ${moved} bậc` : `giảm ${-moved} bậc`);
    const reduced = units.find((u) => u.unitCode === 'dai-phat-thanh-va-truyen-hinh-tinh')!;
    expect(reduced.max).toBe('86.75');
    expect(reduced.exclusions[0].basis).toContain('Không có TTHC');
  });
});
