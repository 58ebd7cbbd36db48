/** The foreign key every cycle-owned table takes to `cycle_units` (not re-exported by the barrel). */
import { foreignKey, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { cycleUnits } from './core.ts';

/** Reference to the unit's membership in the cycle; `cascade` only for derived data. */
export const memberOfCycle = (name: string, cycleId: AnyPgColumn, unitId: AnyPgColumn, cascade: boolean) => {
  const fk = foreignKey({ name, columns: [cycleId, unitId], foreignColumns: [cycleUnits.cycleId, cycleUnits.unitId] });
  return cascade ? fk.onDelete('cascade') : fk;
};
