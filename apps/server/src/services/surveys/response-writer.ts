/**
 * Durable, batched writes of survey responses. Requests arriving within a few milliseconds are
 * written by one INSERT … ON CONFLICT (id) DO NOTHING and each request is answered only after
 * that statement has committed — so every acknowledged response is on disk, and a form sent
 * twice (same id made on the device) is stored once.
 *
 * One bad row harms no one else: when the database refuses the batch's statement (a value it
 * cannot store, a constraint), the batch is written again row by row, so every other response is
 * stored and acknowledged and only the refused one gets the database's error (mapped by
 * http/errors.ts to a 4xx when it is the client's input, else 500).
 */
import type { Db } from '../../db/database.ts';
import { type ResponseRow, SurveyResponseRepository } from '../../repositories/survey-response.repository.ts';

export type { ResponseRow };

interface Pending {
  row: ResponseRow;
  resolve: (stored: boolean) => void;
  reject: (err: unknown) => void;
}

export class ResponseWriter {
  private queue: Pending[] = [];
  private timer?: NodeJS.Timeout;
  private flushing = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly opts: { maxBatch?: number; delayMs?: number } = {},
  ) {}

  /** Resolves true when stored now, false when a response with this id was already stored. */
  write(row: ResponseRow): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.queue.length >= (this.opts.maxBatch ?? 500)) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.opts.delayMs ?? 2);
    });
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length) this.flushing = this.flushing.then(() => this.flush(batch));
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      const stored = await insertResponses(this.db, batch.map((p) => p.row));
      for (const p of batch) p.resolve(stored.has(p.row.id));
    } catch (err) {
      if (batch.length === 1) batch[0].reject(err);
      else await this.oneByOne(batch);
    }
  }

  /** The batch's statement was refused: each row on its own, so only the rows at fault fail. */
  private async oneByOne(batch: Pending[]): Promise<void> {
    for (const p of batch) {
      try {
        p.resolve((await insertResponses(this.db, [p.row])).has(p.row.id));
      } catch (err) {
        p.reject(err);
      }
    }
  }
}

/** Inserts rows (unnest arrays, one statement); returns the ids actually inserted. */
export function insertResponses(db: Db, rows: ResponseRow[]): Promise<Set<string>> {
  return new SurveyResponseRepository(db).insertMany(rows);
}
