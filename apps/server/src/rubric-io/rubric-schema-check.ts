import { z } from 'zod';
import { RubricDocument, type RubricNode } from '@parindex/contracts';

/** A schema problem of a rubric document, with where it is as a path array and as text ("fields[2].children[0].max"). */
export interface SchemaIssue {
  path: PropertyKey[];
  pathText: string;
  message: string;
}

/** "fields[2].children[0].max" from ['fields', 2, 'children', 0, 'max']. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

const vietnamese = z.locales.vi().localeError;

/** Parses with the contract's schema; messages the schema does not set itself come in Vietnamese. */
export function checkRubricSchema(data: unknown): { ok: true; doc: RubricDocument } | { ok: false; issues: SchemaIssue[] } {
  const parsed = RubricDocument.safeParse(data, { error: vietnamese });
  if (parsed.success) return { ok: true, doc: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({ path: i.path, pathText: formatPath(i.path), message: i.message })),
  };
}

/** JSON path of each node by code, e.g. "3.2.1" → "fields[2].children[1].children[0]". */
export function nodePaths(fields: readonly RubricNode[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (nodes: readonly RubricNode[], prefix: string) =>
    nodes.forEach((n, i) => {
      const p = `${prefix}[${i}]`;
      if (!out.has(n.code)) out.set(n.code, p);
      if (n.children) walk(n.children, `${p}.children`);
    });
  walk(fields, 'fields');
  return out;
}

/**
 * The deepest node a path under "fields" reaches, and the rest of the path inside it:
 * ['fields', 2, 'children', 0, 'rule', 'levels'] → { code of that node, rest: ['rule', 'levels'] }.
 */
export function nodeAtPath(fields: readonly unknown[], path: readonly PropertyKey[]): { code?: string; rest: PropertyKey[] } {
  let nodes: readonly unknown[] | undefined = fields;
  let code: string | undefined;
  let i = 1;
  let restStart = 1;
  while (nodes && typeof path[i] === 'number') {
    const node = nodes[path[i] as number] as { code?: unknown; children?: unknown } | undefined;
    if (!node || typeof node !== 'object') break;
    code = typeof node.code === 'string' ? node.code : code;
    restStart = i + 1;
    if (path[i + 1] !== 'children' || !Array.isArray(node.children)) break;
    nodes = node.children;
    i += 2;
  }
  return { code, rest: path.slice(restStart) };
}
