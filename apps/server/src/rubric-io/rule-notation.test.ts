import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScoringRule } from '@parindex/contracts';
import { deriveLevelCode, formatRule, parseRule } from './rule-notation.ts';

const read = (text: string) => {
  const r = parseRule(text);
  if (!r.ok) throw new Error(r.message);
  return r.rule;
};
const error = (text: string) => {
  const r = parseRule(text);
  if (r.ok) throw new Error(`parsed: ${JSON.stringify(r.rule)}`);
  return r.message;
};

describe('formatRule', () => {
  it('writes one readable line per rule type, with Vietnamese decimal commas', () => {
    expect(formatRule({ type: 'manual' })).toBe('Chấm trực tiếp');
    expect(formatRule({ type: 'binary' })).toBe('Đạt: tối đa; Không đạt: 0');
    expect(formatRule({ type: 'levels', levels: [
      { code: 'ban_hanh_dung_han', label: 'Ban hành đúng hạn', points: '1' },
      { code: 'cham', label: 'Ban hành chậm', points: '0.5' },
    ] })).toBe('Mức: Ban hành đúng hạn = 1; [cham] Ban hành chậm = 0,5');
    expect(formatRule({ type: 'ratio_bands', numeratorLabel: 'Số hồ sơ đúng hạn', denominatorLabel: 'Tổng số hồ sơ', whenNone: 'full',
      bands: [{ minPercent: '90', exclusive: true, points: '2' }, { minPercent: '70', points: '1' }, { minPercent: '0', points: '0' }] }))
      .toBe('Tỷ lệ (Số hồ sơ đúng hạn / Tổng số hồ sơ): > 90% = 2; ≥ 70% = 1; ≥ 0% = 0; Không phát sinh: tối đa');
    expect(formatRule({ type: 'proportional', numeratorLabel: 'Hồ sơ đúng hạn', denominatorLabel: 'Hồ sơ tiếp nhận', whenNone: 'not_applicable' }))
      .toBe('Tỷ lệ thuận (Hồ sơ đúng hạn / Hồ sơ tiếp nhận): điểm tối đa × tỷ lệ; Không phát sinh: không áp dụng');
    expect(formatRule({ type: 'count', countLabel: 'sáng kiến được công nhận', perItem: '0.25' })).toBe('Mỗi sáng kiến được công nhận: 0,25 điểm');
    expect(formatRule({ type: 'survey' })).toBe('Theo kết quả điều tra XHH');
  });
});

