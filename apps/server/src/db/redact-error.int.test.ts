import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { stdSerializers } from 'pino';
import { expect, it } from 'vitest';
import { registerErrorHandler } from '../http/errors.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import type { Db } from './database.ts';
import { redactDbError, redactedMessage } from './redact-error.ts';
import { users } from './schema.ts';
import { pgErrorOf } from './sql-helpers.ts';

/** A password hash as argon2 writes it; its salt part is what must never reach a log. */
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQtMTIz$K1ll3rHashValueThatMustNotLeak0000000000';
const SECRET_PART = 'K1ll3rHashValueThatMustNotLeak';

const user = (id: string, role = 'admin') => ({ id, username: 'quantri', fullName: 'Quản trị', passwordHash: HASH, role: role as 'admin' });

/** The error of inserting a second account with the same name (23505). */
async function duplicateInsertError(db: Db): Promise<unknown> {
  await db.insert(users).values(user('u1'));
  return db.insert(users).values(user('u2')).catch((e: unknown) => e);
}

/** Everything a log or a console could show of an error. */
const shown = (e: unknown) => [inspect(e, { depth: 10 }), JSON.stringify(stdSerializers.err(e as Error)), String((e as Error).stack), redactedMessage(e)].join('\n');

describeEachDatabase('errors from the database reach no log with their values', (getDb) => {
  it('a failing insert of an account: the raw error holds the hash, the redacted one does not', async () => {
    const err = await duplicateInsertError(getDb());
    // The test can fail: without redaction the hash is there (drizzle's "params:", the driver's params).
    expect(shown(err)).toContain(SECRET_PART);
    const redacted = redactDbError(err);
    expect(shown(redacted)).not.toContain(SECRET_PART);
    // What the error mapping reads is kept: the SQLSTATE and the constraint, and the type of the error.
    expect(pgErrorOf(redacted)).toMatchObject({ code: '23505', constraint: 'users_username_unique' });
    expect(redacted).toBeInstanceOf(Error);
    expect((redacted as Error).constructor).toBe((err as Error).constructor);
    expect(redactedMessage(err)).toContain('Failed query: insert into "users"');
  });

  it('a check violation lists the whole row in its detail: that is removed too', async () => {
    const err = await getDb()
      .insert(users)
      .values(user('u3', 'not-a-role'))
      .catch((e: unknown) => e);
    expect(pgErrorOf(err)?.code).toBe('23514');
    expect(shown(err)).toContain(SECRET_PART);
    expect(shown(redactDbError(err))).not.toContain(SECRET_PART);
  });

  it("the HTTP error handler's log of a database error holds no hash", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', stream } });
    registerErrorHandler(app);
    const db = getDb();
    app.post('/conflict', async () => duplicateInsertError(db).then((e) => Promise.reject(e)));
    // Not a refusal the handler maps (42P01, no such table): logged as a bug, with the query's error.
    app.post('/bug', async () => db.execute(sql`select ${HASH} as h from no_such_table`));
    try {
      const conflict = await app.inject({ method: 'POST', url: '/conflict' });
      expect(conflict.statusCode).toBe(409);
      const bug = await app.inject({ method: 'POST', url: '/bug' });
      expect(bug.statusCode).toBe(500);
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log).toContain('database refused input');
    expect(log).toContain('unhandled error');
    expect(log).toContain('no_such_table');
    expect(log).not.toContain(SECRET_PART);
  });
});
