/** The rule of a leaf as the rubric pages write it, and the errors of a rubric file as the upload page lists them. */
import type { ScoringRule } from '@parindex/contracts';
import { describe, expect, it } from 'vitest';
import { formatRule } from '../rubric-io/rule-notation.ts';
import { conditionSentence, leafNotes, ruleSentence, tiesSentence } from './rubric-sentences.ts';
import { locateRubricErrors } from './rubric-upload-errors.ts';

const score = (rule: ScoringRule, max = '1') => ruleSentence({ rule, max, effect: 'score' });

describe('ruleSentence', () => {
  it('writes each rule kind in Vietnamese, points with a decimal comma', () => {
    expect(score({ type: 'manual' }, '2.5')).toBe('Chấm trực tiếp từ 0 đến 2,5 điểm.');
    expect(score({ type: 'binary' }, '0.75')).toBe('Đạt: 0,75 điểm; không đạt: 0 điểm.');
    expect(score({ type: 'levels', levels: [{ code: 'a', label: 'Đúng hạn', points: '1' }, { code: 'b', label: 'Chậm', points: '0.5' }] })).toBe('Chấm theo mức: Đúng hạn: 1 điểm; Chậm: 0,5 điểm.');
    expect(score({ type: 'ratio_bands', numeratorLabel: 'Số hồ sơ đúng hạn', denominatorLabel: 'Tổng số hồ sơ', whenNone: 'zero', bands: [{ minPercent: '70', points: '1' }, { minPercent: '0', points: '0' }, { minPercent: '90', exclusive: true, points: '2' }] }, '2'))
      .toBe('Tính tỷ lệ số hồ sơ đúng hạn trên tổng số hồ sơ: trên 90%: 2 điểm; từ 70% trở lên: 1 điểm; dưới 70%: 0 điểm. Nếu không phát sinh (tổng số hồ sơ bằng 0): 0 điểm.');
    expect(score({ type: 'proportional', numeratorLabel: 'Số văn bản ký số', denominatorLabel: 'Tổng số văn bản đi', whenNone: 'not_applicable' }, '1.5'))
      .toBe('Điểm = 1,5 × số văn bản ký số ÷ tổng số văn bản đi. Nếu không phát sinh (tổng số văn bản đi bằng 0): không tính tiêu chí này (loại khỏi thang điểm của đơn vị).');
    expect(score({ type: 'count', countLabel: 'Số sáng kiến được công nhận', perItem: '0.25' })).toBe('Mỗi sáng kiến được công nhận được 0,25 điểm, tối đa 1 điểm.');
    expect(ruleSentence({ rule: { type: 'count', countLabel: 'Số lần bị nhắc nhở', perItem: '0.5' }, max: '2', effect: 'deduction' })).toBe('Mỗi lần bị nhắc nhở trừ 0,5 điểm, trừ tối đa 2 điểm.');
    expect(score({ type: 'survey' }, '3')).toBe('Điểm lấy từ kết quả điều tra xã hội học (ý kiến người dân, tổ chức), tối đa 3 điểm.');
  });

  it('writes the tier tables, the deduction per occurrence and "Không phát sinh" on any rule', () => {
    expect(score({ type: 'count_tiers', countLabel: 'Số cuộc họp', tiers: [{ count: 1, points: '0.25' }, { count: 4, orMore: true, points: '2' }, { count: 3, points: '1.5' }, { count: 2, points: '0.75' }, { count: 0, points: '0' }] }, '2'))
      .toBe('Theo số cuộc họp: từ 4 trở lên: 2 điểm; 3: 1,5 điểm; 2: 0,75 điểm; 1: 0,25 điểm; 0: 0 điểm.');
    expect(score({ type: 'count_deduction', countLabel: 'Văn bản ban hành chậm', perItem: '0.25', floor: '0' }, '1.5'))
      .toBe('Tối đa 1,5 điểm; mỗi văn bản ban hành chậm trừ 0,25 điểm, trừ đến hết điểm của tiêu chí.');
    expect(score({ type: 'count_deduction', countLabel: 'Văn bản ban hành chậm', perItem: '0.25', floor: '0.5' }, '1.5')).toContain('còn tối thiểu 0,5 điểm');
    expect(score({ type: 'binary', whenNone: 'full' }, '1')).toBe('Đạt: 1 điểm; không đạt: 0 điểm. Nếu không phát sinh: được điểm tối đa.');
  });

  it('falls back to the XLSX notation for a rule it does not know in every detail', () => {
    const unknown = { type: 'binary', yesLabel: 'Có', extra: 'một tùy chọn mới' } as unknown as ScoringRule;
    expect(score(unknown)).toBe(formatRule(unknown));
  });
});

