import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardDto, UnitScorecardDto } from '@parindex/contracts';
import { Decimal } from '@parindex/engine';
import { CycleRepository } from '../repositories/cycle.repository.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { ResultsService } from '../services/results.service.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { buildApp } from './app.ts';
import { PublicCache } from './public-cache.ts';
import { injectPageMeta, publicPageOf } from './spa-html.ts';

describeEachDatabase(
  'public portal API on the demo province',
  (getDb, kind) => {
    let app: FastifyInstance;
    let cycle2025: string;
    let cycle2024: string;
    const unitIds = new Map<string, string>();
    const webDist = mkdtempSync(path.join(os.tmpdir(), 'parindex-web-'));
    writeFileSync(
      path.join(webDist, 'index.html'),
      '<!doctype html><html lang="vi"><head><title>ParIndex</title>\n<meta\n  name="description"\n  content="chung"\n/>\n</head><body><div id="root"></div></body></html>',
    );

    beforeAll(async () => {
      const db = getDb();
      await seedDemoIfEmpty(db);
      const cycles = await new ResultsService(db).listCycles({ publicOnly: true });
      cycle2025 = cycles.find((c) => c.year === 2025)!.id;
      cycle2024 = cycles.find((c) => c.year === 2024)!.id;
      const results = await new ResultsService(db).getResults(cycle2025, { publicOnly: true });
      for (const u of results.groups.flatMap((g) => g.units)) unitIds.set(u.unitCode, u.unitId);
      app = await buildApp({ database: { db, kind, close: async () => {} }, webDist });
    });
    afterAll(async () => {
      await app?.close();
      rmSync(webDist, { recursive: true, force: true });
    });

    const scorecard = async (code: string): Promise<UnitScorecardDto> => {
      const res = await app.inject(`/api/cycles/${cycle2025}/units/${unitIds.get(code)}`);
      expect(res.statusCode).toBe(200);
      return res.json();
    };

    it('a merged commune: weighted baseline, no rank change, its trend through its predecessors', async () => {
      const s = await scorecard('phuong-tan-lap');
      const csv = (await app.inject(`/api/cycles/${cycle2025}/results/export?format=csv`)).body;
      expect(csv.split('\n').find((l) => l.includes(',phuong-tan-lap,'))).toContain(',đơn vị hợp nhất: không so sánh thứ hạng,');
      expect(s.unit.change?.basis).toBe('weighted');
      expect(s.unit.change?.rankDelta).toBeNull();
      expect(s.trend.map((p) => [p.year, p.basis])).toEqual([[2024, 'weighted'], [2025, 'current']]);
      expect(s.trend[0].rank).toBeNull();
      expect(s.trend[0].index).toBe(s.unit.change?.previousIndex);
      expect(s.trend[1].index).toBe(s.unit.index);
    });

    it('a 1:1 commune: its rank change, and last year’s own rank and class in the trend', async () => {
      const s = await scorecard('phuong-ta-mung');
      const r2024 = (await app.inject(`/api/cycles/${cycle2024}/results`)).json() as { groups: { units: { unitCode: string; rank: number }[] }[] };
      const before = r2024.groups.flatMap((g) => g.units).find((u) => u.unitCode === 'phuong-ta-mung')!;
      const moved = before.rank - s.unit.rank;
      expect(s.unit.change).toMatchObject({ basis: 'direct', previousRank: before.rank, rankDelta: moved });
      // the open data says it in words, as the printed table does
      const csv = (await app.inject(`/api/cycles/${cycle2025}/results/export?format=csv`)).body;
      const line = csv.split('\n').find((l) => l.includes(',phuong-ta-mung,'))!;
      expect(line).toContain(moved > 0 ? `,tăng ${moved} bậc,` : `,giảm ${-moved} bậc,`);
      expect(csv.split('\n')[0].trim()).toMatch(/,index_change,rank_change,total_change,bonus_points,deduction_points,publication_version,decision_number,decision_date$/);
      const totalChange = line.trim().split(',').at(-6)!;
      expect(totalChange).toBe(new Decimal(s.unit.change!.totalDelta!).toFixed(2, Decimal.ROUND_HALF_UP));
      expect(s.trend[0]).toMatchObject({ year: 2024, basis: 'direct', rank: s.unit.change?.previousRank });
      expect(s.trend[0].classification).toBeTruthy();
    });

    it('components per field and criterion with titles, against the group average', async () => {
      const s = await scorecard('so-tu-phap');
      expect(s.hasComponents).toBe(true);
      expect(s.fields.length).toBeGreaterThanOrEqual(8);
      const f3 = s.fields.find((f) => f.code === '3')!;
      expect(f3.title).toBe('Cải cách thủ tục hành chính');
      expect(f3.groupMeanIndex).not.toBeNull();
      expect(s.criteria.every((c) => c.parent !== null && c.title.length > 0)).toBe(true);
      // the component index is 100 × points ÷ max of the node
      expect(Number(f3.index)).toBeCloseTo((100 * Number(f3.points)) / Number(f3.max), 10);
    });

    it('leaves sorted by points lost, and what it takes with the fewest leaves', async () => {
      const s = await scorecard('so-tu-phap');
      const lost = s.leaves.map((l) => Number(l.lost));
      expect(lost).toEqual([...lost].sort((a, b) => b - a));
      expect(s.leaves.some((l) => l.source === 'survey' && l.selfPoints === null)).toBe(true);
      expect(s.leaves.filter((l) => l.source === 'appraised' && l.effect === 'score').every((l) => l.selfPoints !== null)).toBe(true);
      // every leaf: final points; survey leaves their survey points; the demo year kept no appraisal stage
      expect(s.leaves.every((l) => l.finalPoints === l.points)).toBe(true);
      expect(s.leaves.filter((l) => l.source === 'survey').every((l) => l.surveyPoints === l.points)).toBe(true);
      expect(s.leaves.filter((l) => l.source === 'appraised').every((l) => l.surveyPoints === null && l.appraisedPoints === null)).toBe(true);
      for (const t of [s.nextClass, s.nextRank].filter((x) => x !== null)) {
        if (!t!.reachable) continue;
        const cover = t!.leaves.reduce((a, l) => a + Number(l.lost), 0);
        expect(cover).toBeGreaterThanOrEqual(Number(t!.pointsNeeded));
        // fewest: dropping the smallest chosen leaf leaves the gap uncovered
        expect(cover - Number(t!.leaves.at(-1)!.lost)).toBeLessThan(Number(t!.pointsNeeded) + (t!.strict ? 1e-12 : 0));
      }
    });

    it('the first of a group has no next rank; unknown unit → 404 in Vietnamese', async () => {
      const results = (await app.inject(`/api/cycles/${cycle2025}/results`)).json();
      const first = results.groups[0].units[0];
      const s = (await app.inject(`/api/cycles/${cycle2025}/units/${first.unitId}`)).json();
      expect(s.nextRank).toBeNull();
      const res = await app.inject(`/api/cycles/${cycle2025}/units/khong-co`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toContain('không có trong kết quả');
    });

    it('an imported year (totals only) has a scorecard without components', async () => {
      const r2024 = (await app.inject(`/api/cycles/${cycle2024}/results`)).json();
      const u = r2024.groups[0].units[0];
      const s = (await app.inject(`/api/cycles/${cycle2024}/units/${u.unitId}`)).json();
      expect([s.hasComponents, s.fields, s.leaves, s.trend.length]).toEqual([false, [], [], 1]);
    });

    it('dashboard: units × fields, class counts, field averages per group, group means over the years', async () => {
      const res = await app.inject(`/api/cycles/${cycle2025}/dashboard`);
      expect(res.statusCode).toBe(200);
      const d: DashboardDto = res.json();
      expect(d.groups.map((g) => [g.summary.code, g.units.length])).toEqual([['departments', 15], ['special_departments', 5], ['communes', 30]]);
      expect(d.fields.slice(0, 3).map((f) => f.code)).toEqual(['1', '2', '3']);
      const special = d.groups[1];
      const radio = special.units.find((u) => u.unitName.startsWith('Đài Phát thanh'))!;
      expect(radio.fields.find((f) => f.code === '3')!.indexRounded).toBeNull(); // field 3 excluded
      const f3 = special.fieldAverages.find((f) => f.code === '3')!;
      expect(f3.count).toBe(3); // two special units are excluded from field 3
      expect(d.trend.map((t) => t.year)).toEqual([2024, 2025]);
      expect(d.sipas.surveys).toEqual([]); // the published demo year ran no SIPAS survey on the system
      expect(d.trend[1].groups.find((g) => g.code === 'communes')!.meanIndexRounded).toBe(d.groups[2].summary.meanIndexRounded);
    });

    it('results are served from the cache with an ETag and answer 304 to a client that has them', async () => {
      const a = await app.inject(`/api/cycles/${cycle2025}/results`);
      const b = await app.inject(`/api/cycles/${cycle2025}/results`);
      expect(a.body).toBe(b.body);
      expect(a.headers['content-type']).toContain('application/json');
      expect(a.headers.etag).toBeTruthy();
      const c = await app.inject({ url: `/api/cycles/${cycle2025}/results`, headers: { 'if-none-match': String(a.headers.etag) } });
      expect(c.statusCode).toBe(304);
      expect(a.json().groups[0].units[0].indexRounded).toMatch(/^\d+\.\d{2}$/);
      // compressed once, for browsers that accept it
      const gz = await app.inject({ url: `/api/cycles/${cycle2025}/results`, headers: { 'accept-encoding': 'gzip, deflate' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toBe(a.body);
      const br = await app.inject({ url: `/api/cycles/${cycle2025}/results`, headers: { 'accept-encoding': 'gzip, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(a.body);
    });

    it('deep links get their own title, description and Open Graph tags', async () => {
      const unit = await app.inject(`/cycles/${cycle2025}/units/${unitIds.get('so-tu-phap')}`);
      expect(unit.headers['content-type']).toContain('text/html');
      expect(unit.body).toContain('<title>Sở Tư pháp — Chỉ số CCHC năm 2025 — ParIndex</title>');
      expect(unit.body).toMatch(/<meta name="description" content="Sở Tư pháp: Chỉ số CCHC năm 2025 đạt \d+,\d{2}%/);
      expect(unit.body).toContain('property="og:title" content="Sở Tư pháp — Chỉ số CCHC năm 2025');
      expect(unit.body).not.toContain('content="chung"');
      const dash = await app.inject(`/cycles/${cycle2025}/dashboard`);
      expect(dash.body).toContain('<title>Bảng tổng hợp Chỉ số CCHC năm 2025 — ParIndex</title>');
      // The portal's home is the newest published year: it previews as that year's results.
      const home = await app.inject('/');
      expect(home.body).toContain('<title>Kết quả Chỉ số CCHC năm 2025 — ParIndex</title>');
      expect(home.body).toContain('property="og:description" content="Chỉ số CCHC năm 2025 của tỉnh Sơn Hà (dữ liệu minh họa): bảng kết quả của 50 đơn vị');
      expect((await app.inject('/dashboard')).body).toContain('<title>Bảng tổng hợp Chỉ số CCHC năm 2025 — ParIndex</title>');
      const news = await app.inject('/thong-bao');
      expect(news.body).toContain('<title>Thông báo — Chỉ số CCHC — ParIndex</title>');
      expect(news.body).toMatch(/property="og:description" content="Thông báo của Hội đồng thẩm định Chỉ số CCHC tỉnh/);
      expect((await app.inject('/khong-co-trang')).body).toContain('<title>ParIndex</title>');
    });

    it('once a cycle is unpublished: results, scorecard, dashboard and deep links answer 404 / the plain page', async () => {
      await new CycleRepository(getDb()).setStatus(cycle2025, 'approved');
      await new Promise((r) => setTimeout(r, 1100)); // a public cycle's cache key is remembered for 1 s
      for (const url of [`/api/cycles/${cycle2025}/results`, `/api/cycles/${cycle2025}/units/${unitIds.get('so-tu-phap')}`, `/api/cycles/${cycle2025}/dashboard`]) {
        const res = await app.inject(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.message).toContain('chưa được công bố');
      }
      const page = await app.inject(`/cycles/${cycle2025}/units/${unitIds.get('so-tu-phap')}`);
      expect(page.body).toContain('<title>ParIndex</title>');
      await new CycleRepository(getDb()).setStatus(cycle2025, 'published');
    });
  },
  { truncateEach: false },
);

describe('public cache', () => {
  it('builds once per key under concurrent requests, and evicts the least recently used', async () => {
    const cache = new PublicCache(2);
    let builds = 0;
    const build = async () => `{"n":${++builds}}`;
    const [a, b] = await Promise.all([cache.get('k1', build), cache.get('k1', build)]);
    expect([String(a.body), String(b.body), builds]).toEqual(['{"n":1}', '{"n":1}', 1]);
    await cache.get('k2', build);
    await cache.get('k1', build); // k1 used again
    await cache.get('k3', build); // evicts k2
    expect(String((await cache.get('k1', build)).body)).toBe('{"n":1}');
    expect(String((await cache.get('k2', build)).body)).toBe('{"n":4}');
  });

  it('does not keep a failed build', async () => {
    const cache = new PublicCache();
    await expect(cache.get('k', async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(String((await cache.get('k', async () => 'ok')).body)).toBe('ok');
  });
});

describe('public deep links', () => {
  it('recognises the portal’s addresses', () => {
    expect(publicPageOf('/cycles/abc')).toEqual({ cycleId: 'abc', page: 'results' });
    expect(publicPageOf('/cycles/abc/dashboard?group=x')).toEqual({ cycleId: 'abc', page: 'dashboard' });
    expect(publicPageOf('/cycles/abc/units/u%201')).toEqual({ cycleId: 'abc', unitId: 'u 1', page: 'unit' });
    expect(publicPageOf('/')).toEqual({ cycleId: null, page: 'results' });
    expect(publicPageOf('/thong-bao/')).toEqual({ cycleId: null, page: 'announcements' });
    expect(publicPageOf('/work')).toBeNull();
    expect(publicPageOf('/cycles/%E0%A4%A')).toBeNull();
  });

  it('escapes what it injects', () => {
    const html = injectPageMeta('<head><title>x</title><meta name="description" content="y" /></head>', { title: 'A <b> & "c"', description: 'd' });
    expect(html).toContain('<title>A &lt;b&gt; &amp; &quot;c&quot;</title>');
  });
});
