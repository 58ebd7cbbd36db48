/**
 * The OpenAPI document (/api/docs/json) from the routes' zod schemas. Every zod schema exported by
 * @parindex/contracts is registered under its export name, so the document names them in
 * `components.schemas` and the operations refer to them with `$ref`. A multipart route documents its
 * form under `schema.multipartBody` (a contracts schema): the route reads the parts itself
 * (http/multipart.ts), so no JSON validator may run on the body — only the document shows it.
 */
import * as contracts from '@parindex/contracts';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';

declare module 'fastify' {
  interface FastifySchema {
    /** The form of a multipart/form-data upload, for the OpenAPI document only. */
    multipartBody?: z.ZodType;
  }
}

/** The contracts' schemas by export name (a schema exported under two names keeps the first). */
export function contractsRegistry() {
  const registry = z.registry<{ id: string }>();
  for (const [name, value] of Object.entries(contracts)) {
    if (value instanceof z.ZodType && !registry.has(value)) registry.add(value, { id: name });
  }
  return registry;
}

type Transform = ReturnType<typeof createJsonSchemaTransform>;

/** The transform and transformObject options of @fastify/swagger. */
export function openApiTransforms() {
  const schemaRegistry = contractsRegistry();
  const base = createJsonSchemaTransform({ schemaRegistry });
  const transform: Transform = (document) => {
    const { schema } = document as unknown as { schema?: Record<string, unknown> };
    if (!schema?.multipartBody) return base(document);
    const { multipartBody, ...rest } = schema;
    const out = base({ ...document, schema: { ...rest, body: multipartBody } } as typeof document);
    return { ...out, schema: { ...out.schema, consumes: ['multipart/form-data'] } };
  };
  return { transform, transformObject: createJsonSchemaTransformObject({ schemaRegistry }) };
}
