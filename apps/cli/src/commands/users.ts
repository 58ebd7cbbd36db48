import type { Command } from 'commander';
import { AppError } from '@parindex/contracts';
import type { Actor } from '@parindex/server/auth/auth.service.ts';
import { type GlobalOptions, fail, report, withDatabase } from '../context.ts';

/**
 * `parindex users create-admin USERNAME`: the first administrator of a real installation (or any
 * later one), through the very service method the administrator's page uses (AuthService.createUser),
 * as the CONSOLE actor. The password never appears on the command line: it is read from standard
 * input when that is not a terminal (`… < file`, a pipe), else typed twice without echo.
 */
export function registerUserCommands(program: Command, globals: () => GlobalOptions): void {
  const users = program.commands.find((c) => c.name() === 'users') ?? program.command('users').description('Tài khoản');
  users
    .command('create-admin')
    .description('Tạo tài khoản quản trị hệ thống; mật khẩu đọc từ đầu vào chuẩn, hoặc hỏi hai lần (không hiện) khi chạy trong cửa sổ lệnh')
    .argument('<username>', 'tên đăng nhập: chữ không dấu, số, dấu chấm, gạch; 3–40 ký tự')
    .option('--full-name <name>', 'họ và tên hiển thị', 'Quản trị hệ thống')
    .option('--email <email>', 'địa chỉ e-mail nhận thông báo')
    .action(async (username: string, o: { fullName: string; email?: string }) => {
      try {
        const password = await readNewPassword(username);
        const { AuthService, CONSOLE } = await import('@parindex/server/auth/auth.service.ts');
        await withDatabase(globals(), async (d) => {
          const user = await new AuthService(d.db).createUser(CONSOLE as Actor, { username, fullName: o.fullName, email: o.email ?? null, password, role: 'admin' });
          report(globals(), { user }, () => `Đã tạo tài khoản quản trị "${user.username}" (${user.fullName}). Đăng nhập tại /login.`);
        });
      } catch (e) {
        fail(globals(), e);
      }
    });
}

/** The new password: standard input's first line when it is not a terminal, else asked twice without echo. */
export async function readNewPassword(username: string, input: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (!input.isTTY) return firstLine(await readAll(input));
  const first = await askHidden(`Mật khẩu cho ${username} (ít nhất 12 ký tự, không hiện khi gõ): `, input);
  const again = await askHidden('Nhập lại mật khẩu: ', input);
  if (first !== again) throw new AppError('VALIDATION', 'Hai lần nhập mật khẩu không khớp; chưa tạo tài khoản. Hãy chạy lại lệnh.', [{ field: 'password', message: 'không khớp' }]);
  return first;
}

const firstLine = (text: string) => text.split(/\r?\n/)[0] ?? '';

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads one line from a terminal in raw mode, echoing nothing; Ctrl-C stops the command. */
function askHidden(prompt: string, input: NodeJS.ReadStream): Promise<string> {
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (err?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new AppError('VALIDATION', 'Đã hủy; chưa tạo tài khoản.'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}
