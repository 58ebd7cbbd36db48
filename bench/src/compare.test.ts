/**
 * The regression guard's rules (compare.ts) and where a run's results go (stamp.ts): what counts
 * as worse per unit, the tolerance, and the runs it refuses to compare.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns, directionOf, formatComparison, parseTolerance } from './compare.ts';
import type { Metric } from './measure.ts';
import { BENCH_DIR, resultsFileFor, type RunStamp } from './stamp.ts';

const stamp = (over: Partial<RunStamp> = {}): RunStamp => ({
  commit: 'a'.repeat(40),
  dirty: false,
  dirtyFiles: 0,
  date: '2026-01-01T00:00:00.000Z',
  scale: 1,
  suites: ['national', 'portal'],
  full: false,
  databases: { national: [{ kind: 'postgresql', version: 'PostgreSQL 15.20' }, { kind: 'embedded', version: 'PGlite 0.5.16' }], portal: [{ kind: 'embedded', version: 'PGlite 0.5.16' }] },
  machine: { cores: 2, memoryGb: 23, cpu: 'test', platform: 'linux', node: 'v20.19.0', loadAverage: { start: [0, 0, 0] } },
  ...over,
});
const run = (metrics: Metric[], over: Partial<RunStamp> = {}) => ({ stamp: stamp(over), metrics });
const m = (name: string, value: number, unit: string): Metric => ({ name, value, unit });

describe('comparing two benchmark runs', () => {
  it('a time 30 % longer is a regression at the default 25 %; 20 % longer is within it', () => {
    const c = compareRuns(run([m('compute.national.postgres_s', 10, 's'), m('recompute.one_score_ms', 10, 'ms')]), run([m('compute.national.postgres_s', 13, 's'), m('recompute.one_score_ms', 12, 'ms')]));
    expect(c.refused).toEqual([]);
    expect(c.regressions.map((r) => r.name)).toEqual(['compute.national.postgres_s']);
    expect(c.rows.find((r) => r.name === 'compute.national.postgres_s')).toMatchObject({ ratio: 1.3, verdict: 'regression' });
    expect(c.rows.find((r) => r.name === 'recompute.one_score_ms')).toMatchObject({ ratio: 1.2, verdict: 'within' });
  });

  it('throughput is worse when lower: 30 % fewer requests a second is a regression, more is an improvement', () => {
    const c = compareRuns(run([m('portal.results.rps', 1000, 'req/s'), m('survey.ingest.raw_rps', 1000, 'req/s')]), run([m('portal.results.rps', 700, 'req/s'), m('survey.ingest.raw_rps', 1400, 'req/s')]));
    expect(c.rows.map((r) => [r.name, r.verdict])).toEqual([['portal.results.rps', 'regression'], ['survey.ingest.raw_rps', 'improvement']]);
  });

  it('memory and the engine/SQL ratio are worse when higher; counts never fail', () => {
    const c = compareRuns(
      run([m('export.national.peak_rss_mb', 200, 'MB'), m('compute.national.engine_to_sql_ratio', 2, 'x'), m('survey.score.flagged_leaf_scores', 10, 'count'), m('export.province.pdf_pages', 100, 'pages')]),
      run([m('export.national.peak_rss_mb', 300, 'MB'), m('compute.national.engine_to_sql_ratio', 1, 'x'), m('survey.score.flagged_leaf_scores', 40, 'count'), m('export.province.pdf_pages', 10, 'pages')]),
    );
    expect(Object.fromEntries(c.rows.map((r) => [r.name, r.verdict]))).toEqual({
      'compute.national.engine_to_sql_ratio': 'improvement',
      'export.national.peak_rss_mb': 'regression',
      'export.province.pdf_pages': 'info',
      'survey.score.flagged_leaf_scores': 'info',
    });
    expect(directionOf('rows')).toBe('informational');
    expect(directionOf('MB/s')).toBe('higher-is-better');
  });

  it('a tighter tolerance catches a smaller slowdown', () => {
    const old = run([m('workflow.sheet.server_ms', 100, 'ms')]);
    const now = run([m('workflow.sheet.server_ms', 115, 'ms')]);
    expect(compareRuns(old, now).regressions).toHaveLength(0);
    expect(compareRuns(old, now, parseTolerance('10')).regressions.map((r) => r.name)).toEqual(['workflow.sheet.server_ms']);
    expect(parseTolerance('25%')).toBe(0.25);
    expect(() => parseTolerance('0')).toThrow(/--tolerance/);
    expect(() => parseTolerance('nhanh')).toThrow(/--tolerance/);
  });

  it('a metric only in one run is listed, not a regression; two runs with nothing in common are refused', () => {
    const c = compareRuns(run([m('survey.ingest.postgres_rps', 3000, 'req/s'), m('portal.results.rps', 900, 'req/s')]), run([m('survey.ingest.raw_rps', 3000, 'req/s'), m('portal.results.rps', 1000, 'req/s')]));
    expect(c.rows.map((r) => [r.name, r.verdict])).toEqual([['portal.results.rps', 'within'], ['survey.ingest.postgres_rps', 'missing'], ['survey.ingest.raw_rps', 'new']]);
    expect(c.regressions).toEqual([]);
    expect(compareRuns(run([m('survey.ingest.postgres_rps', 3000, 'req/s')]), run([m('survey.ingest.raw_rps', 3000, 'req/s')])).refused).toEqual(['Hai lần chạy không có chỉ số chung nào (khác bộ đo): không có gì để so sánh.']);
  });

  it('refuses runs of different scale, saying which', () => {
    const c = compareRuns(run([m('compute.national.postgres_s', 10, 's')]), run([m('compute.national.postgres_s', 1, 's')], { scale: 0.1 }));
    expect(c.rows).toEqual([]);
    expect(c.refused).toEqual(['Khác quy mô: lần cũ BENCH_SCALE=1, lần mới BENCH_SCALE=0.1.']);
    expect(formatComparison(c, 'old.json')).toContain('Không so sánh với old.json');
  });

  it('refuses runs whose suite measured another database or version', () => {
    const pg16 = { national: [{ kind: 'postgresql' as const, version: 'PostgreSQL 16.4' }, { kind: 'embedded' as const, version: 'PGlite 0.5.16' }] };
    const embeddedOnly = { portal: [{ kind: 'postgresql' as const, version: 'PostgreSQL 15.20' }] };
    expect(compareRuns(run([]), run([], { databases: pg16 })).refused[0]).toMatch(/"national".*PostgreSQL 15\.20.*PostgreSQL 16\.4/);
    expect(compareRuns(run([]), run([], { databases: embeddedOnly })).refused[0]).toMatch(/"portal".*embedded PGlite.*postgresql PostgreSQL 15\.20/);
  });

  it('refuses a results file written before stamps (a bare array of metrics)', () => {
    const c = compareRuns({ metrics: [m('compute.national.postgres_s', 10, 's')] }, run([m('compute.national.postgres_s', 30, 's')]));
    expect(c.refused[0]).toMatch(/không có dấu/);
    expect(c.regressions).toEqual([]);
  });
});

describe('where a run writes its results', () => {
  it('only a full run at scale 1 writes results.json; partial and scaled runs their own files', () => {
    expect(resultsFileFor({ full: true, scale: 1 })).toBe(path.join(BENCH_DIR, 'results.json'));
    expect(resultsFileFor({ full: false, scale: 1 })).toBe(path.join(BENCH_DIR, 'results.partial.json'));
    expect(resultsFileFor({ full: true, scale: 0.1 })).toBe(path.join(BENCH_DIR, 'results.scale-0.1.json'));
    expect(resultsFileFor({ full: false, scale: 0.1 })).toBe(path.join(BENCH_DIR, 'results.partial.scale-0.1.json'));
  });
});
