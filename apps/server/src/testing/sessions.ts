/** Signing in through the real login route, for HTTP tests: returns headers for later requests. */
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../seed/seed-workflow.ts';

export interface TestSession {
  headers: { cookie: string; 'x-csrf-token': string };
  user: { id: string; role: string; unitId: string | null };
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<TestSession> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-requested-with': 'ParIndex' }, payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'parindex_session')!;
  const body = res.json();
  return { headers: { cookie: `parindex_session=${cookie.value}`, 'x-csrf-token': body.csrfToken }, user: body.user };
}
