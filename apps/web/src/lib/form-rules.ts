/**
 * Form validation from the API's own schemas: a field of a form is checked by the contracts schema
 * the server checks it with (packages/contracts), so no rule is re-typed here. The message is the
 * page's own (it follows the chosen language) or, without one, the schema's Vietnamese message.
 */
import type { FormRule } from 'antd';
import { z } from 'zod';

// zod's no-eval setting (the CSP forbids eval) is made before any schema exists: lib/zod-csp.ts.
import './zod-csp.ts';

/** The value the server would receive for what a form control holds (dates picked as dayjs become YYYY-MM-DD; blank text becomes absent). */
function wireValue(value: unknown): unknown {
  if (value && typeof value === 'object' && 'format' in value && typeof (value as { format: unknown }).format === 'function') {
    return (value as { format: (f: string) => string }).format('YYYY-MM-DD');
  }
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

/** An Ant Design rule that accepts what `schema` accepts; `message` replaces the schema's when given. */
export function schemaRule(schema: z.ZodType, message?: string): FormRule {
  return {
    validator: async (_rule, value) => {
      const result = schema.safeParse(wireValue(value));
      if (!result.success) throw new Error(message ?? result.error.issues[0]?.message ?? 'Giá trị không hợp lệ');
    },
  };
}

/** The rule of one field of a contracts object schema (`fieldRule(EvidenceMeta, 'issuer', w.issuerRequired)`). */
export function fieldRule<S extends z.ZodObject>(schema: S, field: keyof S['shape'] & string, message?: string): FormRule {
  return schemaRule(schema.shape[field] as z.ZodType, message);
}
