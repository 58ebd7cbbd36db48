import { describe, expect, it } from 'vitest';
import { referencedCodes } from './rubric-references.ts';
import { validateRubric } from './rubric-validate.ts';
import { sampleRubric } from './test-rubric.ts';

describe('a scoring rule naming another criterion', () => {
  it('reads the codes a text names, and nothing else', () => {
    expect(referencedCodes('Như tiêu chí 9.9.9')).toEqual(['9.9.9']);
    expect(referencedCodes('Đạt như TCTP 2.1.3 và tiêu chí thành phần 2.1.4.')).toEqual(['2.1.3', '2.1.4']);
    expect(referencedCodes('Theo kết quả lĩnh vực 4; tiêu chí số 3.2')).toEqual(['4', '3.2']);
    // A count in a label, a date, a decision number: not references.
    expect(referencedCodes('Đạt 5 tiêu chí 5 năm liền')).toEqual([]);
    expect(referencedCodes('Ban hành trước 31.12 theo Quyết định 1.2/QĐ')).toEqual([]);
    expect(referencedCodes('Số ATC 1.2')).toEqual([]);
  });

  it('is a problem naming the rule, its text and the missing code; existing codes are fine', () => {
    const doc = sampleRubric();
    const leaf = doc.fields[0].children![0];
    if (leaf.rule?.type !== 'levels') throw new Error('sample changed');
    leaf.rule.levels[0].label = 'Như tiêu chí 9.9.9';
    leaf.rule.levels[1].label = 'Như tiêu chí 1.2';
    const problems = validateRubric(doc);
    expect(problems).toEqual([{
      nodeCode: '1.1',
      field: 'rule.levels[0].label',
      message: 'Phương pháp chấm điểm của tiêu chí 1.1 nhắc tới mã 9.9.9 ("Như tiêu chí 9.9.9"), nhưng bộ chỉ số không có mã 9.9.9: sửa mã được nhắc tới hoặc thêm tiêu chí 9.9.9.',
    }]);
  });
});
