/**
 * The body generators: from the route's schema the valid-looking body and query, then each field
 * and query parameter mutated, then whole bodies of the wrong shape; and random JSON (fast-check).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { ApiRoute } from '../../http/app.ts';
import type { FuzzContext } from './context.ts';
import { prepare } from './prepare.ts';
import { call } from './runner.ts';
import { bodySchemaOf, enc, queryParamsOf, queryString, validBody, validQuery } from './schema-samples.ts';
import { FIELD_MUTATIONS, fieldPaths, HUGE, type Json, MUTATING, withField } from './values.ts';

/** The valid-looking body and query, then each field mutated, then whole bodies of the wrong shape. */
export async function fuzzFields(ctx: FuzzContext, route: ApiRoute, stage = '') {
  await prepare(ctx, route);
  const query = validQuery(ctx, route);
  const encoded = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, enc(v)]));
  const body = validBody(ctx, route);
  await call(ctx, route, { body, query: queryString(encoded), label: `${stage}valid-looking` });
  if (bodySchemaOf(ctx, route)) {
    for (const path of fieldPaths(body))
      for (const [label, mutate] of FIELD_MUTATIONS) {
        const current = path.reduce<unknown>((node, key) => (node as Json)[key as string], body);
        await call(ctx, route, { body: withField(body, path, mutate(current)), query: queryString(encoded), label: `${stage}${path.join('.')} ${label}` });
      }
    const wholes: [string, unknown][] = [['empty object', {}], ['null', null], ['array', [body]], ['string', 'x'], ['number', 1e308]];
    if (Array.isArray(body)) wholes.push(['the same item twice', [body[0], body[0]]], ['the same item 10,001 times', Array.from({ length: 10_001 }, () => body[0])]);
    else wholes.push(['extra field', { ...(body as Json), extra: HUGE }]);
    for (const [label, whole] of wholes) await call(ctx, route, { body: whole, query: queryString(encoded), label: `${stage}body ${label}` });
  }
  for (const name of queryParamsOf(ctx, route).map((p) => p.name)) {
    const variants: [string, string | string[] | undefined][] = [
      ['missing', undefined],
      ['empty', ''],
      ['huge', HUGE],
      ['NUL', '%00'],
      ['lone surrogate (bad UTF-8)', '%ED%A0%80'],
      ['broken escape', '%E0%A4%A'],
      ['repeated', [encoded[name] ?? 'x', encoded[name] ?? 'x']],
      ['1e308', '1e308'],
      ['negative', '-1'],
      ['bogus id', randomUUID()],
    ];
    for (const [label, value] of variants) {
      const all: Record<string, string | string[]> = { ...encoded };
      if (value === undefined) delete all[name];
      else all[name] = value;
      await call(ctx, route, { body, query: queryString(all), label: `${stage}?${name} ${label}` });
    }
  }
}

/** Random JSON (fast-check, seeded): whole bodies, and each field of the valid-looking body replaced. */
export async function fuzzRandom(ctx: FuzzContext, route: ApiRoute, seed: number, stage = '') {
  if (!MUTATING.has(route.method) || route.method === 'DELETE') return;
  await prepare(ctx, route);
  const body = validBody(ctx, route);
  for (const random of fc.sample(fc.anything({ maxDepth: 3, withBoxedValues: false }), { seed, numRuns: 6 })) await call(ctx, route, { body: random, label: `${stage}fc.anything()` });
  for (const random of fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed, numRuns: 6 })) await call(ctx, route, { body: random, label: `${stage}fc.jsonValue()` });
  const item = Array.isArray(body) ? body[0] : body;
  if (!item || typeof item !== 'object' || Array.isArray(item)) return;
  for (const key of Object.keys(item))
    for (const random of fc.sample(fc.jsonValue({ maxDepth: 2 }), { seed: seed + key.length, numRuns: 3 })) {
      const replaced = { ...(item as Json), [key]: random };
      await call(ctx, route, { body: Array.isArray(body) ? [replaced] : replaced, label: `${stage}${Array.isArray(body) ? '[0].' : ''}${key} = fc.jsonValue()` });
    }
}
