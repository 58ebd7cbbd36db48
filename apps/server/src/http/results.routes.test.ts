import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CycleRepository } from '../repositories/cycle.repository.ts';
import { HistoryService } from '../services/history.service.ts';
import { ResultsService } from '../services/results.service.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { buildApp } from './app.ts';

const FIXTURE = readFileSync(resolve(import.meta.dirname, '../../../../fixtures/laichau-2020/results.csv'));
const bands = [{ label: 'Tốt', min: '80' }, { label: 'Khá', min: '70' }, { label: 'Trung bình', min: '0' }];

describeEachDatabase(
  'public results API',
  (getDb, kind) => {
    let app: FastifyInstance;
    let publishedId: string;
    let draftId: string;
    beforeAll(async () => {
      const db = getDb();
      const history = new HistoryService(db);
      const ties = { mode: 'ordered' as const, keys: ['appraised' as const, 'survey' as const] };
      publishedId = (await history.importResults(FIXTURE, { year: 2020, bands, ties })).cycle.id;
      draftId = (await history.importResults(FIXTURE, { year: 2021, bands, ties })).cycle.id;
      const results = new ResultsService(db);
      await results.compute(publishedId);
      await results.compute(draftId);
      await new CycleRepository(db).setStatus(draftId, 'approved');
      app = await buildApp({ database: { db, kind, close: async () => {} } });
    });
    afterAll(() => app?.close());

    it('lists only published or closed cycles', async () => {
      const res = await app.inject('/api/cycles');
      expect(res.statusCode).toBe(200);
      expect(res.json().map((c: { year: number }) => c.year)).toEqual([2020]);
    });

    it('serves a published cycle’s results with exact values and the rounded index', async () => {
      const body = (await app.inject(`/api/cycles/${publishedId}/results`)).json();
      const first = body.groups[0].units[0];
      expect([first.unitName, first.indexRounded, first.rank]).toEqual(['Sở Nội vụ', '87.42', 1]);
      expect(first.index.startsWith('87.4183673469')).toBe(true);
      expect(body.groups[2].summary.meanIndexRounded).toBe('72.65');
    });

    it('refuses the public an unpublished cycle (results and export) with a Vietnamese message', async () => {
      for (const url of [`/api/cycles/${draftId}/results`, `/api/cycles/${draftId}/results/export?format=csv`]) {
        const res = await app.inject(url);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.message).toContain('chưa được công bố');
        expect(res.json().requestId).toBeTruthy();
      }
    });

    it('exports the published table as CSV and rejects an unknown format', async () => {
      const csv = await app.inject(`/api/cycles/${publishedId}/results/export?format=csv`);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('departments,4,so-giao-duc-va-dao-tao,Sở Giáo dục và Đào tạo,61.25,22.70,83.95,98.00,85.66,Tốt,4');
      const bad = await app.inject(`/api/cycles/${publishedId}/results/export?format=exe`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION');
    });

    it('publishes an OpenAPI document of every route', async () => {
      const doc = (await app.inject('/api/docs/json')).json();
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/cycles', '/api/cycles/{id}/results', '/api/health']));
      expect((await app.inject('/api/docs')).statusCode).toBeLessThan(400);
    });

    it('answers unknown API paths with a JSON 404', async () => {
      const res = await app.inject('/api/nothing-here');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    });
  },
  { truncateEach: false },
);

it('refuses to start with a route, API or not, that has no access rule', async () => {
  const app = await buildApp({ database: { db: undefined as never, kind: 'pglite', close: async () => {} } });
  app.get('/api/unguarded', async () => 'x');
  app.get('/bao-cao/unguarded', async () => 'x');
  await expect(app.ready()).rejects.toThrow(/GET \/api\/unguarded.*GET \/bao-cao\/unguarded/);
});
