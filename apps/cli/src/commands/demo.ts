import type { Command } from 'commander';
import { type GlobalOptions, fail, report, withDatabase } from '../context.ts';

/**
 * The demo province (Tỉnh Sơn Hà, dữ liệu minh họa) from the console: `demo seed` into an empty
 * database, `demo remove` of everything it created (refused while real data references it).
 * Each is one call into apps/server/src/seed/.
 */
export function registerDemoCommands(program: Command, globals: () => GlobalOptions): void {
  const act = (fn: () => Promise<void>) => async () => {
    try {
      await fn();
    } catch (e) {
      fail(globals(), e);
    }
  };
  const demo = program.command('demo').description('Dữ liệu minh họa (tỉnh Sơn Hà): nạp vào cơ sở dữ liệu trống, hoặc xóa');

  demo
    .command('seed')
    .description('Nạp dữ liệu minh họa vào cơ sở dữ liệu trống (từ chối nếu đã có dữ liệu)')
    .action(act(async () => {
      const { seedDemo } = await import('@parindex/server/seed/seed-demo.ts');
      const { DEMO_PASSWORD } = await import('@parindex/server/seed/seed-workflow.ts');
      await withDatabase(globals(), async (d) => {
        const summary = await seedDemo(d.db);
        report(globals(), summary, () =>
          [
            `Đã nạp dữ liệu minh họa: ${summary.province} — ${summary.cycles} kỳ đánh giá, ${summary.units2025} đơn vị (năm 2025), ${summary.accounts} tài khoản.`,
            `Tài khoản minh họa (sonoivu, tuphap.daumoi, quantri…) dùng mật khẩu ${DEMO_PASSWORD}: chỉ để xem thử, xóa bằng "npx parindex demo remove".`,
          ].join('\n'),
        );
      });
    }));

  demo
    .command('remove')
    .description('Xóa toàn bộ dữ liệu và tài khoản minh họa trong một giao dịch (từ chối, nêu rõ lý do, nếu dữ liệu thật đang tham chiếu đến chúng)')
    .action(act(async () => {
      const { removeDemo } = await import('@parindex/server/seed/demo-remove.ts');
      await withDatabase(globals(), async (d) => {
        const result = await removeDemo(d.db);
        const total = Object.values(result.removed).reduce((s, n) => s + n, 0);
        report(globals(), result, () =>
          [
            `Đã xóa dữ liệu minh họa: ${total} dòng (${Object.entries(result.removed).map(([t, n]) => `${t}: ${n}`).join(', ')}).`,
            ...(result.kept.length ? [`Giữ lại vì đã được sửa thành dữ liệu thật: ${result.kept.join('; ')}.`] : []),
            'Lần khởi động sau sẽ không nạp lại dữ liệu minh họa.',
          ].join('\n'),
        );
      });
    }));
}
