import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, getJson } from './api.ts';

function answer(status: number, body: string) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers: { 'content-type': 'application/json' } })));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('getJson', () => {
  it('returns the parsed body', async () => {
    answer(200, '[{"id":"c1"}]');
    await expect(getJson<{ id: string }[]>('/api/cycles')).resolves.toEqual([{ id: 'c1' }]);
  });

  it("turns the error body into an ApiError with the server's Vietnamese message", async () => {
    answer(404, JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy kỳ đánh giá.' }, requestId: 'r-1' }));
    const error = await getJson('/api/cycles/x/results').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ message: 'Không tìm thấy kỳ đánh giá.', code: 'NOT_FOUND', status: 404, requestId: 'r-1' });
  });

  it('reports a non-JSON failure (a proxy page) without leaking its HTML', async () => {
    answer(502, '<html>Bad gateway</html>');
    await expect(getJson('/api/cycles')).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 502 });
  });

  it('reports an unreachable server as NETWORK', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('fetch failed'); }));
    await expect(getJson('/api/cycles')).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
  });
});
