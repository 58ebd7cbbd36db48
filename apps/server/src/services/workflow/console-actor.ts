/**
 * The CLI operator (CONSOLE) where a stored row needs a person: the audit log and the
 * publications name it "Dòng lệnh máy chủ (CLI)", so the record shows the change came from the
 * server's own console, not from a signed-in account.
 */
import { type Actor, CONSOLE, type SessionUser } from '../../auth/auth.service.ts';

export const CONSOLE_USER: SessionUser = { id: 'console', username: 'console', fullName: 'Dòng lệnh máy chủ (CLI)', email: null, role: 'secretariat', unitId: null, unitName: null };

export const asUser = (actor: Actor): SessionUser => (actor === CONSOLE ? CONSOLE_USER : actor);