describe('parseRule', () => {
  it('reads levels, deriving codes from labels unless a code is given', () => {
    expect(read('Mức: Ban hành đúng hạn = 1; [late] Ban hành chậm = 0,5; Không ban hành = 0')).toEqual({ type: 'levels', levels: [
      { code: 'ban_hanh_dung_han', label: 'Ban hành đúng hạn', points: '1' },
      { code: 'late', label: 'Ban hành chậm', points: '0.5' },
      { code: 'khong_ban_hanh', label: 'Không ban hành', points: '0' },
    ] });
  });

  it('accepts dot decimals, line breaks between clauses, ">=" and the spelling "tỉ lệ"', () => {
    expect(read('Mức:\nĐúng hạn = 1\nChậm = 0.5')).toEqual({ type: 'levels', levels: [
      { code: 'dung_han', label: 'Đúng hạn', points: '1' }, { code: 'cham', label: 'Chậm', points: '0.5' },
    ] });
    expect(read('Tỉ lệ (Nhiệm vụ hoàn thành / Nhiệm vụ được giao): >= 70,5% = 1,25; ≥ 0% = 0')).toEqual({
      type: 'ratio_bands', numeratorLabel: 'Nhiệm vụ hoàn thành', denominatorLabel: 'Nhiệm vụ được giao', whenNone: 'full',
      bands: [{ minPercent: '70.5', points: '1.25' }, { minPercent: '0', points: '0' }],
    });
  });

  it('keeps parentheses inside ratio labels and reads "Không phát sinh: 0"', () => {
    expect(read('Tỷ lệ thuận (Số văn bản (QPPL) đúng hạn / Tổng số văn bản): điểm tối đa × tỷ lệ; Không phát sinh: 0')).toEqual({
      type: 'proportional', numeratorLabel: 'Số văn bản (QPPL) đúng hạn', denominatorLabel: 'Tổng số văn bản', whenNone: 'zero',
    });
  });

  it('reads binary rules with and without labels, and count rules with or without "điểm"', () => {
    expect(read('đạt: tối đa; không đạt: 0')).toEqual({ type: 'binary' });
    expect(read('Đạt (Đủ, đúng hạn): tối đa; Không đạt (Thiếu hoặc chậm): 0')).toEqual({ type: 'binary', yesLabel: 'Đủ, đúng hạn', noLabel: 'Thiếu hoặc chậm' });
    expect(read('Mỗi văn bản bị kiến nghị xử lý: 0.5')).toEqual({ type: 'count', countLabel: 'văn bản bị kiến nghị xử lý', perItem: '0.5' });
  });

  it('names what is wrong', () => {
    expect(error('Chấm theo cảm tính')).toContain('Không đọc được phương pháp chấm điểm "Chấm theo cảm tính"');
    expect(error('Mức: Đúng hạn = 1; Chậm = hai')).toContain('Điểm của mức "Chậm" "hai" không phải là số');
    expect(error('Mức: Đúng hạn = 1; Chậm = 0,1255')).toContain('quá 3 chữ số thập phân');
    expect(error('Mức: Đúng hạn = 1; Chậm')).toContain('Mức "Chậm" thiếu điểm');
    expect(error('Mức: Đúng hạn = 1')).toContain('ít nhất 2 mức');
    expect(error('Tỷ lệ: ≥ 90% = 1')).toContain('(<tử số> / <mẫu số>)');
    expect(error('Tỷ lệ (A / B): từ 90% = 1')).toContain('Không đọc được mức tỷ lệ "từ 90% = 1"');
    expect(error('Tỷ lệ (A / B): ≥ 0% = 0; Không phát sinh: một nửa')).toContain('"Không phát sinh" phải là');
    expect(error('Tỷ lệ thuận (A / B): bằng nhau')).toContain('điểm tối đa × tỷ lệ');
  });

  it('a rule that only points at another criterion is refused naming the code', () => {
    expect(error('Chấm như tiêu chí 9.9.9')).toContain('không dẫn chiếu được sang tiêu chí khác (ở đây: 9.9.9)');
    expect(error('Chấm theo cảm tính')).not.toContain('dẫn chiếu');
  });

  it('derives a fallback code for a label without letters or digits', () => {
    expect(deriveLevelCode('—', 2)).toBe('muc_3');
  });
});

// Labels from letters, digits, spaces and common punctuation, not ";" (the clause separator), "/", ":" or "[".
const chars = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộ ABCĐHTXY0123456789,.-()%'];
const label = fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 30 }).map((s) => s.trim()).filter((s) => s.length > 0);
const decimal = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }))
  .map(([i, f]) => (f === undefined ? String(i) : `${i}.${String(f).padStart(3, '0').replace(/0+$/, '') || '5'}`));
const whenNone = fc.constantFrom('full' as const, 'zero' as const, 'not_applicable' as const);
const code = fc.string({ unit: fc.constantFrom(...'abcdefxyz_0123456789'), minLength: 1, maxLength: 40 });

const anyRule: fc.Arbitrary<ScoringRule> = fc.oneof(
  fc.constant({ type: 'manual' as const }),
  fc.constant({ type: 'survey' as const }),
  fc.record({ type: fc.constant('binary' as const), yesLabel: label, noLabel: label }, { requiredKeys: ['type'] }),
  fc.record({
    type: fc.constant('levels' as const),
    levels: fc.array(fc.record({ code, label, points: decimal }), { minLength: 2, maxLength: 5 }),
  }),
  fc.record({
    type: fc.constant('ratio_bands' as const), numeratorLabel: label, denominatorLabel: label, whenNone,
    bands: fc.array(fc.record({ minPercent: decimal, exclusive: fc.constant(true), points: decimal }, { requiredKeys: ['minPercent', 'points'] }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ type: fc.constant('proportional' as const), numeratorLabel: label, denominatorLabel: label, whenNone }),
  fc.record({ type: fc.constant('count' as const), countLabel: label, perItem: decimal }),
);

describe('notation round trip', () => {
  it('parses back exactly what it wrote, for any rule with such labels', () => {
    fc.assert(fc.property(anyRule, (rule) => {
      expect(ScoringRule.parse(rule)).toEqual(rule);
      expect(read(formatRule(rule))).toStrictEqual(structuredClone(rule));
    }), { numRuns: 500 });
  });
});
