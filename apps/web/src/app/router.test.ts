import { describe, expect, it } from 'vitest';
import { cyclePath, dashboardPath, matchRoute, unitPath } from './router.tsx';

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

  it('sends anything else to not-found', () => {
    expect(matchRoute('/cycles')).toEqual({ name: 'notFound' });
    expect(matchRoute('/cycles/a/b')).toEqual({ name: 'notFound' });
    expect(matchRoute('/cycles/%E0%A4%A')).toEqual({ name: 'notFound' });
  });
});
