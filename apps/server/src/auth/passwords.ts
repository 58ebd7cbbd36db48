/** Passwords: argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane) via @node-rs/argon2. */
import { hash, verify } from '@node-rs/argon2';

/** algorithm 2 = Argon2id (the package's const enum cannot be imported under isolatedModules). */
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A Vietnamese reason the password is too weak, or undefined. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
  if (!/[0-9]/.test(password) || !/[A-Za-zÀ-ỹ]/.test(password)) return 'Mật khẩu phải có cả chữ và số.';
  return undefined;
}
