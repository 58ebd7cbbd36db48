import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root (two levels above apps/server), where the default data folder lives. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'phải là địa chỉ PostgreSQL dạng postgres://user@host:5432/db')
    .optional(),
  DATA_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  COOKIE_SECURE: z.enum(['0', '1']).default('0'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'phải là địa chỉ dạng smtp://user:pass@host:587').optional(),
  MAIL_FROM: z.string().optional(),
  /**
   * Behind a reverse proxy: whose X-Forwarded-For to believe, so that the client's address (not the
   * proxy's) is what the survey form is rate-limited by. "true" (every hop: only when the server can
   * be reached through the proxy alone), a number of hops, or proxy addresses/CIDR ranges.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .refine((v) => /^(true|false|\d{1,2})$/.test(v) || v.split(',').every((a) => isIP(a.trim().split('/')[0]) !== 0), 'phải là true, false, số tầng proxy (1, 2…) hoặc địa chỉ proxy cách nhau bằng dấu phẩy (127.0.0.1,10.0.0.0/8)')
    .optional(),
  /**
   * The installation's public address (https://chisocchc.sonha.gov.vn, or with a path prefix):
   * every link and QR code the server hands out (survey links, desks) starts with it. Unset: the
   * address the officer's browser used, which behind a proxy or on 127.0.0.1 is not the public one.
   */
  PUBLIC_URL: z
    .string()
    .trim()
    .refine((v) => publicUrlOf(v) !== undefined, 'phải là địa chỉ công khai dạng https://chisocchc.tinh.gov.vn (không có ?, #)')
    .optional(),
  /** Key of the dossier-code HMAC shared by every server of one installation (else the file SURVEY_SECRET_FILE). */
  SURVEY_SECRET: z.string().min(32, 'phải dài ít nhất 32 ký tự (ví dụ: openssl rand -hex 32)').optional(),
  /** File of that key, kept outside the data folder and its backups (default: parindex-secrets/survey-secret.key beside DATA_DIR). */
  SURVEY_SECRET_FILE: z.string().min(1).optional(),
  /**
   * Seed the demo province into an empty database on start: 1 by default with the embedded
   * database (a newcomer's first look), 0 with DATABASE_URL (a real installation); 1 with
   * DATABASE_URL is allowed when asked for explicitly.
   */
  PARINDEX_DEMO: z.enum(['0', '1'], 'phải là 0 (không nạp dữ liệu minh họa) hoặc 1 (nạp vào cơ sở dữ liệu trống)').optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  webDist: string;
  secureCookies: boolean;
  smtpUrl?: string;
  mailFrom?: string;
  trustProxy: boolean | number | string;
  surveySecret?: string;
  /** Where the survey secret is kept when SURVEY_SECRET is not set (services/surveys/survey-secret.ts). */
  surveySecretFile: string;
  /** Seed the demo province into an empty database on start (PARINDEX_DEMO). */
  demo: boolean;
  /** PUBLIC_URL without its trailing slash; undefined: links use the request's origin. */
  publicUrl?: string;
}

/** Reads process.env once, validates it, and fails listing every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ (biến môi trường):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR ?? path.join(REPO_ROOT, '.data')),
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(e.WEB_DIST ?? path.join(REPO_ROOT, 'apps/web/dist')),
    secureCookies: e.COOKIE_SECURE === '1',
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    surveySecret: e.SURVEY_SECRET,
    surveySecretFile: path.resolve(e.SURVEY_SECRET_FILE ?? defaultSurveySecretFile(path.resolve(e.DATA_DIR ?? path.join(REPO_ROOT, '.data')))),
    demo: e.PARINDEX_DEMO ? e.PARINDEX_DEMO === '1' : !e.DATABASE_URL,
    publicUrl: publicUrlOf(e.PUBLIC_URL),
  };
}

/** "https://host[/prefix]" without a trailing slash, or undefined when unset or not such an address. */
export function publicUrlOf(v: string | undefined): string | undefined {
  if (!v?.trim()) return undefined;
  let u: URL;
  try {
    u = new URL(v.trim());
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.search || u.hash || u.username || u.password) return undefined;
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** Where the links the server hands out start: the configured public address (Config.publicUrl) when set, else the request's origin. */
export function linkBase(requestOrigin: string, publicUrl: string | undefined): string {
  return publicUrl ?? requestOrigin.replace(/\/+$/, '');
}

/** Beside the data folder, never inside it: `<parent of DATA_DIR>/parindex-secrets/survey-secret.key`. */
export function defaultSurveySecretFile(dataDir: string): string {
  return path.join(path.dirname(path.resolve(dataDir)), 'parindex-secrets', 'survey-secret.key');
}

function trustProxyOf(v: string | undefined): boolean | number | string {
  if (!v || v === 'false') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v.split(',').map((a) => a.trim()).join(',');
}
