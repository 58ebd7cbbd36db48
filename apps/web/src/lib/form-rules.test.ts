import { z } from 'zod';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { fieldRule, schemaRule } from './form-rules.ts';

type Validator = (rule: unknown, value: unknown) => Promise<void>;
const check = (rule: ReturnType<typeof schemaRule>, value: unknown) => (rule as { validator: Validator }).validator({}, value);

const Meta = z.object({
  issuer: z.string({ error: 'Hãy nhập "Cơ quan ban hành".' }).trim().min(1, 'Hãy nhập "Cơ quan ban hành".').max(10, 'dài quá 10 ký tự'),
  issuedDate: z.string({ error: 'Hãy nhập ngày.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày không hợp lệ'),
});

describe('form rules from the contracts', () => {
  it("refuses what the server's schema refuses, with the schema's message or the page's", async () => {
    await expect(check(fieldRule(Meta, 'issuer'), '   ')).rejects.toThrow('Hãy nhập "Cơ quan ban hành".');
    await expect(check(fieldRule(Meta, 'issuer'), 'x'.repeat(11))).rejects.toThrow('dài quá 10 ký tự');
    await expect(check(fieldRule(Meta, 'issuer', 'Enter the issuer'), undefined)).rejects.toThrow('Enter the issuer');
  });

  it('accepts what the server accepts, reading a picked date as the server receives it', async () => {
    await expect(check(fieldRule(Meta, 'issuer'), 'Sở Tư pháp')).resolves.toBeUndefined();
    await expect(check(fieldRule(Meta, 'issuedDate'), dayjs('2026-03-05'))).resolves.toBeUndefined();
    await expect(check(fieldRule(Meta, 'issuedDate'), '05/03/2026')).rejects.toThrow('Ngày không hợp lệ');
  });
});
