/**
 * What the workflow's routes share: the roles allowed and the path parameters (bodies are contracts).
 */
import { SafeText } from '@parindex/contracts';
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
export const tags = ['workflow'];
