/** Choices the rubric pages make for the secretariat. */
import type { RubricVersion } from './rubric.api.ts';

/**
 * The version to compare `v` with: the previous version of the same code (a revision inside the
 * year), else the newest version of an earlier year (last year's rubric), else none.
 */
export function previousVersion(versions: readonly RubricVersion[], v: Pick<RubricVersion, 'id' | 'code' | 'version' | 'year'>): RubricVersion | null {
  const others = versions.filter((x) => x.id !== v.id);
  const sameCode = others.filter((x) => x.code === v.code && x.version < v.version).sort((a, b) => b.version - a.version);
  if (sameCode.length) return sameCode[0];
  const earlier = others.filter((x) => x.year < v.year).sort((a, b) => b.year - a.year || b.createdAt.localeCompare(a.createdAt));
  return earlier[0] ?? null;
}
