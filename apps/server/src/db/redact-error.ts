/**
 * Errors from the database layer carry the values of the failed query: drizzle's
 * DrizzleQueryError says "Failed query: … params: …" in its message (and so in its stack) and
 * keeps `query` and `params`; PGlite's error keeps `query`, `params` and `queryOptions`; a
 * PostgreSQL check or not-null violation's `detail` lists the whole row ("Failing row contains
 * (…)"). Any of them may hold a password hash, a session token's hash or a person's answers, so
 * nothing from the database reaches a log or a console before `redactDbError` has removed them.
 */
/** Own fields that hold a query's text or values. */
const DROPPED = new Set(['params', 'parameters', 'query', 'queryOptions']);

/** "Failed query: select …\nparams: a,b" → "Failed query: select …" (the params run to the end of the message). */
const PARAMS_IN_MESSAGE = /\n?params: [\s\S]*$/;
/** In a stack the message is followed by the frames: drop the params up to the first frame. */
const PARAMS_IN_STACK = /\n?params: [\s\S]*?(?=\n\s+at )/;
const FAILING_ROW = /Failing row contains[\s\S]*$/;

/**
 * A copy of `err` (same prototype, so `instanceof` and the type name are kept) without the
 * query's values: the "params:" part of its message and stack, the `params`, `parameters`,
 * `query` and `queryOptions` fields, a "Failing row contains (…)" detail — and the same for its
 * `cause`, recursively. Anything that is not an object is returned as it is.
 */
export function redactDbError<T>(err: T, depth = 0): T {
  if (!err || typeof err !== 'object' || depth > 8) return err;
  const source = err as Record<string, unknown>;
  const copy = Object.create(Object.getPrototypeOf(err) as object) as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(err)) {
    if (DROPPED.has(key)) continue;
    const value = source[key];
    if (key === 'message' && typeof value === 'string') copy.message = value.replace(PARAMS_IN_MESSAGE, '');
    else if (key === 'stack' && typeof value === 'string') copy.stack = value.replace(PARAMS_IN_STACK, '');
    else if (key === 'detail' && typeof value === 'string') copy.detail = value.replace(FAILING_ROW, 'Failing row contains (…)');
    else if (key === 'cause') copy.cause = redactDbError(value, depth + 1);
    else copy[key] = value;
  }
  // Non-enumerable own properties (message, stack) were copied as enumerable: keep them out of JSON like the original.
  for (const key of ['message', 'stack'])
    if (key in copy) Object.defineProperty(copy, key, { value: copy[key], enumerable: false, writable: true, configurable: true });
  return copy as T;
}

/** The message of an error, without the query's values (for a console). */
export function redactedMessage(err: unknown): string {
  return err instanceof Error ? String(redactDbError(err).message) : String(err);
}
