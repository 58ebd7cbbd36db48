import { describe, expect, it } from 'vitest';
import { dec } from './decimal.ts';
import { classify, rankUnits, summarize } from './ranking.ts';

const bands = [
  { label: 'Tốt', min: '80' },
  { label: 'Khá', min: '70' },
  { label: 'Trung bình', min: '0' },
];
const u = (unitId: string, appraised: string, survey: string, max = '100', group = 'g') => ({
  unitId, name: unitId, group, appraised: dec(appraised), survey: dec(survey), total: dec(appraised).plus(dec(survey)), max: dec(max),
});

describe('classification, ranks and group figures', () => {
  it('classifies on the published (2-decimal) index', () => {
    expect(classify(dec('79.995'), bands)).toBe('Tốt'); // shown as 80,00
    expect(classify(dec('79.994'), bands)).toBe('Khá');
    expect(classify(dec('12'), bands)).toBe('Trung bình');
  });
  it('shared ties: 1, 2, 2, 4', () => {
    const r = rankUnits([u('a', '60', '30'), u('b', '60', '20'), u('c', '50', '30'), u('d', '50', '10')], bands, { mode: 'shared' });
    expect(r.map((x) => [x.unitId, x.rank])).toEqual([['a', 1], ['b', 2], ['c', 2], ['d', 4]]);
  });
  it('ordered ties: higher appraised points first, then survey', () => {
    const r = rankUnits([u('c', '50', '30'), u('b', '60', '20'), u('a', '60', '20')], bands, { mode: 'ordered', keys: ['appraised', 'survey'] });
    expect(r.map((x) => [x.unitId, x.rank, x.order])).toEqual([['a', 1, 1], ['b', 1, 2], ['c', 3, 3]]);
  });
  it('ranks each peer group separately, by index and not points', () => {
    const r = rankUnits([u('x', '60', '34.43'), u('y', '50', '19.25', '71.5'), u('z', '40', '40', '100', 'other')], bands, { mode: 'shared' });
    expect(r.filter((x) => x.group === 'g').map((x) => x.unitId)).toEqual(['y', 'x']);
    expect(r.find((x) => x.unitId === 'z')!.rank).toBe(1);
  });
  it('refuses a unit with a zero maximum, naming it', () => {
    expect(() => rankUnits([u('Sở Z', '0', '0', '0')], bands, { mode: 'shared' })).toThrow('Sở Z');
  });
  it('group figures: mean of indices, highest, lowest, count per class', () => {
    const r = rankUnits([u('a', '60', '30'), u('b', '50', '25', '98'), u('c', '40', '20')], bands, { mode: 'shared' });
    const s = summarize(r, bands);
    expect(s.count).toBe(3);
    expect(s.highestIndex.toFixed()).toBe('90');
    expect(s.lowestIndex.toFixed()).toBe('60');
    expect(s.meanIndex.toFixed(6)).toBe(dec(90).plus(dec(75).times(100).dividedBy(98)).plus(60).dividedBy(3).toFixed(6));
    expect(s.classCounts).toEqual([{ label: 'Tốt', count: 1 }, { label: 'Khá', count: 1 }, { label: 'Trung bình', count: 1 }]);
  });
});
