/**
 * Passwords: argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane) via @node-rs/argon2, a random
 * salt per hash. The policy follows NIST SP 800-63B: length first (at least 12 characters), no
 * composition rules, and never a password from a list of common and leaked ones — zxcvbn's
 * 49,000-entry list (@zxcvbn-ts/language-common) plus the words Vietnamese offices reach for.
 */
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** algorithm 2 = Argon2id (the package's const enum cannot be imported under isolatedModules). */
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/** Words seen in Vietnamese offices' passwords, checked like the common list (with digits and symbols around them removed). */
const LOCAL_WORDS = ['matkhau', 'anhyeuem', 'emyeuanh', 'yeuem', 'vietnam', 'hanoi', 'saigon', 'quantri', 'quantrivien', 'admin', 'administrator', 'cchc', 'caicachhanhchinh', 'sonoivu', 'noivu', 'ubnd', 'ubndtinh', 'parindex', 'chisocchc', 'motcua', 'password', 'qwerty', 'abcdef'];

let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set([...(dictionary['passwords-common'] as string[]), ...LOCAL_WORDS]));

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

/** The password without accents, case, and the digits and symbols people pad a word with ("MatKhau@2026!" → "matkhau"). */
function core(password: string): string {
  return password
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');
}

/** A Vietnamese reason the password may not be used, or undefined. `username` is refused inside the password. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự (nên dùng một cụm từ dễ nhớ).`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Mật khẩu dài quá ${MAX_PASSWORD_LENGTH} ký tự.`;
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower) || list.has(core(password)) || new Set(lower).size < 5)
    return 'Mật khẩu này quá phổ biến hoặc dễ đoán (có trong danh sách mật khẩu bị lộ). Hãy chọn mật khẩu khác, ví dụ một cụm từ dài.';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'Mật khẩu không được chứa tên đăng nhập.';
  return undefined;
}
