/**
 * ParIndex benchmarks (metrics: docs/operations.md, "Benchmarks"). Every run writes one whole
 * results file, stamped with the commit, date, scale, suites, databases and machine (stamp.ts):
 *
 *   npm run bench                                 # every suite at full scale → bench/results.json
 *   BENCH_SCALE=0.1 npm run bench                 # a tenth of every workload → bench/results.scale-0.1.json
 *   npm run bench -- national exports             # only these suites → bench/results.partial.json
 *   npm run bench -- --out /tmp/r.json            # any file
 *   npm run bench -- --compare OLD.json           # run, then compare with OLD.json (exit 1 on a regression)
 *   npm run bench -- --compare OLD.json --to NEW.json [--tolerance 10]   # compare two files, run nothing
 *   BENCH_DATABASE_URL=postgres://…               # PostgreSQL admin URL (default postgres://postgres@127.0.0.1:5432/postgres)
 *
 * Exit codes: 0 done (no regression), 1 a suite failed or a regression beyond the tolerance,
 * 2 the runs cannot be compared (different scale or database, or an unstamped file).
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_TOLERANCE, compareRuns, formatComparison, parseTolerance } from './compare.ts';
import { SCALE, postgresVersion } from './config.ts';
import { type Metric, log, printTable, round } from './measure.ts';
import { commitOf, machine, pgliteVersion, readResults, resultsFileFor, type ResultsFile, type RunStamp, type SuiteDatabase } from './stamp.ts';
import { type DatabaseKind, SUITES } from './suites.ts';

interface Args {
  suites: string[];
  compare?: string;
  to?: string;
  out?: string;
  tolerance: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { suites: [], tolerance: DEFAULT_TOLERANCE };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} cần một giá trị.`);
      return v;
    };
    if (a === '--compare') args.compare = value();
    else if (a === '--to') args.to = value();
    else if (a === '--out') args.out = value();
    else if (a === '--tolerance') args.tolerance = parseTolerance(value());
    else if (a.startsWith('-')) throw new Error(`Không hiểu tùy chọn ${a} (có: --compare, --to, --out, --tolerance).`);
    else args.suites.push(a);
  }
  if (args.to && !args.compare) throw new Error('--to NEW.json chỉ dùng cùng --compare OLD.json.');
  const unknown = args.suites.filter((n) => !(n in SUITES));
  if (unknown.length) throw new Error(`Không có bộ đo ${unknown.join(', ')}; có: ${Object.keys(SUITES).join(', ')}.`);
  return args;
}

/** Compares NEW with OLD and prints the table; returns the exit code. */
function compareFiles(oldFile: string, now: ResultsFile | ReturnType<typeof readResults>, tolerance: number): number {
  const c = compareRuns(readResults(oldFile), now, tolerance);
  console.log(`\n${formatComparison(c, oldFile)}`);
  if (c.refused.length) return 2;
  return c.regressions.length ? 1 : 0;
}

async function run(args: Args): Promise<number> {
  const names = args.suites.length ? args.suites : Object.keys(SUITES);
  const full = names.length === Object.keys(SUITES).length;
  const metrics: Metric[] = [];
  const databases: Record<string, SuiteDatabase[]> = {};
  const pg = { version: undefined as string | undefined };
  const t0 = performance.now();
  const stamp: RunStamp = { ...commitOf(), date: new Date().toISOString(), scale: SCALE, suites: names, full, databases, machine: machine() };
  if (stamp.dirty) log(`the tree has ${stamp.dirtyFiles} uncommitted change(s): the figures are stamped "dirty" on ${stamp.commit.slice(0, 12)}`);

  let failure: unknown;
  for (const name of names) {
    log(`suite ${name}`);
    const ctx = {
      add: (metric: string, value: number, unit: string) => {
        metrics.push({ name: metric, value: round(value), unit });
        log(`${metric} = ${round(value)} ${unit}`);
      },
      uses: (kind: DatabaseKind) => {
        const list = (databases[name] ??= []);
        if (list.some((d) => d.kind === kind)) return;
        list.push({ kind, version: kind === 'embedded' ? pgliteVersion() : (pg.version ?? 'unknown') });
      },
    };
    if (!pg.version) {
      const v = await postgresVersion();
      pg.version = 'version' in v ? `PostgreSQL ${v.version}` : undefined;
    }
    try {
      await SUITES[name](ctx);
    } catch (err) {
      failure = err;
      console.error(`[bench] suite ${name} failed:`, err);
      break;
    }
  }
  stamp.seconds = round((performance.now() - t0) / 1000, 1);
  stamp.machine.loadAverage.end = os.loadavg().map((x) => round(x, 2));
  const results: ResultsFile = { stamp, metrics: [...metrics].sort((a, b) => a.name.localeCompare(b.name)) };
  const file = failure
    ? path.join(path.dirname(resultsFileFor({ full, scale: SCALE })), `results.failed${SCALE !== 1 ? `.scale-${SCALE}` : ''}.json`)
    : resultsFileFor({ full, scale: SCALE, out: args.out });
  writeFileSync(file, `${JSON.stringify(failure ? { ...results, failed: String((failure as Error).message ?? failure) } : results, null, 2)}\n`);

  console.log(`\nParIndex benchmark — scale ${SCALE}, ${names.join(', ')} — commit ${stamp.commit.slice(0, 12)}${stamp.dirty ? ' (dirty)' : ''}`);
  if (metrics.length) printTable(metrics);
  if (failure) {
    log(`a suite failed: the figures measured so far are in ${file} (results.json untouched)`);
    return 1;
  }
  log(`wrote ${file}${full && SCALE === 1 && !args.out ? '' : ' (a partial or scaled run never writes results.json)'}`);
  return args.compare ? compareFiles(args.compare, results, args.tolerance) : 0;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.to) return compareFiles(args.compare!, readResults(args.to), args.tolerance);
  return run(args);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
