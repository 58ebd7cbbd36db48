/**
 * The error handler's safety net (errors.ts), with real errors of each backend's driver (PGlite,
 * and PostgreSQL when TEST_DATABASE_URL is set): what a service failed to check still answers 4xx
 * with a Vietnamese message, and a real bug stays 500. The fuzz over every route that relies on it
 * is fuzz-routes.int.test.ts.
 */
import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { units, users } from '../db/schema.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { registerErrorHandler } from './errors.ts';

describeEachDatabase('the error handler maps what a client can cause to 4xx', (getDb) => {
  let app: FastifyInstance;
  const unit = { id: randomUUID(), code: `fuzz-${randomUUID().slice(0, 8)}`, name: 'Đơn vị thử', kind: 'department' as const };
  beforeAll(async () => {
    app = Fastify();
    registerErrorHandler(app);
    await getDb().insert(units).values(unit);
    const run = (statement: () => Promise<unknown>) => async () => {
      await statement();
      return { ok: true };
    };
    const user = (unitId: string) => ({ id: randomUUID(), username: `u${randomUUID().slice(0, 8)}`, fullName: 'Người thử', passwordHash: 'x', role: 'leader' as const, unitId });
    app.post('/fk/:x', run(() => getDb().insert(users).values(user(randomUUID()))));
    app.post('/fk-path/:unitId', async (req) => {
      await getDb().insert(users).values(user((req.params as { unitId: string }).unitId));
      return { ok: true };
    });
    app.post('/unique', run(() => getDb().insert(units).values({ ...unit, id: randomUUID() })));
    app.post('/check', run(() => getDb().insert(units).values({ ...unit, id: randomUUID(), code: `x-${randomUUID()}`, kind: 'khong-co' as 'department' })));
    app.post('/not-null', run(() => getDb().insert(units).values({ ...unit, id: randomUUID(), code: `x-${randomUUID()}`, name: null as unknown as string })));
    app.post('/22P02', run(() => getDb().execute(sql`select ${'abc'}::int`)));
    app.post('/22001', run(() => getDb().execute(sql.raw(`do $$ declare x varchar(2); begin x := 'abcd'; end $$`))));
    app.post('/22003', run(() => getDb().execute(sql`select ${'99999999999'}::int`)));
    app.post('/22007', run(() => getDb().execute(sql`select ${'ngay 1'}::date`)));
    app.post('/22008', run(() => getDb().execute(sql`select ${'2026-02-31'}::date`)));
    app.post('/22021', run(() => getDb().execute(sql`select ${'a\u0000b'}::text`)));
    app.post('/22P05', run(() => getDb().execute(sql`select ${'{"a":"\\u0000"}'}::jsonb`)));
    app.post('/surrogate', run(() => getDb().execute(sql`select ${'{"a":"\\ud800"}'}::jsonb`)));
    app.post('/bug', async () => {
      throw new TypeError('Cannot read properties of undefined');
    });
    await app.register(async (scope) => {
      await scope.register(multipart);
      scope.post('/upload', async (req) => ({ size: (await (await req.file())!.toBuffer()).length }));
    });
  });
  afterAll(() => app?.close());

  const post = (url: string) => app.inject({ method: 'POST', url });

  it('maps PostgreSQL refusals (SQLSTATE) to 4xx in Vietnamese', async () => {
    const expectations: [string, number, string, RegExp][] = [
      ['/fk/x', 400, 'VALIDATION', /Dữ liệu tham chiếu không tồn tại/],
      ['/unique', 409, 'CONFLICT', /trùng/],
      ['/check', 400, 'VALIDATION', /không hợp lệ/],
      ['/not-null', 400, 'VALIDATION', /Thiếu dữ liệu bắt buộc/],
      ['/22P02', 400, 'VALIDATION', /không đúng kiểu/],
      ['/22001', 400, 'VALIDATION', /quá dài/],
      ['/22003', 400, 'VALIDATION', /vượt quá giới hạn/],
      ['/22007', 400, 'VALIDATION', /Ngày giờ/],
      ['/22008', 400, 'VALIDATION', /Ngày giờ/],
      ['/22021', 400, 'VALIDATION', /ký tự không lưu được/],
      ['/22P05', 400, 'VALIDATION', /ký tự không lưu được/],
      ['/surrogate', 400, 'VALIDATION', /ký tự không lưu được/],
    ];
    for (const [url, status, code, message] of expectations) {
      const res = await post(url);
      expect({ url, status: res.statusCode, code: res.json().error?.code }).toEqual({ url, status, code });
      expect(res.json().error.message).toMatch(message);
      expect(res.json().requestId).toBeTruthy();
    }
    // The foreign key names the field; a key taken from the path is a missing resource (404).
    expect((await post('/fk/x')).json().error.details.issues).toEqual([{ field: 'unitId', message: 'không tồn tại' }]);
    const missing = randomUUID();
    const fromPath = await post(`/fk-path/${missing}`);
    expect(fromPath.statusCode).toBe(404);
    expect(fromPath.json().error.details.issues).toEqual([{ field: 'unitId', message: 'không tồn tại' }]);
    expect((await post('/unique')).json().error.details.issues).toEqual([{ field: 'code', message: 'đã có' }]);
    expect((await post('/not-null')).json().error.details.issues).toEqual([{ field: 'name', message: 'bắt buộc' }]);
  });

  it('maps broken multipart and JSON bodies to 4xx in Vietnamese, and keeps a real bug 500', async () => {
    const boundary = '----safety';
    const whole = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\n${'x'.repeat(1000)}\r\n--${boundary}--\r\n`;
    const send = (payload: string, contentType: string) => app.inject({ method: 'POST', url: '/upload', payload, headers: { 'content-type': contentType } });
    expect((await send(whole, `multipart/form-data; boundary=${boundary}`)).json()).toEqual({ size: 1000 });
    const truncated = await send(whole.slice(0, 300), `multipart/form-data; boundary=${boundary}`);
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().error.message).toMatch(/không trọn vẹn/);
    const noBoundary = await send(whole, 'multipart/form-data');
    expect(noBoundary.statusCode).toBe(400);
    expect(noBoundary.json().error.message).toMatch(/multipart\/form-data không hợp lệ/);
    const json = await app.inject({ method: 'POST', url: '/bug', payload: '{"a":', headers: { 'content-type': 'application/json' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toBe('Nội dung gửi lên không phải JSON hợp lệ.');
    const media = await app.inject({ method: 'POST', url: '/bug', payload: 'x', headers: { 'content-type': 'text/csv' } });
    expect(media.statusCode).toBe(415);
    expect(media.json().error.message).toMatch(/Content-Type/);
    const bug = await post('/bug');
    expect(bug.statusCode).toBe(500);
    expect(bug.json().error.code).toBe('INTERNAL');
  });
}, { truncateEach: false });
