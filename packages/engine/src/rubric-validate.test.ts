import { describe, expect, it } from 'vitest';
import type { RubricDocument, RubricNode } from '@parindex/contracts';
import { validateRubric } from './rubric-validate.ts';
import { sampleRubric } from './test-rubric.ts';

/** A small valid rubric: two fields, every rule type, a bonus and a deduction leaf, a 3-decimal max. */
function rubric(): RubricDocument {
  return {
    code: 'LC-2025-SO',
    name: 'Bộ chỉ số CCHC các sở, ban, ngành năm 2025',
    year: 2025,
    unitKinds: ['department'],
    settings: {
      bands: [
        { label: 'Xuất sắc', min: '90' },
        { label: 'Tốt', min: '80' },
        { label: 'Khá', min: '70' },
        { label: 'Trung bình', min: '0' },
      ],
      ties: { mode: 'shared' },
      pointDecimals: 3,
      evidencePolicy: 'zero',
      bonusCap: '1',
    },
    peerGroups: [
      { code: 'so', name: 'Sở, ban, ngành' },
      { code: 'dac_thu', name: 'Cơ quan đặc thù' },
    ],
    fields: [
      {
        code: '1', title: 'Công tác chỉ đạo, điều hành CCHC', max: '3.125',
        children: [
          { code: '1.1', title: 'Kế hoạch CCHC', max: '1', source: 'appraised',
            rule: { type: 'levels', levels: [
              { code: 'dung_han', label: 'Ban hành đúng hạn', points: '1' },
              { code: 'cham', label: 'Ban hành chậm', points: '0.5' },
              { code: 'khong', label: 'Không ban hành', points: '0' },
            ] } },
          { code: '1.2', title: 'Báo cáo', max: '0.125', source: 'appraised', rule: { type: 'binary' } },
          { code: '1.3', title: 'Kiểm tra CCHC', max: '2',
            children: [
              { code: '1.3.1', title: 'Tỷ lệ kiểm tra', max: '1.5', source: 'appraised', appliesTo: ['so'],
                rule: { type: 'ratio_bands', numeratorLabel: 'Số đơn vị được kiểm tra', denominatorLabel: 'Số đơn vị', whenNone: 'full',
                  bands: [{ minPercent: '90', points: '1.5' }, { minPercent: '0', points: '0' }] } },
              { code: '1.3.2', title: 'Xử lý sau kiểm tra', max: '0.5', source: 'appraised', rule: { type: 'manual' } },
            ] },
          { code: '1.4', title: 'Sáng kiến CCHC', max: '0.5', source: 'appraised', effect: 'bonus',
            rule: { type: 'count', countLabel: 'sáng kiến được công nhận', perItem: '0.25' } },
        ],
      },
      {
        code: '2', title: 'Tác động của CCHC', max: '4',
        children: [
          { code: '2.1', title: 'Hồ sơ đúng hạn', max: '2', source: 'appraised',
            rule: { type: 'proportional', numeratorLabel: 'Hồ sơ đúng hạn', denominatorLabel: 'Hồ sơ', whenNone: 'full' } },
          { code: '2.2', title: 'Hài lòng', max: '2', source: 'survey', rule: { type: 'survey' } },
          { code: '2.3', title: 'Một cửa không đủ điều kiện', max: '0.25', source: 'appraised', effect: 'deduction', rule: { type: 'binary' } },
        ],
      },
    ],
  };
}

/** Finds a node by code for in-place edits in a test. */
function node(doc: RubricDocument, code: string): RubricNode {
  const find = (nodes: RubricNode[]): RubricNode | undefined => {
    for (const n of nodes) {
      if (n.code === code) return n;
      const hit = n.children && find(n.children);
      if (hit) return hit;
    }
    return undefined;
  };
  const hit = find(doc.fields);
  if (!hit) throw new Error(`no node ${code}`);
  return hit;
}

