/**
 * "Repositories own SQL" (ARCHITECTURE.md, Layers): no query builder call and no raw SQL outside
 * apps/server/src/repositories/ and apps/server/src/db/ — in the server, the CLI and the seeds.
 * Tests and test support (`testing/`, `*-testing.ts`) are exempt. The same check as a shell
 * command is in ARCHITECTURE.md.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SCANNED = ['apps/server/src', 'apps/cli/src'];
const ALLOWED = [/^apps\/server\/src\/(repositories|db|testing)\//, /\.test\.ts$/, /-testing\.ts$/];

/** `db.select(…)`, `tx\n  .insert(…)`, `this.db.execute(…)`, a sql`…` template, or the raw-rows helper. */
const SQL_CALL = /\b(?:db|tx|this\.db|this\.tx)\s*\.\s*(?:select|selectDistinct|insert|update|delete|execute)\b|\bsql`|\bexecuteRows\(/g;

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? files(rel) : e.name.endsWith('.ts') ? [rel] : [];
  });
}

export function sqlOutsideRepositories(source: string): number[] {
  const lines: number[] = [];
  for (const m of source.matchAll(SQL_CALL)) lines.push(source.slice(0, m.index).split('\n').length);
  return lines;
}

describe('layering', () => {
  it('finds SQL wherever it is written (the check can fail)', () => {
    expect(sqlOutsideRepositories('const rows = await this.db\n    .select()\n    .from(users);')).toEqual([1]);
    expect(sqlOutsideRepositories('await tx.execute(sql`select 1`);')).toEqual([1, 1]);
    expect(sqlOutsideRepositories("createHash('sha256').update(content);\nthis.entries.delete(key);")).toEqual([]);
  });

  it('keeps every query in repositories/ and db/', () => {
    const offenders = SCANNED.flatMap(files)
      .filter((f) => !ALLOWED.some((re) => re.test(f)))
      .flatMap((f) => sqlOutsideRepositories(readFileSync(path.join(ROOT, f), 'utf8')).map((line) => `${f}:${line}`));
    expect(offenders).toEqual([]);
  });
});
