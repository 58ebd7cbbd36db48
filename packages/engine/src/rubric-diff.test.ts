import { describe, expect, it } from 'vitest';
import { diffRubrics } from './rubric-diff.ts';
import { sampleRubric } from './test-rubric.ts';

describe('replacing a rubric version inside a cycle', () => {
  it('lists added, removed and re-weighted leaves; surviving codes keep their scores', () => {
    const oldDoc = sampleRubric();
    const newDoc = sampleRubric();
    const f2 = newDoc.fields[1];
    f2.max = '4.5';
    f2.children = [
      { ...f2.children![1], max: '2.5' },
      { code: '2.3', title: 'Công khai kết quả giải quyết hồ sơ', max: '2', source: 'appraised', rule: { type: 'binary' } },
    ];
    const r = diffRubrics(oldDoc, newDoc);
    expect(r.added.map((x) => x.code)).toEqual(['2.3']);
    expect(r.removed.map((x) => x.code)).toEqual(['2.1']);
    expect(r.reweighted).toEqual([{ code: '2.2', title: 'Niêm yết TTHC', oldMax: '2', newMax: '2.5' }]);
    expect(r.kept).toContain('2.2');
    expect(r.kept).not.toContain('2.1');
  });
});
