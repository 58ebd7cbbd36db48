/**
 * The documents name files that exist: every file path written in backquotes in ARCHITECTURE.md,
 * the README and docs/*.md (`server/src/io/table-rows.ts`, `engine/src/rules.ts`,
 * `rubric-sentences.ts` in a row that names its folder before) is a file of the repository, so a
 * rename that leaves the map behind fails here.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DOCS = ['ARCHITECTURE.md', 'README.md', ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
/** A path-like token in backquotes that ends in a source or document extension (data file names are often those of downloads, not of the repository). */
const PATH = /`([\w@./-]+\.(?:ts|tsx|mjs|md|py|sh))`/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'dist' || e.name === 'artifacts') return [];
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? sourceFiles(rel) : [rel];
  });
}
const ALL = ['apps', 'packages', 'bench', 'e2e', 'scripts', 'docs', 'tools', 'fixtures', '.ci'].filter((d) => existsSync(path.join(ROOT, d))).flatMap(sourceFiles);

/** Whether a written path names a file: as written from the root, or under apps/ or packages/, or (a bare or partial path) as the end of one. */
function exists(written: string): boolean {
  const clean = written.replace(/^\.\//, '');
  if (['', 'apps/', 'packages/'].some((p) => existsSync(path.join(ROOT, p + clean)))) return true;
  return ALL.some((f) => f === clean || f.endsWith(`/${clean}`));
}

describe('paths named in the documentation', () => {
  for (const doc of DOCS) {
    it(`${doc} names only files that exist`, () => {
      const text = readFileSync(path.join(ROOT, doc), 'utf8');
      const missing = [...new Set([...text.matchAll(PATH)].map((m) => m[1]))].filter((p) => !/[*<>]/.test(p) && !exists(p));
      expect(missing).toEqual([]);
    });
  }
});
