import { describe, expect, it } from 'vitest';
import { importedTotals, largestMax } from './imported-totals.ts';

describe('imported table figures', () => {
  it('total = appraised + survey, exact', () => {
    const t = importedTotals({ appraised: '61.35', survey: '18.7', maxPoints: '100' });
    expect([t.appraised, t.survey, t.total, t.max].map((d) => d.toFixed())).toEqual(['61.35', '18.7', '80.05', '100']);
  });

  it('the full scale is the largest maximum, 0 with no rows', () => {
    expect(largestMax(['95.5', '100', '97']).toFixed()).toBe('100');
    expect(largestMax(['9.5', '10.25']).toFixed()).toBe('10.25');
    expect(largestMax([]).toFixed()).toBe('0');
  });
});
