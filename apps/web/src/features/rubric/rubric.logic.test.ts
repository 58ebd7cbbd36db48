import { describe, expect, it } from 'vitest';
import type { RubricVersion } from './rubric.api.ts';
import { previousVersion } from './rubric.logic.ts';

const v = (id: string, code: string, version: number, year: number, createdAt = `${year}-01-01T00:00:00Z`): RubricVersion => ({ id, code, version, year, name: code, createdAt, cycles: [] });
const list = [v('a', 'SH-2025', 1, 2025), v('b', 'SH-2026', 1, 2026), v('c', 'SH-2026', 2, 2026, '2026-05-01T00:00:00Z'), v('d', 'SH-2027', 1, 2027)];

describe('previousVersion', () => {
  it('compares a new year’s rubric with last year’s newest version', () => {
    expect(previousVersion(list, list[3])?.id).toBe('c');
    expect(previousVersion(list, list[1])?.id).toBe('a');
  });
  it('compares a revision with the version it revises', () => {
    expect(previousVersion(list, list[2])?.id).toBe('b');
  });
  it('has nothing to compare the first rubric with', () => {
    expect(previousVersion(list, list[0])).toBeNull();
    expect(previousVersion([], list[3])).toBeNull();
  });
});
