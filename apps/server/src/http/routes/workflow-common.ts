/**
 * What the workflow's routes share: the roles allowed, the path parameters and the scored-entry body.
 */
import { DateString, LeafInputs, SafeText } from '@parindex/contracts';
import { z } from 'zod';
import type { Role } from '../../db/schema.ts';

export const SECRETARIAT: Role[] = ['secretariat'];
export const STAFF: Role[] = ['admin', 'secretariat', 'leader', 'council_member', 'council_chair', 'appraiser'];
export const UNIT: Role[] = ['unit_officer', 'unit_head'];
export const COUNCIL: Role[] = ['council_member', 'council_chair'];

export const Id = SafeText.min(1).max(64);
export const CycleParams = z.object({ id: Id });
export const UnitParams = z.object({ id: Id, unitId: Id });
export const LeafParams = z.object({ id: Id, unitId: Id, leafCode: SafeText.min(1).max(40) });
export const IsoDate = DateString;
export const tags = ['workflow'];

export const Decimal3 = z.string().regex(/^\d{1,5}([.,]\d{1,3})?$/, 'Số điểm không hợp lệ (tối đa 3 chữ số thập phân)').transform((s) => s.replace(',', '.'));
/** A proposal's or a council decision's figure: points the rule can give, or raw inputs (the service checks which). */
export const ScoredEntryBody = z.object({ points: Decimal3.nullable().optional(), inputs: LeafInputs.nullable().optional() });
export const Deadlines = z.object({ self: IsoDate.optional(), appraisal: IsoDate.optional(), explanation: IsoDate.optional(), council: IsoDate.optional() });

/**
 * An evidence document's identity, required here as on the upload form (the browser's check alone
 * is no check): each message names the form's field.
 */
const requiredText = (label: string, max: number) =>
  z.string({ error: `Hãy nhập "${label}" của tài liệu.` }).trim().min(1, `Hãy nhập "${label}" của tài liệu.`).max(max, `"${label}" dài quá ${max} ký tự.`);
export const EvidenceMeta = z.object({
  numberSymbol: requiredText('Số, ký hiệu', 100),
  issuedDate: z.string({ error: 'Hãy nhập "Ngày ban hành" của tài liệu.' }).trim().min(1, 'Hãy nhập "Ngày ban hành" của tài liệu.').refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d), '"Ngày ban hành" không phải một ngày hợp lệ (dạng YYYY-MM-DD).'),
  issuer: requiredText('Cơ quan ban hành', 200),
  signer: z.string().trim().max(120, '"Người ký" dài quá 120 ký tự.').nullable(),
});