/** Applies an edit to a fresh valid rubric and returns the problems. */
function problemsAfter(edit: (doc: RubricDocument) => void) {
  const doc = rubric();
  edit(doc);
  return validateRubric(doc);
}

describe('validateRubric', () => {
  it('accepts a valid rubric', () => {
    expect(validateRubric(rubric())).toEqual([]);
  });

  it("accepts the engine's sample rubric, including a bonus/deduction field whose maximum is 0", () => {
    expect(validateRubric(sampleRubric())).toEqual([]);
  });

  it('reports a duplicate code anywhere in the tree', () => {
    const p = problemsAfter((d) => { node(d, '2.3').code = '1.2'; });
    expect(p).toContainEqual(expect.objectContaining({ nodeCode: '1.2', field: 'code', message: expect.stringContaining('Mã 1.2 bị trùng') }));
  });

  it("reports a child whose code does not start with its parent's code", () => {
    const p = problemsAfter((d) => { node(d, '1.3.2').code = '1.4.2'; });
    expect(p).toEqual([expect.objectContaining({ nodeCode: '1.4.2', field: 'code', message: expect.stringContaining('phải bắt đầu bằng "1.3."') })]);
  });

  it('reports children whose maxima do not add up, naming both figures the Vietnamese way', () => {
    const p = problemsAfter((d) => { node(d, '1.3.2').max = '0.25'; });
    expect(p).toEqual([{
      nodeCode: '1.3', field: 'max',
      message: expect.stringContaining('Tổng điểm tối đa của các tiêu chí con (1,75) khác điểm tối đa của tiêu chí 1.3 (2)'),
    }]);
  });

  it('counts only score children in the sum (bonus and deduction are outside it), exactly', () => {
    // 1 + 0.125 + 2 = 3.125 (bonus 0.5 excluded); as floats 0.1 + 0.2 style errors would show here.
    const p = problemsAfter((d) => { node(d, '1').max = '3.625'; });
    expect(p).toEqual([expect.objectContaining({ nodeCode: '1', message: expect.stringContaining('(3,125) khác điểm tối đa của lĩnh vực 1 (3,625)') })]);
  });

  it('reports a leaf without source or rule', () => {
    const p = problemsAfter((d) => { delete node(d, '1.2').source; delete node(d, '1.2').rule; });
    expect(p.map((x) => [x.nodeCode, x.field])).toEqual([['1.2', 'source'], ['1.2', 'rule']]);
    expect(p[1].message).toContain('chưa có phương pháp chấm điểm');
  });

  it('reports a survey source without a survey rule, and a survey rule without a survey source', () => {
    const a = problemsAfter((d) => { node(d, '2.2').rule = { type: 'manual' }; });
    expect(a).toEqual([expect.objectContaining({ nodeCode: '2.2', field: 'rule', message: expect.stringContaining('điều tra XHH') })]);
    const b = problemsAfter((d) => { node(d, '2.2').source = 'appraised'; });
    expect(b).toEqual([expect.objectContaining({ nodeCode: '2.2', field: 'source' })]);
  });

  it('reports a leaf maximum of 0 and a maximum that is not a number', () => {
    const p = problemsAfter((d) => { node(d, '1.4').max = '0'; node(d, '2.3').max = 'hai'; });
    expect(p).toContainEqual(expect.objectContaining({ nodeCode: '1.4', field: 'max', message: expect.stringContaining('phải lớn hơn 0') }));
    expect(p).toContainEqual(expect.objectContaining({ nodeCode: '2.3', field: 'max', message: expect.stringContaining('không phải là số') }));
  });

  it('reports level points above the maximum and duplicate level codes', () => {
    const p = problemsAfter((d) => {
      const rule = node(d, '1.1').rule!;
      if (rule.type !== 'levels') throw new Error();
      rule.levels[1].points = '1.5';
      rule.levels[2].code = 'dung_han';
    });
    expect(p).toContainEqual(expect.objectContaining({ field: 'rule.levels[1].points', message: expect.stringContaining('1,5, nằm ngoài khoảng 0 – 1') }));
    expect(p).toContainEqual(expect.objectContaining({ field: 'rule.levels[2].code', message: expect.stringContaining('Mã mức "dung_han"') }));
  });

  it('reports ratio band points out of range and thresholds outside 0–100%', () => {
    const p = problemsAfter((d) => {
      const rule = node(d, '1.3.1').rule!;
      if (rule.type !== 'ratio_bands') throw new Error();
      rule.bands[0].minPercent = '120';
      rule.bands[1].points = '-0.5';
    });
    expect(p.map((x) => x.field)).toEqual(['rule.bands[0].minPercent', 'rule.bands[1].points']);
    expect(p[0].message).toContain('120%');
  });

  it('reports a count rule whose points per item are not above 0', () => {
    const p = problemsAfter((d) => {
      const rule = node(d, '1.4').rule!;
      if (rule.type !== 'count') throw new Error();
      rule.perItem = '0';
    });
    expect(p).toEqual([expect.objectContaining({ nodeCode: '1.4', field: 'rule.perItem' })]);
  });

  it('reports appliesTo naming an unknown peer group, and an empty appliesTo', () => {
    const p = problemsAfter((d) => { node(d, '1.3.1').appliesTo = ['so', 'xa']; node(d, '2.1').appliesTo = []; });
    expect(p).toContainEqual(expect.objectContaining({ nodeCode: '1.3.1', field: 'appliesTo', message: expect.stringContaining('"xa" không có trong danh sách') }));
    expect(p).toContainEqual(expect.objectContaining({ nodeCode: '2.1', field: 'appliesTo', message: expect.stringContaining('không áp dụng cho nhóm nào') }));
  });

  it('reports duplicate peer group codes and duplicate band labels, and bad band thresholds and caps', () => {
    const p = problemsAfter((d) => {
      d.peerGroups.push({ code: 'so', name: 'Trùng' });
      d.settings.bands[2].label = 'Tốt';
      d.settings.bands[3].min = '101';
      d.settings.deductionCap = '-1';
    });
    expect(p.map((x) => x.field)).toEqual(['peerGroups[2].code', 'settings.bands[2].label', 'settings.bands[3].min', 'settings.deductionCap']);
    expect(p[1].message).toContain('Xếp loại "Tốt" bị trùng');
  });

  it('reports a bonus or deduction set on a node that has children, and a rule on a parent', () => {
    const p = problemsAfter((d) => { node(d, '1.3').effect = 'bonus'; node(d, '2').rule = { type: 'manual' }; });
    expect(p).toContainEqual(expect.objectContaining({ nodeCode: '1.3', field: 'effect', message: expect.stringContaining('chỉ tiêu chí ở cấp cuối') }));
    expect(p).toContainEqual(expect.objectContaining({ nodeCode: '2', field: 'rule' }));
  });

  it('reports a rubric without any scoring leaf', () => {
    const p = validateRubric({
      ...rubric(),
      fields: [{ code: '9', title: 'Điểm thưởng', max: '0', children: [
        { code: '9.1', title: 'Sáng kiến', max: '1', source: 'appraised', effect: 'bonus', rule: { type: 'manual' } },
      ] }],
    });
    expect(p).toEqual([expect.objectContaining({ field: 'fields', message: expect.stringContaining('chưa có tiêu chí nào được chấm điểm') })]);
  });

  it('requires a parent holding score leaves to have a maximum above 0', () => {
    const p = problemsAfter((d) => { node(d, '1.3').max = '0'; node(d, '1.3.1').max = '0'; node(d, '1.3.2').max = '0'; node(d, '1').max = '1.125'; });
    expect(p).toContainEqual(expect.objectContaining({ nodeCode: '1.3', field: 'max', message: expect.stringContaining('phải lớn hơn 0') }));
  });
});
