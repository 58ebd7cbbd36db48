/**
 * Small builders shared by the workflow's HTTP tests: the demo province seeded behind a real app,
 * a JSON caller, and a multipart body for evidence uploads.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DatabaseKind, Db } from '../../db/database.ts';
import { buildApp } from '../../http/app.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import type { TestSession } from '../../testing/sessions.ts';

/** A document's identity as the upload form requires it. */
export const EVIDENCE_META = { numberSymbol: '05/KH-STP', issuedDate: '2026-03-02', issuer: 'Sở Tư pháp' };

export function multipart(fileName: string, content: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----parindex' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`), content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export type Api = (s: TestSession | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => Promise<LightMyRequestResponse>;

/** The demo province behind a real app, and a caller that signs requests as a session (or anonymously). */
export async function demoApp(db: Db, kind: DatabaseKind): Promise<{ app: FastifyInstance; api: Api }> {
  await seedDemoIfEmpty(db);
  const app = await buildApp({ database: { db, kind, close: async () => {} } });
  const api: Api = (s, method, url, payload) => app.inject({ method, url, headers: s ? s.headers : { 'x-requested-with': 'ParIndex' }, payload: payload as object });
  return { app, api };
}

/** Uploads a file as evidence of a unit, as the browser's form does (fields before the file). */
export function upload(app: FastifyInstance, s: TestSession, cycleId: string, unitId: string, fileName: string, content: Buffer, fields: Record<string, string> = EVIDENCE_META) {
  const m = multipart(fileName, content, fields);
  return app.inject({ method: 'POST', url: `/api/work/cycles/${cycleId}/units/${unitId}/documents`, headers: { ...s.headers, 'content-type': m.contentType }, payload: m.payload });
}
