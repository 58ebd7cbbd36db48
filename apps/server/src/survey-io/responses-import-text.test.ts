/**
 * Text the database cannot store, in a response file: a row whose cell holds a NUL character, or
 * whose open answer is longer than the limit, is rejected by row and column; the other rows are
 * imported; the file is never refused whole for it and the bad text is never quoted back.
 */
import { SurveyAnswerLimits } from '@parindex/contracts';
import { describe, expect, it } from 'vitest';
import { importResponses } from './responses-import.ts';
import { sampleSipasQuestionnaire } from './sample-questionnaires.ts';

const sipas = sampleSipasQuestionnaire();
const codes = sipas.questions.filter((q) => q.type !== 'multiple').map((q) => q.code);
const header = ['Nhóm đối tượng', 'Đơn vị được đánh giá', ...codes].join(',');
const row = (opinion: string, unit = 'u001') => ['nguoi_dan', unit, ...codes.map((c) => (c === 'D2' ? opinion : c.startsWith('C') ? '4' : c === 'A4' ? '' : '1'))].join(',');

describe('response files with text that cannot be stored', () => {
  it('rejects the row with a NUL character or a too long answer, naming the row and the question; imports the rest', async () => {
    // Good rows first: a NUL among the first bytes makes the file look binary, refused whole by the reader.
    const good = Array.from({ length: 30 }, (_, i) => row(`Ý kiến số ${i + 1}: cần thêm chỗ ngồi`));
    const long = 'Đ'.repeat(SurveyAnswerLimits.textChars + 1);
    const csv = [header, ...good, row('Tốt\u0000 lắm'), row(long), row('Ổn', 'u\u00002'), row('Rất hài lòng')].join('\n');
    const result = await importResponses(Buffer.from(csv), sipas, { unitCodes: ['u001'] });
    expect(result.rows).toBe(34);
    expect(result.rejected).toEqual([
      { row: 32, field: 'D2', reason: 'Dòng 32: cột "D2": ô chứa ký tự NUL (\\u0000), không lưu được.' },
      { row: 33, field: 'D2', reason: 'Dòng 33: cột "D2": Câu D2: câu trả lời dài 2.001 ký tự; tối đa 2.000 ký tự.' },
      { row: 34, field: 'Đơn vị được đánh giá', reason: 'Dòng 34: cột "Đơn vị được đánh giá": ô chứa ký tự NUL (\\u0000), không lưu được.' },
    ]);
    expect(result.responses).toHaveLength(31);
    expect(result.responses.at(-1)!.answers.D2).toBe('Rất hài lòng');
    expect(JSON.stringify(result)).not.toContain('\u0000');
  });

  it('takes an open answer of exactly the limit', async () => {
    const longest = 'ă'.repeat(SurveyAnswerLimits.textChars);
    const result = await importResponses(Buffer.from([header, row(longest)].join('\n')), sipas, { unitCodes: ['u001'] });
    expect(result.rejected).toEqual([]);
    expect(result.responses[0].answers.D2).toBe(longest);
  });
});
