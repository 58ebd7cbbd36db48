/**
 * What a results file says about its run, so two runs are compared only when they measured the
 * same thing: the commit (and whether the tree had uncommitted changes), the date, the scale, the
 * suites run and the database each used (PostgreSQL's server_version, PGlite's package version),
 * and the machine (cores, memory, CPU model, load, Node).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metric } from './measure.ts';

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const ROOT = path.join(BENCH_DIR, '..');

export interface SuiteDatabase {
  kind: 'postgresql' | 'embedded';
  /** PostgreSQL: server_version; embedded: "PGlite <package version>". */
  version: string;
}

export interface RunStamp {
  commit: string;
  /** Uncommitted changes in the tree when the run started: the figures are not exactly the commit's. */
  dirty: boolean;
  dirtyFiles: number;
  date: string;
  scale: number;
  /** Suites run, in order; `full` when every suite ran. */
  suites: string[];
  full: boolean;
  /** The database each suite measured. */
  databases: Record<string, SuiteDatabase[]>;
  machine: { cores: number; memoryGb: number; cpu: string; platform: string; node: string; loadAverage: { start: number[]; end?: number[] } };
  seconds?: number;
}

export interface ResultsFile {
  stamp: RunStamp;
  metrics: Metric[];
}

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** The commit checked out, and how many files differ from it (untracked included). */
export function commitOf(): { commit: string; dirty: boolean; dirtyFiles: number } {
  try {
    const commit = git(['rev-parse', 'HEAD']);
    const changed = git(['status', '--porcelain']).split('\n').filter(Boolean);
    return { commit, dirty: changed.length > 0, dirtyFiles: changed.length };
  } catch {
    return { commit: 'unknown (không phải kho git)', dirty: true, dirtyFiles: 0 };
  }
}

/** The PGlite package the server opens, e.g. "PGlite 0.5.16". */
export function pgliteVersion(): string {
  try {
    // The package exports no package.json: walk up from its entry point to its own.
    const require = createRequire(path.join(ROOT, 'apps/server/package.json'));
    for (let dir = path.dirname(require.resolve('@electric-sql/pglite')); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const pkg = path.join(dir, 'package.json');
      if (!existsSync(pkg)) continue;
      const { name, version } = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version: string };
      if (name === '@electric-sql/pglite') return `PGlite ${version}`;
    }
    return 'PGlite (unknown version)';
  } catch {
    return 'PGlite (unknown version)';
  }
}

export function machine(): RunStamp['machine'] {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: { start: os.loadavg().map((x) => Math.round(x * 100) / 100) },
  };
}

/**
 * Where a run's results go: results.json only for a full run at scale 1; a run of named suites
 * or at another scale writes its own file and never touches results.json.
 */
export function resultsFileFor(opts: { full: boolean; scale: number; out?: string }): string {
  if (opts.out) return path.resolve(opts.out);
  const parts = ['results'];
  if (!opts.full) parts.push('partial');
  if (opts.scale !== 1) parts.push(`scale-${opts.scale}`);
  return path.join(BENCH_DIR, `${parts.join('.')}.json`);
}

/** Reads a results file; an old file (a bare array of metrics, no stamp) is refused by the comparison. */
export function readResults(file: string): ResultsFile | { stamp: undefined; metrics: Metric[] } {
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (Array.isArray(data)) return { stamp: undefined, metrics: data as Metric[] };
  const r = data as Partial<ResultsFile>;
  if (!r.stamp || !Array.isArray(r.metrics)) throw new Error(`${file}: không phải tệp kết quả benchmark (thiếu "stamp" hoặc "metrics").`);
  return r as ResultsFile;
}
