/**
 * The API's document (/api/docs/json) is complete: every operation says what its 2xx answer is, every
 * POST/PUT/PATCH what it takes (multipart forms included), and both are schemas of
 * @parindex/contracts, named under components.schemas — so a client can be generated from it and
 * the web app reads the same definitions.
 */
import * as contracts from '@parindex/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

type Schema = { $ref?: string; type?: string; items?: Schema; format?: string };
type Operation = { requestBody?: { content: Record<string, { schema: Schema }> }; responses?: Record<string, { content?: Record<string, { schema: Schema }> }> };
let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
let close: () => Promise<void>;

beforeAll(async () => {
  const app = await buildApp({ database: { db: undefined as never, kind: 'pglite', close: async () => {} }, jobs: false });
  await app.ready();
  doc = (await app.inject('/api/docs/json')).json();
  close = () => app.close();
});
afterAll(() => close());

const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, method, op })));
/** A schema named in components (or a list of one), the way a generated client gets a type name. */
const named = (s: Schema | undefined): boolean => !!s && (!!s.$ref?.startsWith('#/components/schemas/') || (s.type === 'array' && named(s.items)));

describe('the OpenAPI document', () => {
  it('documents every operation', () => {
    expect(operations().length).toBeGreaterThan(100);
  });

  it("gives every operation a 2xx answer whose schema is a named contract", () => {
    const missing = operations().filter(({ op }) => {
      const ok = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
      return ok.length === 0 || ok.some(([, r]) => !r.content || Object.values(r.content).some((c) => !named(c.schema)));
    });
    expect(missing.map((o) => o.name)).toEqual([]);
  });

  it('gives every POST, PUT and PATCH a request body whose schema is a named contract (multipart forms too)', () => {
    const missing = operations().filter(({ method, op }) => ['post', 'put', 'patch'].includes(method) && (!op.requestBody || Object.values(op.requestBody.content).some((c) => !named(c.schema))));
    expect(missing.map((o) => o.name)).toEqual([]);
    const uploads = operations().filter(({ op }) => op.requestBody?.content['multipart/form-data']);
    expect(uploads.map((o) => o.name)).toEqual(expect.arrayContaining(['POST /api/work/rubrics', 'POST /api/work/surveys/{qid}/responses/import']));
  });

  it('names the contracts, and nothing else, under components.schemas', () => {
    const names = Object.keys(doc.components.schemas).map((n) => n.replace(/Input$/, ''));
    expect(names).toEqual(expect.arrayContaining(['CycleDto', 'RubricUploadResult', 'ErrorResponse', 'FileUpload']));
    expect(names.filter((n) => !(n in contracts))).toEqual([]);
  });
});
