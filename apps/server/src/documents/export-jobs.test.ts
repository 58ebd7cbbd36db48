import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '@parindex/contracts';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ExportJobs, type ExportTask } from './export-jobs.ts';

let tmp: string;
let jobs: ExportJobs;
let clock = 0;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'export-jobs-test-'));
  clock = 1_000_000;
  jobs = new ExportJobs({ tmpRoot: tmp, ttlMs: 60_000, maxPending: 2, now: () => clock });
});
afterEach(async () => {
  await jobs.close();
  await rm(tmp, { recursive: true, force: true });
});

const writing = (name: string, body = 'x'): ExportTask => async ({ dir, progress }) => {
  progress(40);
  progress(20); // progress never goes back
  const filePath = path.join(dir, name);
  await writeFile(filePath, body);
  return { filePath, fileName: name, contentType: 'text/plain' };
};

it('runs jobs one at a time in order, reports progress, and keeps the file until it expires', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const seen: number[] = [];
  const first = jobs.start({ format: 'pdf' }, async (ctx) => {
    ctx.progress(40);
    ctx.progress(20);
    await gate;
    return writing('a.txt')(ctx);
  });
  const second = jobs.start({ format: 'xlsx' }, writing('b.txt'));
  expect([first.status, first.progress, second.status]).toEqual(['queued', 0, 'queued']);
  await new Promise((r) => setTimeout(r, 20));
  seen.push(jobs.find(first.id)!.progress);
  expect([jobs.find(first.id)!.status, jobs.find(second.id)!.status]).toEqual(['running', 'queued']);
  release();
  await jobs.idle();
  const done = jobs.find(first.id)!;
  expect(seen).toEqual([40]);
  expect(done).toMatchObject({ status: 'done', progress: 100, fileName: 'a.txt', error: null });
  expect(existsSync(done.filePath!)).toBe(true);
  expect(jobs.find(second.id)!.status).toBe('done');

  clock += 60_001;
  expect(jobs.find(first.id)).toBeUndefined();
  await new Promise((r) => setTimeout(r, 20));
  expect(existsSync(done.filePath!)).toBe(false);
});

it('keeps the Vietnamese message of a failed job, hides internal errors, and refuses a flood of requests', async () => {
  const failing = jobs.start({}, async () => {
    throw new AppError('NOT_FOUND', 'Kỳ đánh giá chưa được tính kết quả.');
  });
  const crashing = jobs.start({}, async () => {
    throw new Error('ENOSPC: no space left on device');
  });
  expect(() => jobs.start({}, writing('c.txt'))).toThrow(/Đang có 2 yêu cầu xuất tệp chờ xử lý/);
  await jobs.idle();
  expect(jobs.find(failing.id)).toMatchObject({ status: 'failed', error: 'Kỳ đánh giá chưa được tính kết quả.', filePath: null });
  expect(jobs.find(crashing.id)!.error).toMatch(/^Không tạo được tệp/);
  expect(jobs.find(crashing.id)!.error).not.toContain('ENOSPC');
  expect(jobs.start({}, writing('d.txt')).status).toBe('queued');
});
