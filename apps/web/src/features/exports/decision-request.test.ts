import { DecisionFields } from '@parindex/contracts';
import dayjs from 'dayjs';
import { expect, it } from 'vitest';
import { decisionRequest } from './decision-request.ts';

const typed = { decisionNumber: ' 125/QĐ-UBND ', decisionDate: dayjs('2026-03-05'), signer: ' Nguyễn Văn An ' };

it('a draft sends the decision as typed, in the publish form’s full form', () => {
  expect(decisionRequest(typed, true)).toEqual({ decisionNumber: '125/QĐ-UBND', decisionDate: '2026-03-05', signer: 'Nguyễn Văn An' });
  expect(DecisionFields.safeParse({ decisionNumber: '125/QĐ-UBND' }).success).toBe(true);
});

it('a published cycle sends no decision number or date: its files cite the stored decision', () => {
  expect(decisionRequest(typed, false)).toEqual({ decisionNumber: undefined, decisionDate: undefined, signer: 'Nguyễn Văn An' });
  expect(decisionRequest(undefined, true)).toEqual({ decisionNumber: undefined, decisionDate: undefined, signer: undefined });
});
