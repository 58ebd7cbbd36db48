/**
 * Two sessions saving a leaf's first score at the same instant: one wins, the other gets the usual
 * 409 stale-revision answer with the current value — never a 500 from the primary key — and the
 * stored value is the winner's. On PostgreSQL the two requests really run at once (a pool of
 * connections); on PGlite they queue behind each other and must give the same answers.
 */
import type { FastifyInstance } from 'fastify';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { leafScores } from '../../db/schema.ts';
import { expectAppError } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { login, type TestSession } from '../../testing/sessions.ts';
import { AssessmentService } from './assessment.service.ts';
import { type Api, demoApp } from './testing.ts';

type Leaf = { code: string; source: string; rule: { type: string; levels?: { code: string }[] }; max: string; revision: number; selfNote: string | null; evidence: unknown[] };

const inputsFor = (l: Leaf) =>
  l.rule.type === 'levels' ? { level: l.rule.levels![0].code } : l.rule.type === 'binary' ? { met: true } : l.rule.type === 'manual' ? { points: l.max } : l.rule.type === 'count' ? { count: 0 } : { numerator: 4870, denominator: 4902 };

describeEachDatabase(
  'first save of a leaf by two sessions at once',
  (getDb, kind) => {
    let app: FastifyInstance;
    let api: Api;
    let cycleId: string, unitId: string;
    let first: TestSession, second: TestSession, secretariat: TestSession;
    const sheet = async (): Promise<Leaf[]> => (await api(first, 'GET', `/api/work/cycles/${cycleId}/units/${unitId}/sheet`)).json().leaves;
    const saveUrl = (code: string) => `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${code}/self`;

    beforeAll(async () => {
      ({ app, api } = await demoApp(getDb(), kind));
      // Two sessions of the unit officer of Sở Tư pháp (two browsers), and the secretariat.
      [first, second, secretariat] = await Promise.all(['tuphap.daumoi', 'tuphap.daumoi', 'sonoivu'].map((u) => login(app, u)));
      cycleId = (await api(secretariat, 'GET', '/api/work/cycles')).json().find((c: { year: number }) => c.year === 2026).id;
      unitId = first.user.unitId!;
      const deadlines = await api(secretariat, 'PUT', `/api/work/cycles/${cycleId}/deadlines`, { self: '2099-12-20', appraisal: '2099-12-25', explanation: '2099-12-30', council: '2099-12-31' });
      expect(deadlines.statusCode).toBe(200);
      // The demo has answered most leaves: forget the answers of a few (without evidence) so they are first saves again.
      const chosen = (await sheet()).filter((l) => l.source === 'appraised' && l.evidence.length === 0).slice(0, 7);
      expect(chosen).toHaveLength(7);
      await getDb()
        .delete(leafScores)
        .where(and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, unitId), inArray(leafScores.leafCode, chosen.map((l) => l.code))));
    }, 120_000);
    afterAll(() => app?.close());

    it('lets exactly one of two first saves through; the other gets 409 with the current value', async () => {
      const fresh = (await sheet()).filter((l) => l.source === 'appraised' && l.revision === 0).slice(0, 6);
      expect(fresh).toHaveLength(6);
      for (const leaf of fresh) {
        const notes = ['Phiên thứ nhất', 'Phiên thứ hai'];
        const answers = await Promise.all(
          [first, second].map((s, i) => api(s, 'PUT', saveUrl(leaf.code), { inputs: inputsFor(leaf), note: notes[i], revision: 0 })),
        );
        expect(answers.map((a) => a.statusCode).sort(), `${leaf.code}: ${answers.map((a) => a.body).join(' | ')}`).toEqual([200, 409]);
        const winner = answers.findIndex((a) => a.statusCode === 200);
        const loser = answers[1 - winner].json();
        expect(loser.error.code).toBe('CONFLICT');
        expect(loser.error.message).toContain(`Tiêu chí ${leaf.code} vừa được`);
        expect(loser.error.details.current).toMatchObject({ revision: 1, selfNote: notes[winner] });

        const stored = (await sheet()).find((l) => l.code === leaf.code)!;
        expect(stored).toMatchObject({ revision: 1, selfNote: notes[winner] });
        const [row] = await getDb()
          .select()
          .from(leafScores)
          .where(and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, unitId), eq(leafScores.leafCode, leaf.code)));
        expect(row.selfNote).toBe(notes[winner]);
      }
    }, 120_000);

    it('answers 409, not a key violation, when a first row appeared after the revision was checked', async () => {
      const leaf = (await sheet()).find((l) => l.source === 'appraised' && l.revision === 0)!;
      expect((await api(first, 'PUT', saveUrl(leaf.code), { inputs: inputsFor(leaf), note: 'Đã lưu', revision: 0 })).statusCode).toBe(200);
      const service = new AssessmentService(getDb());
      const actor = { ...first.user, username: 'tuphap.daumoi', fullName: 'Đầu mối Sở Tư pháp', email: null, unitName: null } as SessionUser;
      // writeRow told there is no row (as a caller that read before the other commit would be).
      const err = await expectAppError(
        getDb().transaction((t) => service.writeRow(t as unknown as Db, cycleId, unitId, leaf.code, undefined, { selfNote: 'Ghi đè' }, actor)),
        'CONFLICT',
      );
      expect(err.message).toContain(`Tiêu chí ${leaf.code} vừa được`);
      expect((await sheet()).find((l) => l.code === leaf.code)).toMatchObject({ revision: 1, selfNote: 'Đã lưu' });
    }, 60_000);
  },
  { truncateEach: false },
);