describe('notes, conditions and ties', () => {
  const settings = { bands: [{ label: 'Tốt', min: '80' }], ties: { mode: 'shared' as const }, pointDecimals: 2, evidencePolicy: 'explanation' as const };
  it('says what an effect and a required evidence add', () => {
    expect(leafNotes({ effect: 'bonus', evidenceRequired: true }, settings)).toEqual(['Điểm thưởng: cộng thêm, ngoài thang điểm.', 'Bắt buộc có tài liệu kiểm chứng; thiếu thì 0 điểm, trừ khi giải trình được chấp nhận.']);
    expect(leafNotes({ effect: 'score', evidenceRequired: false }, settings)).toEqual([]);
  });
  it('writes conditions between leaves and the tie policy', () => {
    expect(conditionSentence({ leaf: '1.1.1', op: 'equal', value: '0', then: 'zero' }, true)).toBe('Nếu điểm tiêu chí 1.1.1 bằng 0 thì tiêu chí này được 0 điểm.');
    expect(conditionSentence({ leaf: '2.1', op: 'below', value: '0.5', then: 'not_applicable' }, false)).toBe('Nếu điểm tiêu chí 2.1 dưới 0,5 thì các tiêu chí thuộc mục này không tính (loại khỏi thang điểm của đơn vị).');
    expect(tiesSentence({ mode: 'shared' })).toBe('Bằng chỉ số thì đồng hạng (1, 2, 2, 4).');
    expect(tiesSentence({ mode: 'ordered', keys: ['appraised', 'survey'] })).toBe('Bằng chỉ số thì xét lần lượt điểm thẩm định, điểm điều tra xã hội học; đơn vị cao hơn xếp trên.');
  });
});

describe('locateRubricErrors', () => {
  it('takes the sheet, row and column out of the messages of an annex', () => {
    expect(locateRubricErrors([
      { row: 7, field: 'Điểm tối đa', message: "Dòng 7, cột Điểm tối đa: 'x' không phải là số." },
      { row: 4, field: 'Năm', message: "Trang 'Thông tin', dòng 4 (Năm): phải là một năm." },
      { row: 3, field: 'Mã', message: 'Dòng 3: thiếu cột bắt buộc "Mã".' },
      { message: 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.' },
    ], 'xlsx')).toEqual([
      { sheet: 'Bộ tiêu chí', row: 7, column: 'Điểm tối đa', message: "'x' không phải là số." },
      { sheet: 'Thông tin', row: 4, column: 'Năm', message: 'Phải là một năm.' },
      { sheet: 'Bộ tiêu chí', row: 3, column: 'Mã', message: 'Thiếu cột bắt buộc "Mã".' },
      { sheet: null, row: null, column: null, message: 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.' },
    ]);
  });
  it('gives a JSON file its line and path, without a sheet', () => {
    expect(locateRubricErrors([{ field: 'fields[0].max', message: 'fields[0].max: Số thập phân không hợp lệ' }, { row: 12, message: 'Tệp JSON không hợp lệ ở dòng 12' }], 'json')).toEqual([
      { sheet: null, row: null, column: 'fields[0].max', message: 'Số thập phân không hợp lệ' },
      { sheet: null, row: 12, column: null, message: 'Tệp JSON không hợp lệ ở dòng 12' },
    ]);
  });
});
