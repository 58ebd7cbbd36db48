/**
 * Scoring runs (chấm điểm chạy nền) on the job table: "Chấm điểm khảo sát" (SurveyService.score,
 * which reads every response of the cycle) and "Tính kết quả" (ResultsService.compute) take many
 * seconds on a province's data, so the page asks for a `score_run` job and polls it. Any server's
 * worker runs it with the same service methods the synchronous routes and the CLI call — they
 * check the cycle's stage — after loading the account that asked again: one disabled, or no longer
 * in the route's roles, is refused and nothing is scored.
 *
 * One scoring run per cycle at a time: asking again while one waits or runs returns that job
 * (whoever asks may then follow it); asking for the other kind meanwhile is refused (409), since
 * results computed during a survey scoring would miss its points. A transaction-scoped advisory
 * lock on the cycle makes the check and the insert one step on every server.
 */
import { AppError, type ScoreRunJob } from '@parindex/contracts';
import { AuthService, type SessionUser } from '../../auth/auth.service.ts';
import { type Db, transaction } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { newId } from '../../db/sql-helpers.ts';
import { JobRepository, type JobRow } from '../../repositories/job.repository.ts';
import { UserRepository } from '../../repositories/user.repository.ts';
import { repositories } from '../repositories.ts';
import { ResultsService } from '../results.service.ts';
import { SurveyService } from '../surveys/survey.service.ts';
import { jobSignals } from './job-queue.ts';
import type { JobHandler } from './job-worker.ts';

export const SCORE_RUN_WHATS = ['survey_score', 'results'] as const;
export type ScoreRunWhat = (typeof SCORE_RUN_WHATS)[number];

/** Who may start and follow each run: the roles of its synchronous route. */
export const SCORE_RUN_ROLES: Record<ScoreRunWhat, readonly Role[]> = { survey_score: ['secretariat'], results: ['secretariat'] };

const LABEL: Record<ScoreRunWhat, string> = { survey_score: 'chấm điểm khảo sát', results: 'tính kết quả' };
/** Namespace of the advisory locks of this file (two-key form: namespace, hash of the cycle id). */
const SCORE_RUN_LOCK = 7_270_013;
const KEEP_MS = 60 * 60 * 1000;
const SCORE_RUN_ATTEMPTS = 3;
export const SCORE_RUN_FAILED = 'Không chấm điểm được do lỗi của máy chủ sau nhiều lần thử. Vui lòng thử lại; nếu lỗi lặp lại, báo quản trị viên.';

interface ScoreRunPayload {
  what: ScoreRunWhat;
  cycleId: string;
  /** Everyone who asked for this run (the starter first): they alone see it. */
  askedBy: string[];
}

/** A run as its page polls it: the one definition in @parindex/contracts. */
export type { ScoreRunJob };

/** Where a run is polled: beside the route that starts it. */
export function scoreRunPollUrl(what: ScoreRunWhat, cycleId: string, jobId: string): string {
  const cycle = `/api/work/cycles/${encodeURIComponent(cycleId)}`;
  return what === 'survey_score' ? `${cycle}/surveys/score-jobs/${jobId}` : `${cycle}/compute-jobs/${jobId}`;
}

const payloadOf = (row: JobRow): ScoreRunPayload => {
  const p = row.payload as Partial<ScoreRunPayload>;
  return { what: p.what as ScoreRunWhat, cycleId: String(p.cycleId), askedBy: Array.isArray(p.askedBy) ? p.askedBy : row.userId ? [row.userId] : [] };
};

