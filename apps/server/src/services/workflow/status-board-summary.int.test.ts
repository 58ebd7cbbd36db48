/**
 * The status board's line per stage on the demo 2026 cycle (open, some units submitted): the
 * server counts "Tự đánh giá: x/N đã gửi" over the same rows the table shows, and the count follows
 * a unit the secretariat returns.
 */
import type { BoardStageSummary, StatusBoardDto } from '@parindex/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { type Api, demoApp } from './testing.ts';

describeEachDatabase(
  'status board summary',
  (getDb, kind) => {
    let app: FastifyInstance;
    let api: Api;
    let cycleId: string;
    let secretariat: TestSession;
    const board = async (): Promise<StatusBoardDto> => (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/status-board`)).json();
    const line = (b: StatusBoardDto, stage: BoardStageSummary['stage']) => b.summary.find((s) => s.stage === stage)!;

    beforeAll(async () => {
      ({ app, api } = await demoApp(getDb(), kind));
      secretariat = await login(app, 'sonoivu');
      cycleId = (await api(secretariat, 'GET', '/api/work/cycles')).json().find((c: { year: number }) => c.year === 2026).id;
    }, 120_000);
    afterAll(() => app?.close());

    it('counts each stage over all the units of the cycle', async () => {
      const b = await board();
      const n = b.units.length;
      expect(n).toBeGreaterThan(0);
      const submitted = b.units.filter((u) => u.selfStatus === 'submitted').length;
      expect(submitted).toBeGreaterThan(0);
      expect(submitted).toBeLessThan(n);
      expect(b.summary.map((s) => s.stage)).toEqual(['self', 'appraisal', 'explanation', 'council']);
      expect(line(b, 'self')).toEqual({ stage: 'self', done: submitted, total: n, overdue: b.units.filter((u) => u.overdue.self).length });
      expect(line(b, 'appraisal')).toMatchObject({ done: b.units.filter((u) => u.leaves > 0 && u.proposed >= u.leaves).length, total: n });
      expect(line(b, 'explanation')).toMatchObject({ done: b.units.filter((u) => u.explanationStatus === 'submitted').length, total: n });
      expect(line(b, 'council').total).toBe(b.units.filter((u) => u.disputed > 0).length);
    });

    it('takes a returned unit off the "đã gửi" count', async () => {
      const before = await board();
      const unit = before.units.find((u) => u.selfStatus === 'submitted')!;
      const res = await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/units/${unit.unitId}/return`, { reason: 'Thiếu tài liệu kiểm chứng tiêu chí 1.1.1.' });
      expect(res.statusCode, res.body).toBe(200);
      const after = await board();
      expect(line(after, 'self').done).toBe(line(before, 'self').done - 1);
      expect(line(after, 'self').total).toBe(line(before, 'self').total);
    });
  },
  { truncateEach: false },
);
