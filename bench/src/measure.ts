/** Timing, medians, RSS sampling and the printed table. */
import { performance } from 'node:perf_hooks';

export interface Metric {
  name: string;
  value: number;
  unit: string;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Samples process RSS every `everyMs` while running. The engine runs synchronously between
 * queries, so call sample() after each step too to catch the peak a timer would miss.
 */
export class RssSampler {
  peak = 0;
  private timer?: NodeJS.Timeout;
  start(everyMs = 50): void {
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(() => this.sample(), everyMs);
  }
  sample(): void {
    const rss = process.memoryUsage().rss;
    if (rss > this.peak) this.peak = rss;
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak / (1024 * 1024);
  }
}

export function printTable(metrics: Metric[]): void {
  const w = Math.max(...metrics.map((m) => m.name.length));
  const line = '-'.repeat(w + 22);
  console.log(line);
  console.log(`${'metric'.padEnd(w)}  ${'value'.padStart(12)}  unit`);
  console.log(line);
  for (const m of metrics) console.log(`${m.name.padEnd(w)}  ${String(m.value).padStart(12)}  ${m.unit}`);
  console.log(line);
}

export function log(msg: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
}
