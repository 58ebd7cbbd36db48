/**
 * The web app takes the server's response shapes from @parindex/contracts, never from a copy of
 * its own: no `interface X` / `type X =` in apps/web/src with the name of something the contracts
 * export, nor an interface with the same fields as a contracts object schema (a copy renamed, say
 * RubricVersion for RubricVersionDto), nor a union of string literals equal to a contracts enum
 * (Role, ActionStatus). Use `import type { … } from '@parindex/contracts'` (or re-export it) instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as contracts from '@parindex/contracts';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const WEB_SRC = here;
const CONTRACTS_SRC = join(here, '../../../packages/contracts/src');

/**
 * Web declarations not checked, each with the reason: a different thing under a contracts name, or a
 * copy in a file outside issue 15 item 3's change, to be replaced and its entry dropped.
 */
const NOT_CHECKED: Record<string, string> = {};

function sourceFiles(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p, keep);
    return keep(e.name) ? [p] : [];
  });
}
const notTest = (n: string) => !/\.test\.tsx?$/.test(n) && !n.endsWith('.d.ts');

interface Declaration {
  file: string;
  name: string;
  kind: 'interface' | 'type';
  /** An interface's own top-level property names. */
  fields: string[];
  /** A type alias's string literals when it is a plain union of them ('a' | 'b'). */
  literals: string[] | null;
}

/** The body between the brace at `open` and its match. */
function braced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** Top-level property names of an interface body (nested object types skipped). */
function fieldsOf(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let line = '';
  const flush = () => {
    const m = /^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*:/.exec(line);
    if (m) out.push(m[1]);
    line = '';
  };
  for (const ch of body.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '')) {
    if (depth === 0 && (ch === ';' || ch === '\n')) flush();
    else if (depth === 0) line += ch;
    if (ch === '{' || ch === '(' || ch === '[' || ch === '<') depth++;
    else if (ch === '}' || ch === ')' || ch === ']' || ch === '>') depth = Math.max(0, depth - 1);
  }
  flush();
  return out;
}

function declarationsIn(file: string, text: string): Declaration[] {
  const out: Declaration[] = [];
  const re = /^[ \t]*(?:export\s+)?(?:declare\s+)?(?:interface\s+([A-Za-z_$][\w$]*)[^{]*\{|type\s+([A-Za-z_$][\w$]*)\s*(?:<[^=]*>)?\s*=([^;]*);)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1]) out.push({ file, name: m[1], kind: 'interface', fields: fieldsOf(braced(text, m.index + m[0].length - 1)), literals: null });
    else {
      const rhs = m[3].trim().replace(/^\|/, '');
      const parts = rhs.split('|').map((p) => p.trim());
      const literals = parts.every((p) => /^'[^']*'$/.test(p)) ? parts.map((p) => p.slice(1, -1)) : null;
      out.push({ file, name: m[2], kind: 'type', fields: [], literals });
    }
  }
  return out;
}

/** Every name packages/contracts/src exports (values and types), read from its sources. */
function contractNames(): Set<string> {
  const names = new Set<string>();
  for (const file of sourceFiles(CONTRACTS_SRC, (n) => n.endsWith('.ts') && notTest(n))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^export\s+(?:declare\s+)?(?:const|let|type|interface|enum|class|function)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  }
  return names;
}

type Schema = { def?: { type?: string; getter?: () => Schema }; shape?: Record<string, unknown>; options?: unknown[] };
const unwrap = (s: Schema): Schema => (s.def?.type === 'lazy' && s.def.getter ? unwrap(s.def.getter()) : s);

/** The contracts' object schemas (their field names) and string enums (their values), by export name. */
function contractShapes() {
  const objects = new Map<string, string[]>();
  const enums = new Map<string, string[]>();
  for (const [name, value] of Object.entries(contracts as Record<string, unknown>)) {
    if (!value || typeof value !== 'object' || !('def' in value)) continue;
    const s = unwrap(value as Schema);
    if (s.def?.type === 'object' && s.shape) objects.set(name, Object.keys(s.shape));
    else if (s.def?.type === 'enum' && Array.isArray(s.options) && s.options.every((o) => typeof o === 'string')) enums.set(name, s.options as string[]);
  }
  return { objects, enums };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Re-declarations in the web sources: by name, by the fields of an interface (a renamed copy of a
 * contracts object: the same fields, or five or more of them that are most of the object's), or by
 * the values of a string-literal union (a renamed copy of a contracts enum).
 */
function redeclarations(files: { file: string; text: string }[]): string[] {
  const names = contractNames();
  const { objects, enums } = contractShapes();
  const found: string[] = [];
  for (const { file, text } of files) {
    for (const d of declarationsIn(file, text)) {
      if (NOT_CHECKED[d.name]) continue;
      const where = `${d.kind} ${d.name} (${file})`;
      if (names.has(d.name)) {
        found.push(`${where}: the contracts export ${d.name}`);
        continue;
      }
      for (const [name, keys] of objects) {
        const copy = sameSet(d.fields, keys) || (d.fields.length >= 5 && d.fields.every((f) => keys.includes(f)) && d.fields.length / keys.length >= 0.7);
        if (d.fields.length >= 4 && copy) found.push(`${where}: the fields of the contracts' ${name}`);
      }
      for (const [name, values] of enums) if (d.literals && d.literals.length >= 2 && sameSet(d.literals, values)) found.push(`${where}: the values of the contracts' ${name}`);
    }
  }
  return found;
}

describe('apps/web takes the server shapes from @parindex/contracts', () => {
  it('declares no interface or type the contracts define', () => {
    const files = sourceFiles(WEB_SRC, (n) => /\.tsx?$/.test(n) && notTest(n)).map((f) => ({ file: relative(WEB_SRC, f), text: readFileSync(f, 'utf8') }));
    expect(files.length).toBeGreaterThan(20);
    expect(redeclarations(files)).toEqual([]);
  });

  it('catches a copy by name, by fields and by values', () => {
    const copy = `
export type Role = 'admin' | 'secretariat' | 'unit_officer' | 'unit_head' | 'appraiser' | 'council_member' | 'council_chair' | 'leader';
export interface SessionUser { id: string; username: string; fullName: string; email: string | null; role: Role; unitId: string | null; unitName: string | null }
export interface RubricVersion {
  id: string;
  code: string;
  version: number;
  year: number;
  name: string;
  createdAt: string;
  cycles: { id: string; year: number; name: string; status: string }[];
}
type Status = 'planned' | 'in_progress' | 'done' | 'dropped';
export interface Unrelated { id: string; label: string }
`;
    const found = redeclarations([{ file: 'copy.ts', text: copy }]);
    expect(found.some((f) => f.startsWith('type Role'))).toBe(true);
    expect(found.some((f) => f.startsWith('interface SessionUser'))).toBe(true);
    expect(found).toContain("interface RubricVersion (copy.ts): the fields of the contracts' RubricVersionDto");
    expect(found).toContain("type Status (copy.ts): the values of the contracts' ActionStatus");
    expect(found.some((f) => f.includes('Unrelated'))).toBe(false);
  });
});
