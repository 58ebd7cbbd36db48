/**
 * Test fixture: publishes a cycle of the demo again through the real writer, after the test has
 * added data a publication should freeze (e.g. SIPAS responses on the 2025 cycle, which the demo
 * publishes without surveys). The demo's version 1 is removed first — only a test may do that: in
 * the application a version is never deleted.
 */
import { eq } from 'drizzle-orm';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { cycles, publications, users } from '../../db/schema.ts';
import { CycleAdminService } from '../workflow/cycle-admin.service.ts';
import { Notifier } from '../workflow/notifier.ts';

export async function republishForTest(db: Db, cycleId: string): Promise<{ version: number }> {
  await db.delete(publications).where(eq(publications.cycleId, cycleId));
  await db.update(cycles).set({ status: 'approved' }).where(eq(cycles.id, cycleId));
  const [u] = await db.select().from(users).where(eq(users.username, 'sonoivu'));
  const actor: SessionUser = { id: u.id, username: u.username, fullName: u.fullName, email: u.email, role: u.role, unitId: u.unitId, unitName: null };
  return new CycleAdminService(db, new Notifier(db)).publish(actor, cycleId, { decisionNumber: '312/QĐ-UBND', decisionDate: '2026-02-27' });
}
