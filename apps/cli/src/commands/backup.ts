import { rename, rm } from 'node:fs/promises';
import { createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import { AppError } from '@parindex/contracts';
import type { BackupHeader } from '@parindex/server/services/backup/backup.service.ts';
import { type GlobalOptions, fail, report } from '../context.ts';

/**
 * `parindex backup --out FILE` and `parindex restore FILE` (docs/operations.md, "Sao lưu và khôi
 * phục"): one call each into services/backup/. An embedded folder that a running server holds can
 * be dumped only by that server: `backup` then asks it (POST /api/admin/backup) with an
 * administrator's account given by --user.
 */

const service = () => import('@parindex/server/services/backup/backup.service.ts');

async function settings(opts: GlobalOptions) {
  const { loadConfig } = await import('@parindex/server/config.ts');
  return loadConfig({ ...process.env, ...(opts.dataDir ? { DATA_DIR: opts.dataDir } : {}), ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}) });
}

const LABEL = { pglite: 'cơ sở dữ liệu nhúng (PGlite)', postgres: 'PostgreSQL' } as const;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

export function registerBackupCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('backup')
    .description('Sao lưu toàn bộ cơ sở dữ liệu vào một tệp (PostgreSQL: pg_dump; nhúng: bản chụp nhất quán của PGlite, lấy được cả khi máy chủ đang chạy)')
    .requiredOption('--out <file>', 'tệp sao lưu sẽ ghi (ghi đè nếu đã có)')
    .option('--user <username>', 'khi máy chủ đang chạy trên thư mục dữ liệu nhúng: tài khoản quản trị để máy chủ tạo bản sao lưu (mật khẩu được hỏi, hoặc đọc từ đầu vào chuẩn)')
    .option('--server <url>', 'địa chỉ máy chủ ParIndex đang chạy (mặc định http://HOST:PORT theo cấu hình)')
    .action(async (o: { out: string; user?: string; server?: string }) => {
      const opts = globals();
      try {
        const config = await settings(opts);
        const out = path.resolve(o.out);
        let header: BackupHeader;
        let via = '';
        try {
          header = await (await service()).backupConfigured(config, out);
        } catch (e) {
          if (!(e instanceof AppError && e.code === 'LOCKED') || config.databaseUrl) throw e;
          const server = (o.server ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`).replace(/\/+$/, '');
          if (!o.user)
            throw new AppError(
              'LOCKED',
              `Máy chủ ParIndex${e.details.pid ? ` (PID ${e.details.pid})` : ''} đang giữ thư mục dữ liệu ${config.dataDir}, nên bản sao lưu phải do chính máy chủ đó tạo. ` +
                `Chạy lại với --user TÀI_KHOẢN_QUẢN_TRỊ (mật khẩu được hỏi, hoặc đọc từ đầu vào chuẩn) và nếu cần --server ${server}; ` +
                'hoặc dùng POST /api/admin/backup bằng tài khoản quản trị (docs/operations.md, "Sao lưu và khôi phục"). Không cần dừng máy chủ.',
            );
          header = await backupFromServer(server, o.user, await readPassword(`Mật khẩu của ${o.user}: `), out);
          via = ` (do máy chủ ${server} tạo)`;
        }
        const secret = config.surveySecret ? 'biến SURVEY_SECRET' : `tệp ${config.surveySecretFile}${existsSync(config.surveySecretFile) ? '' : ' (máy chủ tạo khi khởi động lần đầu)'}`;
        report(opts, { file: out, ...header }, () =>
          [
            `Đã sao lưu ${LABEL[header.backend]} vào ${out}${via}: ${megabytes(header.size)}, ${header.migrations} lần chuyển đổi cấu trúc, lúc ${header.createdAt}.`,
            `Khóa khảo sát (mã hồ sơ một cửa) không nằm trong bản sao lưu: hãy cất riêng ${secret}.`,
          ].join('\n'),
        );
      } catch (e) {
        fail(opts, e);
      }
    });

  program
    .command('restore')
    .description('Khôi phục cơ sở dữ liệu từ một tệp của "parindex backup" (nhúng: thư mục cũ được giữ lại; PostgreSQL: thay toàn bộ trong một giao dịch)')
    .argument('<file>', 'tệp sao lưu')
    .option('--yes', 'PostgreSQL: xác nhận thay toàn bộ dữ liệu hiện có bằng bản sao lưu')
    .option('--force', 'PostgreSQL: khôi phục cả khi còn phiên khác đang kết nối cơ sở dữ liệu')
    .action(async (file: string, o: { yes?: boolean; force?: boolean }) => {
      const opts = globals();
      try {
        const config = await settings(opts);
        const restored = await (await service()).restoreBackup(config, path.resolve(file), { confirmed: !!o.yes, force: !!o.force });
        report(opts, restored, () => {
          const lines = [`Đã khôi phục ${LABEL[restored.backend]} từ ${file} (bản sao lưu lúc ${restored.header.createdAt}, ${restored.header.migrations} lần chuyển đổi cấu trúc; nay ${restored.result.migrationsNow}).`];
          if (restored.backend === 'pglite' && restored.result.keptAs) lines.push(`Thư mục dữ liệu trước khi khôi phục được giữ tại ${restored.result.keptAs} (xóa khi không cần nữa).`);
          return lines.join('\n');
        });
      } catch (e) {
        fail(opts, e);
      }
    });
}

/** Signs in to a running server, downloads its backup into `out` (checked, then renamed), signs out. */
async function backupFromServer(server: string, username: string, password: string, out: string): Promise<BackupHeader> {
  const { readBackupHeader } = await import('@parindex/server/services/backup/backup-file.ts');
  const call = async (url: string, init: RequestInit) => {
    try {
      return await fetch(`${server}${url}`, init);
    } catch (e) {
      throw new AppError('INTERNAL', `Không gọi được máy chủ ParIndex tại ${server} (${(e as Error).cause ?? (e as Error).message}). Hãy kiểm tra --server.`);
    }
  };
  const refused = async (res: Response, what: string) => {
    const message = ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`;
    return new AppError(res.status === 401 || res.status === 403 ? 'FORBIDDEN' : 'INTERNAL', `${what}: ${message}`);
  };
  const login = await call('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'ParIndex' }, body: JSON.stringify({ username, password }) });
  if (!login.ok) throw await refused(login, `Máy chủ ${server} từ chối đăng nhập "${username}"`);
  const session = login.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('parindex_session='));
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie: session ?? '', 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const partial = `${out}.partial-${process.pid}`;
  try {
    const res = await call('/api/admin/backup', { method: 'POST', headers, body: '{}' });
    if (!res.ok || !res.body) throw await refused(res, `Máy chủ ${server} không tạo được bản sao lưu`);
    await pipeline(Readable.fromWeb(res.body as WebReadableStream), createWriteStream(partial, { mode: 0o600 }));
    const { header } = await readBackupHeader(partial);
    await rename(partial, out);
    return header;
  } finally {
    await rm(partial, { force: true });
    await call('/api/auth/logout', { method: 'POST', headers, body: '{}' }).catch(() => undefined);
  }
}

/** The password: the first line of standard input when it is not a terminal, else typed without echo. */
async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += chunk;
    return text.split(/\r?\n/)[0];
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (err?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new AppError('VALIDATION', 'Đã hủy.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
