import { describe, expect, it } from 'vitest';
import { cyclePath, dashboardPath, matchRoute, rubricPath, unitPath } from './router.tsx';

describe('matchRoute', () => {
  it('maps the two addresses of the app', () => {
    expect(matchRoute('/')).toEqual({ name: 'results', cycleId: null });
    expect(matchRoute('/cycles/lc-2020')).toEqual({ name: 'results', cycleId: 'lc-2020' });
    expect(matchRoute('/cycles/lc-2020/')).toEqual({ name: 'results', cycleId: 'lc-2020' });
  });

  it('round-trips ids that need escaping', () => {
    expect(matchRoute(cyclePath('năm 2025/2'))).toEqual({ name: 'results', cycleId: 'năm 2025/2' });
  });

  it('maps a unit’s scorecard and the dashboard', () => {
    expect(matchRoute(unitPath('c 1', 'đơn vị/2'))).toEqual({ name: 'unit', cycleId: 'c 1', unitId: 'đơn vị/2' });
    expect(matchRoute(dashboardPath())).toEqual({ name: 'dashboard', cycleId: null });
    expect(matchRoute(dashboardPath('c1'))).toEqual({ name: 'dashboard', cycleId: 'c1' });
    expect(matchRoute('/cycles/c1/units')).toEqual({ name: 'notFound' });
  });

  it('maps the rubric pages: a published year’s, with a leaf’s anchor, and the secretariat’s', () => {
    expect(matchRoute(rubricPath('c 1'))).toEqual({ name: 'rubric', cycleId: 'c 1' });
    expect(rubricPath('c1', '1.2.3')).toBe('/cycles/c1/rubric#tc-1.2.3');
    expect(matchRoute(new URL(rubricPath('c1', '1.2.3'), 'http://x').pathname)).toEqual({ name: 'rubric', cycleId: 'c1' });
    expect(matchRoute('/work/rubrics')).toEqual({ name: 'work', page: 'rubrics', cycleId: null, unitId: null });
    expect(matchRoute('/cycles/c1/rubric/x')).toEqual({ name: 'notFound' });
  });

  it('sends anything else to not-found', () => {
    expect(matchRoute('/cycles')).toEqual({ name: 'notFound' });
    expect(matchRoute('/cycles/a/b')).toEqual({ name: 'notFound' });
    expect(matchRoute('/cycles/%E0%A4%A')).toEqual({ name: 'notFound' });
  });
});
