/**
 * The components of an additive national index (PAR Index fields, PAPI dimensions) add up to its
 * total: the demo's figures do, and an entry or an import that does not is refused with the index
 * and the year named. A partial list of components (some dimensions only) is still accepted.
 */
import { dec } from '@parindex/engine';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { checkResult } from '../services/external-indices.service.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login, type TestSession } from '../testing/sessions.ts';
import { buildApp } from './app.ts';

const FIELDS = [['LV1', '10'], ['LV2', '11'], ['LV3', '13'], ['LV4', '10'], ['LV5', '13'], ['LV6', '9'], ['LV7', '14'], ['LV8', '20']] as const;
const parComponents = (values: string[]) => FIELDS.map(([code, max], i) => ({ code, name: code, value: values[i], max }));

it('checks the sum only for additive indices whose components cover the whole scale', () => {
  const exact = parComponents(['8.32', '9.27', '11.08', '8.32', '10.95', '7.67', '11.65', '16.86']); // 84.12
  expect(checkResult('par_index', { value: '84.12', maxValue: '100', components: exact })).toEqual([]);
  expect(checkResult('par_index', { value: '84.13', maxValue: '100', components: exact })).toEqual([]); // within 0.01
  const [off] = checkResult('par_index', { value: '84.12', maxValue: '100', components: parComponents(['8.2', '9.02', '10.66', '8.2', '10.66', '7.38', '11.48', '16.4']) });
  expect(off).toBe('các thành phần cộng lại được 82 nhưng giá trị tổng là 84,12 (lệch 2,12); sửa giá trị hoặc các thành phần cho khớp (sai lệch tối đa 0,01).');
  // Two PAPI dimensions of eight: not the whole scale, nothing to add up.
  expect(checkResult('papi', { value: '43.1', maxValue: '80', components: [{ code: 'D1', name: 'D1', value: '5.2', max: '10' }, { code: 'D2', name: 'D2', value: '5.5', max: '10' }] })).toEqual([]);
  // PCI sub-indices are weighted, never summed.
  const pci = Array.from({ length: 10 }, (_, i) => ({ code: `P${i + 1}`, name: `P${i + 1}`, value: '6.5', max: '10' }));
  expect(checkResult('pci', { value: '66.31', maxValue: '100', components: pci })).toEqual([]);
  expect(checkResult('papi', { value: '66.31', maxValue: '100', components: pci })).toHaveLength(1);
});

describeEachDatabase(
  'external indices add up',
  (getDb, kind) => {
    let app: FastifyInstance;
    let secretariat: TestSession;
    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
      secretariat = await login(app, 'sonoivu');
    }, 120_000);
    afterAll(() => app?.close());

    it('seeds PAR Index fields and PAPI dimensions that sum exactly to each year’s total', async () => {
      const list = (await app.inject('/api/external-indices')).json() as { code: string; years: { year: number; result: { value: string; components: { value: string; max: string }[] } | null }[] }[];
      let checked = 0;
      for (const index of list.filter((i) => i.code === 'par_index' || i.code === 'papi'))
        for (const y of index.years.filter((r) => r.result?.components.length)) {
          const sum = y.result!.components.reduce((s, c) => s.plus(dec(c.value)), dec(0));
          expect(sum.toFixed(2), `${index.code} ${y.year}`).toBe(dec(y.result!.value).toFixed(2));
          for (const c of y.result!.components) expect(dec(c.value).lte(dec(c.max))).toBe(true);
          checked++;
        }
      expect(checked).toBe(6); // PAR Index and PAPI, 2022–2024
    });

    it('refuses an entry whose fields do not add up, naming the index and the year', async () => {
      const components = parComponents(['8.32', '9.27', '11.08', '8.32', '10.95', '7.67', '11.65', '16.86']);
      const bad = await app.inject({ method: 'PUT', url: '/api/work/external-indices/par_index/2025', headers: secretariat.headers, payload: { value: '85', maxValue: '100', rank: 20, rankOf: 34, components } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toBe('PAR Index năm 2025: các thành phần cộng lại được 84,12 nhưng giá trị tổng là 85 (lệch 0,88); sửa giá trị hoặc các thành phần cho khớp (sai lệch tối đa 0,01).');
      const list = (await app.inject('/api/external-indices')).json();
      expect(list[0].years.find((y: { year: number }) => y.year === 2025)?.result ?? null).toBeNull();
      const ok = await app.inject({ method: 'PUT', url: '/api/work/external-indices/par_index/2025', headers: secretariat.headers, payload: { value: '84.12', maxValue: '100', rank: 20, rankOf: 34, components } });
      expect(ok.statusCode).toBe(200);
    });
  },
  { truncateEach: false },
);
