/**
 * Valid-looking bodies and query strings made from a route's OpenAPI schema: the fields that name
 * something get the demo's real values, so the request gets past validation into the service.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { ApiRoute } from '../../http/app.ts';
import { type FuzzContext, operationOf } from './context.ts';
import { FUZZ_PASSWORD, type Json, MUTATING, OMIT, SEED } from './values.ts';

export function fromPattern(ctx: FuzzContext, pattern: string, min = 0, max = 1_000): string {
  const key = `${pattern}|${min}|${max}`;
  let s = ctx.patternSamples.get(key);
  if (s === undefined) {
    const samples = fc.sample(fc.stringMatching(new RegExp(pattern)), { seed: SEED, numRuns: 50 });
    s = samples.find((x) => x.length >= min && x.length <= max && !/^-/.test(x)) ?? samples.find((x) => x.length >= min && x.length <= max) ?? samples[0];
    ctx.patternSamples.set(key, s);
  }
  return s;
}

/** Values of fields that name something real, so a valid-looking body reaches the service. */
export const known = (ctx: FuzzContext, name: string | undefined): unknown => {
  const { dynamic, real } = ctx;
  if (name && name in dynamic) return dynamic[name];
  switch (name) {
    case 'token':
    case 't':
      return OMIT;
    case 'quay':
      return real.desk;
    case 'answers':
      return ctx.answers;
    case 'unitId':
    case 'leafCode':
    case 'nodeCode':
    case 'peerGroup':
    case 'respondentGroup':
    case 'documentId':
    case 'rubricVersionId':
    case 'desk':
      return real[name];
    case 'cycleId':
      return ctx.cycle2026;
    case 'userId':
      return real.appraiserId;
    case 'evaluatedUnitCode':
      return real.unitCode;
    case 'unitIds':
      return [real.unitId];
    case 'username':
      return `fuzz.${randomUUID().slice(0, 8)}`;
    case 'password':
      return FUZZ_PASSWORD;
    case 'points':
      return '1';
    case 'value':
      return '43.1';
    case 'maxValue':
      return '100';
    case 'max':
      return '10';
    case 'targetValue':
      return '50';
    case 'email':
      return 'thu@example.vn';
    case 'id':
      return randomUUID();
    default:
      return undefined;
  }
};

/** A valid-looking value of a JSON schema (OpenAPI 3.0 as fastify-type-provider-zod writes it). */
export function sample(ctx: FuzzContext, schema: Json | undefined, name?: string): unknown {
  if (!schema || typeof schema !== 'object') return {};
  const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (alternatives) return sample(ctx, alternatives.find((a) => a.type !== 'null') ?? alternatives[0], name);
  if (schema.allOf) return sample(ctx, Object.assign({}, ...(schema.allOf as Json[])), name);
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const k = known(ctx, name);
  if (k === OMIT || (name && name in ctx.dynamic) || name === 'answers') return k;
  if (k !== undefined && (schema.type === 'string' || (schema.type === 'array' && name === 'unitIds'))) return k;
  switch (schema.type) {
    case 'object': {
      const out: Json = {};
      for (const [key, prop] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        const value = sample(ctx, prop, key);
        if (value !== OMIT) out[key] = value;
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () => sample(ctx, schema.items as Json, name));
    case 'string': {
      const min = Number(schema.minLength ?? 0);
      const max = Number(schema.maxLength ?? 1_000);
      if (schema.format === 'uuid') return randomUUID();
      // Far ahead: a deadline set by the fuzz (PUT …/deadlines) must not close the stages it fuzzes next.
      if (schema.format === 'date') return '2099-12-31';
      if (schema.format === 'date-time') return '2026-03-02T08:00:00+07:00';
      if (schema.format === 'email') return 'thu@example.vn';
      if (typeof schema.pattern === 'string') return fromPattern(ctx, schema.pattern, min, max);
      return 'Nội dung thử nghiệm'.padEnd(min, '.').slice(0, max);
    }
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum + (schema.exclusiveMinimum === true ? 1 : 0) : 1;
      const max = typeof schema.maximum === 'number' ? schema.maximum : min + 10;
      return Math.min(Math.max(min, 1), max);
    }
    case 'boolean':
      return true;
    default:
      return {};
  }
}

export const bodySchemaOf = (ctx: FuzzContext, route: ApiRoute) => operationOf(ctx, route)?.requestBody?.content?.['application/json']?.schema;
export const queryParamsOf = (ctx: FuzzContext, route: ApiRoute) => (operationOf(ctx, route)?.parameters ?? []).filter((p) => p.in === 'query');
export const validBody = (ctx: FuzzContext, route: ApiRoute) => {
  const schema = bodySchemaOf(ctx, route);
  return schema ? sample(ctx, schema) : MUTATING.has(route.method) ? {} : undefined;
};
/** Required query parameters, and the optional ones that name something real. */
export const validQuery = (ctx: FuzzContext, route: ApiRoute): Record<string, string> =>
  Object.fromEntries(
    queryParamsOf(ctx, route)
      .filter((p) => p.required || (known(ctx, p.name) !== undefined && known(ctx, p.name) !== OMIT))
      .map((p) => [p.name, String(sample(ctx, p.schema, p.name))]),
  );
export const queryString = (q: Record<string, string | string[]>) =>
  Object.entries(q)
    .flatMap(([k, v]) => [v].flat().map((x) => `${encodeURIComponent(k)}=${x}`))
    .join('&');
/** Query values are sent percent-encoded, except those written raw (bad escapes on purpose). */
export const enc = (v: string) => encodeURIComponent(v);