function present(row: JobRow): ScoreRunJob {
  const p = payloadOf(row);
  return {
    id: row.id,
    what: p.what,
    cycleId: p.cycleId,
    status: row.status as ScoreRunJob['status'],
    progress: row.progress,
    error: row.status === 'failed' ? (row.error ?? SCORE_RUN_FAILED) : null,
    result: row.result ?? null,
    pollUrl: scoreRunPollUrl(p.what, p.cycleId, row.id),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export class ScoreRuns {
  constructor(private readonly db: Db) {}

  /** Queues a run of the cycle for `actor` (the route checked their role), or returns the one already waiting or running. */
  async start(actor: SessionUser, what: ScoreRunWhat, cycleId: string): Promise<ScoreRunJob> {
    await repositories(this.db).cycles.getById(cycleId);
    const { row, queued } = await transaction(this.db, async (tx) => {
      const repo = new JobRepository(tx);
      await repo.lockKey(SCORE_RUN_LOCK, cycleId);
      const active = await repo.findActive('score_run', { cycleId });
      if (active) {
        const p = payloadOf(active);
        if (p.what !== what)
          throw new AppError('CONFLICT', `Kỳ đánh giá đang có một lượt ${LABEL[p.what]} chờ hoặc đang chạy; mỗi kỳ chỉ chạy một lượt chấm điểm một lúc. Hãy chờ lượt đó xong rồi bấm “${LABEL[what]}” lại.`, [], { jobId: active.id, what: p.what });
        if (!p.askedBy.includes(actor.id)) {
          const payload = { ...p, askedBy: [...p.askedBy, actor.id] };
          await repo.setPayload(active.id, payload);
          return { row: { ...active, payload }, queued: false };
        }
        return { row: active, queued: false };
      }
      const payload: ScoreRunPayload = { what, cycleId, askedBy: [actor.id] };
      const row = await repo.insert({ id: newId(), kind: 'score_run', payload: { ...payload }, userId: actor.id, maxAttempts: SCORE_RUN_ATTEMPTS });
      return { row, queued: true };
    });
    // After the commit, so this server's worker finds the row at once.
    if (queued) jobSignals.emit('enqueued', 'score_run');
    return present(row);
  }

  /** A run of this cycle the caller asked for, from any server; 404 for anyone else's or an expired one. */
  async find(actor: SessionUser, what: ScoreRunWhat, cycleId: string, jobId: string): Promise<ScoreRunJob> {
    const row = await new JobRepository(this.db).find(jobId);
    const p = row?.kind === 'score_run' ? payloadOf(row) : undefined;
    const expired = row?.expiresAt && row.expiresAt.getTime() <= Date.now();
    if (!row || !p || p.what !== what || p.cycleId !== cycleId || !p.askedBy.includes(actor.id) || expired)
      throw new AppError('NOT_FOUND', `Không tìm thấy lượt ${LABEL[what]} này (có thể đã quá một giờ). Hãy bấm nút “${LABEL[what]}” để chạy lượt mới.`);
    return present(row);
  }
}

/** The account that started the run, as it is now: still active and in the run's roles. */
async function runningActor(db: Db, userId: string | null, what: ScoreRunWhat): Promise<SessionUser> {
  const active = userId !== null && (await new UserRepository(db).isActive(userId));
  const actor = active ? await new AuthService(db).userById(userId) : undefined;
  if (!actor || !SCORE_RUN_ROLES[what].includes(actor.role))
    throw new AppError('FORBIDDEN', `Tài khoản đã yêu cầu ${LABEL[what]} đã bị khóa hoặc không còn quyền này; lượt ${LABEL[what]} không chạy và không có điểm nào được ghi.`);
  return actor;
}

/** Runs a queued scoring run on whichever server claimed it. Both runs replace what they store, so a retry is safe. */
export function scoreRunJobHandler(db: Db): JobHandler {
  return {
    failureMessage: SCORE_RUN_FAILED,
    keepMs: KEEP_MS,
    async run(ctx) {
      const { what, cycleId } = payloadOf(ctx.job);
      if (!SCORE_RUN_WHATS.includes(what)) throw new AppError('VALIDATION', 'Yêu cầu chấm điểm không hợp lệ.');
      const actor = await runningActor(db, ctx.job.userId, what);
      ctx.progress(10);
      if (what === 'survey_score') {
        const scores = await new SurveyService(db).score(actor, cycleId);
        return {
          result: {
            scoredAt: scores.scoredAt,
            responses: scores.responses,
            units: scores.units.length,
            leaves: scores.leaves.length,
            flaggedLeaves: scores.leaves.filter((l) => l.flagged).length,
          },
        };
      }
      const { cycle: _cycle, ...summary } = await new ResultsService(db).compute(cycleId);
      return { result: { ...summary } };
    },
  };
}
