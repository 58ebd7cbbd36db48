import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type NodeCondition, ScoringRule } from '@parindex/contracts';
import { formatCondition, formatMethod, parseMethod } from './method-notation.ts';
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
      .toBe('Tỷ lệ thuận (Hồ sơ đúng hạn / Hồ sơ tiếp nhận): điểm tối đa × tỷ lệ; Không phát sinh: không tính (loại khỏi thang điểm)');
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
      type: 'ratio_bands', numeratorLabel: 'Nhiệm vụ hoàn thành', denominatorLabel: 'Nhiệm vụ được giao',
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

  it('reads a tier table on a count, "≥ n" or "n trở lên" for "or more", ":" or "="', () => {
    const tiers = { type: 'count_tiers', countLabel: 'cuộc họp Ban chỉ đạo', tiers: [
      { count: 4, orMore: true, points: '2' }, { count: 3, points: '1.5' }, { count: 2, points: '0.75' }, { count: 1, points: '0.25' }, { count: 0, points: '0' },
    ] };
    expect(read('Số lượng (cuộc họp Ban chỉ đạo): ≥ 4: 2; 3: 1,5; 2: 0,75; 1: 0,25; 0: 0')).toEqual(tiers);
    expect(read('Số lượng (cuộc họp Ban chỉ đạo): 4 trở lên = 2\n3 = 1,5\n2 = 0,75\n1 = 0,25\n0 = 0')).toEqual(tiers);
    expect(formatRule(tiers as ScoringRule)).toBe('Số lượng (cuộc họp Ban chỉ đạo): ≥ 4: 2; 3: 1,5; 2: 0,75; 1: 0,25; 0: 0');
    expect(error('Số lượng (cuộc họp): nhiều: 2')).toContain('Không đọc được bậc "nhiều: 2"');
  });

  it('reads a tier table on a ratio in the same ":" form as bands', () => {
    expect(read('Tỷ lệ (Số hồ sơ đúng hạn / Tổng số hồ sơ): ≥ 95%: 2; ≥ 80%: 1,25; ≥ 0%: 0')).toEqual({
      type: 'ratio_bands', numeratorLabel: 'Số hồ sơ đúng hạn', denominatorLabel: 'Tổng số hồ sơ',
      bands: [{ minPercent: '95', points: '2' }, { minPercent: '80', points: '1.25' }, { minPercent: '0', points: '0' }],
    });
  });

  it('reads a deduction per occurrence with its floor, "trừ đến hết điểm" meaning 0', () => {
    const rule = { type: 'count_deduction', countLabel: 'văn bản ban hành chậm', perItem: '0.25', floor: '0' };
    expect(read('Mỗi văn bản ban hành chậm trừ 0,25 điểm; tối thiểu 0')).toEqual(rule);
    expect(read('Mỗi văn bản ban hành chậm trừ 0,25 điểm, trừ đến hết điểm của tiêu chí')).toEqual(rule);
    expect(read('Mỗi văn bản ban hành chậm trừ 0,25 điểm')).toEqual(rule);
    expect(read('Mỗi hồ sơ trễ hẹn trừ 0.5; tối thiểu 0,5 điểm')).toEqual({ type: 'count_deduction', countLabel: 'hồ sơ trễ hẹn', perItem: '0.5', floor: '0.5' });
    expect(formatRule(rule as ScoringRule)).toBe('Mỗi văn bản ban hành chậm trừ 0,25 điểm; tối thiểu 0');
    // "Mỗi …: N điểm" stays the count rule, even when its label holds the word "trừ".
    expect(read('Mỗi lần bị trừ điểm thi đua: 0,5 điểm')).toEqual({ type: 'count', countLabel: 'lần bị trừ điểm thi đua', perItem: '0.5' });
    expect(error('Mỗi văn bản chậm trừ 0,25 điểm; còn lại 0')).toContain('tối thiểu <điểm>');
  });

  it('"Không phát sinh" is an option of every rule but the survey\'s', () => {
    expect(read('Mức: Đúng hạn = 1; Chậm = 0,5; Không phát sinh: tối đa')).toMatchObject({ type: 'levels', whenNone: 'full' });
    expect(read('Đạt: tối đa; Không đạt: 0\nKhông phát sinh: 0')).toEqual({ type: 'binary', whenNone: 'zero' });
    expect(read('Chấm trực tiếp; Không phát sinh: không tính (loại khỏi thang điểm)')).toEqual({ type: 'manual', whenNone: 'not_applicable' });
    expect(read('Mỗi sáng kiến: 0,5 điểm; Không phát sinh: không tính')).toEqual({ type: 'count', countLabel: 'sáng kiến', perItem: '0.5', whenNone: 'not_applicable' });
    expect(read('Tỷ lệ thuận (A / B): điểm tối đa × tỷ lệ; Không phát sinh: không áp dụng')).toMatchObject({ whenNone: 'not_applicable' });
    // A level whose label is "Không phát sinh" is a level, not the clause.
    expect(read('Mức: Có = 1; Không phát sinh = 0,5')).toEqual({ type: 'levels', levels: [
      { code: 'co', label: 'Có', points: '1' }, { code: 'khong_phat_sinh', label: 'Không phát sinh', points: '0.5' },
    ] });
    expect(error('Theo kết quả điều tra XHH; Không phát sinh: tối đa')).toContain('điều tra XHH không ghi "Không phát sinh"');
    expect(error('Không phát sinh: tối đa')).toContain('phải đi cùng một cách chấm điểm');
    expect(error('Đạt: tối đa; Không đạt: 0; Không phát sinh: tối đa; Không phát sinh: 0')).toContain('Chỉ ghi một mục "Không phát sinh"');
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
// Count labels also avoid " trừ " (it starts the deduction form) and a trailing "điểm".
const countLabel = label.filter((l) => !/\strừ\s/.test(` ${l} `) && !/điểm$/i.test(l));

const anyRule: fc.Arbitrary<ScoringRule> = fc.oneof(
  fc.constant({ type: 'manual' as const }),
  fc.constant({ type: 'survey' as const }),
  fc.record({ type: fc.constant('binary' as const), yesLabel: label, noLabel: label }, { requiredKeys: ['type'] }),
  fc.record({
    type: fc.constant('levels' as const),
    levels: fc.array(fc.record({ code, label, points: decimal }), { minLength: 2, maxLength: 5 }),
  }),
  fc.record({
    type: fc.constant('ratio_bands' as const), numeratorLabel: label, denominatorLabel: label,
    bands: fc.array(fc.record({ minPercent: decimal, exclusive: fc.constant(true), points: decimal }, { requiredKeys: ['minPercent', 'points'] }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ type: fc.constant('proportional' as const), numeratorLabel: label, denominatorLabel: label }),
  fc.record({ type: fc.constant('count' as const), countLabel, perItem: decimal }),
  fc.record({
    type: fc.constant('count_tiers' as const), countLabel: label,
    tiers: fc.array(fc.record({ count: fc.integer({ min: 0, max: 9999 }), orMore: fc.constant(true), points: decimal }, { requiredKeys: ['count', 'points'] }), { minLength: 1, maxLength: 5 }),
  }),
  fc.record({ type: fc.constant('count_deduction' as const), countLabel, perItem: decimal, floor: decimal }),
).chain((rule): fc.Arbitrary<ScoringRule> =>
  rule.type === 'survey' ? fc.constant<ScoringRule>(rule) : fc.option(whenNone, { nil: undefined }).map((w) => (w ? { ...rule, whenNone: w } : rule) as ScoringRule));

const condition: fc.Arbitrary<NodeCondition> = fc.record({
  leaf: fc.constantFrom('1.1', '2', '3.2.1', '10.4.12', 'I.1', 'A.2.b'),
  op: fc.constantFrom('below' as const, 'at_most' as const, 'equal' as const),
  value: decimal,
  then: fc.constantFrom('zero' as const, 'not_applicable' as const),
});

describe('notation round trip', () => {
  it('parses back exactly what it wrote, for any rule with such labels', () => {
    fc.assert(fc.property(anyRule, (rule) => {
      expect(ScoringRule.parse(rule)).toEqual(rule);
      expect(read(formatRule(rule))).toStrictEqual(structuredClone(rule));
    }), { numRuns: 800 });
  });

  it('a whole cell, rule and conditions, parses back exactly; conditions alone for a node with children', () => {
    fc.assert(fc.property(fc.option(anyRule, { nil: undefined }), fc.array(condition, { maxLength: 3 }), (rule, conditions) => {
      const node = { ...(rule && { rule }), ...(conditions.length && { conditions }) };
      const parsed = parseMethod(formatMethod(node));
      expect(parsed).toStrictEqual(structuredClone({ ok: true, ...node }));
    }), { numRuns: 500 });
  });
});

describe('conditions between leaves in the method cell', () => {
  it('reads a condition after a rule, and conditions alone', () => {
    expect(parseMethod('Mức: Đúng hạn = 1; Không = 0; Nếu 1.1.1 = 0 thì 0 điểm')).toEqual({
      ok: true,
      rule: { type: 'levels', levels: [{ code: 'dung_han', label: 'Đúng hạn', points: '1' }, { code: 'khong', label: 'Không', points: '0' }] },
      conditions: [{ leaf: '1.1.1', op: 'equal', value: '0', then: 'zero' }],
    });
    expect(parseMethod('Nếu tiêu chí 2.1 < 1 điểm thì không tính (loại khỏi thang điểm)\nKhi 2.2 ≤ 0,5 thì 0 điểm')).toEqual({
      ok: true,
      conditions: [{ leaf: '2.1', op: 'below', value: '1', then: 'not_applicable' }, { leaf: '2.2', op: 'at_most', value: '0.5', then: 'zero' }],
    });
    // Codes that start with a letter (Roman-numbered fields) are conditions too.
    expect(parseMethod('Chấm trực tiếp; Nếu I.1 = 0 thì 0 điểm')).toEqual({ ok: true, rule: { type: 'manual' }, conditions: [{ leaf: 'I.1', op: 'equal', value: '0', then: 'zero' }] });
    expect(formatCondition({ leaf: '2.1', op: 'below', value: '1', then: 'not_applicable' })).toBe('Nếu 2.1 < 1 thì không tính (loại khỏi thang điểm)');
  });

  it('names what is wrong in a condition', () => {
    const message = (text: string) => {
      const r = parseMethod(text);
      if (r.ok) throw new Error('parsed');
      return r.message;
    };
    expect(message('Chấm trực tiếp; Nếu 2.1 ≥ 1 thì 0 điểm')).toContain('nhỏ hơn (<), không quá (≤) hoặc bằng (=)');
    expect(message('Chấm trực tiếp; Nếu 2.1 = 0 thì một nửa')).toContain('sau "thì" ghi "0 điểm" hoặc "không tính');
    expect(message('Chấm trực tiếp; Nếu 2.1 = 0 được 0 điểm')).toContain('Không đọc được điều kiện');
  });
});
