/**
 * The public results cache on several servers (PGlite and PostgreSQL): two apps on one database
 * stand for two servers behind a proxy. A correction published through one is served by the other
 * once its remembered publication key is older than the stamp TTL (1 s in production; shortened
 * here through the app option instead of waiting), never the old figures after that.
 */
import type { CycleResultsDto } from '@parindex/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { login, type TestSession } from '../testing/sessions.ts';
import { buildApp } from './app.ts';

const STAMP_TTL_MS = 150;
const rows = (r: CycleResultsDto) => r.groups.flatMap((g) => g.units);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase(
  'public results on several servers',
  (getDb, kind) => {
    let a: FastifyInstance, b: FastifyInstance;
    let secretariat: TestSession;
    let cycleId: string;

    beforeAll(async () => {
      await seedDemoIfEmpty(getDb());
      const database = { db: getDb(), kind, close: async () => {} };
      a = await buildApp({ database });
      b = await buildApp({ database, publicCacheStampTtlMs: STAMP_TTL_MS });
      secretariat = await login(a, 'sonoivu');
      const cycles = (await a.inject({ url: '/api/work/cycles', headers: secretariat.headers })).json() as { id: string; year: number }[];
      cycleId = cycles.find((c) => c.year === 2025)!.id;
    }, 120_000);
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it('serves on server B the correction published through server A once B’s stamp is older than its TTL', async () => {
      const fromB = async () => {
        const res = await b.inject({ url: `/api/cycles/${cycleId}/results` });
        expect(res.statusCode).toBe(200);
        return { etag: res.headers.etag, results: res.json() as CycleResultsDto };
      };
      const before = await fromB(); // fills B's cache and remembers the key of version 1
      const group = before.results.groups.find((g) => g.units.length >= 2)!;
      const top = [...group.units].sort((x, y) => x.order - y.order)[0];
      const card = (await b.inject({ url: `/api/cycles/${cycleId}/units/${top.unitId}` })).json() as { leaves: { code: string; source: string; effect: string; points: string }[] };
      const leaf = card.leaves.filter((l) => l.source === 'appraised' && l.effect === 'score' && Number(l.points) > 0).sort((x, y) => Number(y.points) - Number(x.points))[0];

      const published = await a.inject({
        method: 'POST',
        url: `/api/work/cycles/${cycleId}/corrections`,
        headers: secretariat.headers,
        payload: { items: [{ unitId: top.unitId, leafCode: leaf.code, points: '0', reason: 'Tài liệu kiểm chứng không đúng năm.' }], reason: 'Đính chính theo kết quả kiểm tra.', decisionNumber: '59/QĐ-UBND', decisionDate: '2026-04-11', basedOnVersion: 1 },
      });
      expect(published.statusCode).toBe(200);
      const corrected = (await a.inject({ url: `/api/cycles/${cycleId}/results` })).json() as CycleResultsDto;
      const totalOf = (r: CycleResultsDto) => rows(r).find((u) => u.unitId === top.unitId)!.total;
      expect(Number(totalOf(corrected))).toBeCloseTo(Number(totalOf(before.results)) - Number(leaf.points), 6);

      await sleep(STAMP_TTL_MS + 100);
      const after = await fromB();
      expect(rows(after.results)).toEqual(rows(corrected));
      expect(after.etag).not.toBe(before.etag);
      expect(rows(after.results)).not.toEqual(rows(before.results));
    });
  },
  { truncateEach: false },
);
