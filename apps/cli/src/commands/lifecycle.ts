import type { Command } from 'commander';
import { AppError, DateString } from '@parindex/contracts';
import type { Actor } from '@parindex/server/auth/auth.service.ts';
import type { Checklist } from '@parindex/server/services/workflow/cycle-gates.ts';
import { type GlobalOptions, fail, report, withDatabase } from '../context.ts';
import { resolveCycle } from './data.ts';

/**
 * The cycle's stages from the console, through the very service methods the routes call, as the
 * CONSOLE actor: `cycles status` (the checklist, then the move), `cycles publish`, `exclusions
 * list|set` (with their legal basis) and `scorecard` (any computed cycle, for the secretariat).
 */

// Loaded when a command runs, as in data.ts.
const services = async () => ({
  ...(await import('@parindex/server/services/results.service.ts')),
  ...(await import('@parindex/server/services/repositories.ts')),
  ...(await import('@parindex/server/services/scorecard.service.ts')),
  ...(await import('@parindex/server/services/workflow/cycle-admin.service.ts')),
  ...(await import('@parindex/server/services/workflow/cycle-lifecycle.service.ts')),
  ...(await import('@parindex/server/services/workflow/notifier.ts')),
});

/** The operator at the console (the dynamic import loses the symbol's own type). */
const consoleActor = async () => (await import('@parindex/server/auth/auth.service.ts')).CONSOLE as Actor;

const STAGES = ['open', 'appraisal', 'council', 'approved', 'published', 'closed'] as const;
type Stage = (typeof STAGES)[number];

/** The subcommand group `name` registered elsewhere (cycles), or a new one. */
function group(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

export function checklistText(c: Checklist, labels: Record<string, string>): string {
  const lines = [`Chuyển "${labels[c.from] ?? c.from}" → "${labels[c.to] ?? c.to}": ${c.ok ? 'đủ điều kiện' : 'CHƯA ĐỦ ĐIỀU KIỆN'}`];
  if (c.items.length === 0) lines.push('  (không có điều kiện nào)');
  for (const i of c.items) {
    lines.push(`  [${i.ok ? 'x' : ' '}] ${i.label}${i.count ? ` — ${i.count}` : ''}${!i.ok && !i.overridable ? ' (không thể bỏ qua)' : ''}`);
    if (!i.ok && i.units.length) lines.push(`      ${i.units.slice(0, 10).map((u) => u.name).join('; ')}${i.units.length > 10 ? `; … và ${i.units.length - 10} đơn vị khác` : ''}`);
  }
  return lines.join('\n');
}

/** Prints a gate's refusal with its checklist (the JSON error carries it in `details`), then exits 1. */
function refuse(opts: GlobalOptions, e: unknown, labels: Record<string, string>): never {
  const checklist = e instanceof AppError ? (e.details.checklist as Checklist | undefined) : undefined;
  if (!checklist) fail(opts, e);
  const err = e as AppError;
  if (opts.json) process.stdout.write(JSON.stringify({ error: { code: err.code, message: err.message, details: { checklist } } }, null, 2) + '\n');
  else process.stderr.write(`${checklistText(checklist, labels)}\nLỗi: ${err.message}\n`);
  process.exit(1);
}

export function registerLifecycleCommands(program: Command, globals: () => GlobalOptions): void {
  const act = (fn: (...a: any[]) => Promise<void>) => async (...a: any[]) => {
    try {
      await fn(...a);
    } catch (e) {
      fail(globals(), e);
    }
  };
  const cycles = group(program, 'cycles', 'Các kỳ đánh giá');

  cycles
    .command('status')
    .description('Chuyển giai đoạn kỳ đánh giá: in danh sách điều kiện; chưa đạt thì từ chối (mã thoát 1), trừ khi có --override kèm lý do')
    .requiredOption('--cycle <id>', 'mã kỳ đánh giá, hoặc năm')
    .requiredOption('--to <stage>', `giai đoạn tiếp theo: ${STAGES.join(', ')}`)
    .option('--override <reason>', 'chuyển dù chưa đạt, với lý do (ít nhất 10 ký tự; ghi vào nhật ký)')
    .option('--dry-run', 'chỉ in danh sách điều kiện, không chuyển')
    .action(act(async (o) => {
      const to = String(o.to) as Stage;
      if (!STAGES.includes(to)) throw new AppError('VALIDATION', `Giai đoạn "${o.to}" không có; chọn một trong: ${STAGES.join(', ')}.`);
      if (to === 'published') throw new AppError('VALIDATION', 'Công bố cần số và ngày quyết định: dùng "parindex cycles publish --cycle … --decision-number … --decision-date …".');
      const s = await services();
      const actor = await consoleActor();
      const override = o.override !== undefined ? { reason: String(o.override) } : null;
      await withDatabase(globals(), async (d) => {
        const cycleId = await resolveCycle(new s.ResultsService(d.db), o.cycle);
        const lifecycle = new s.CycleLifecycleService(d.db, new s.Notifier(d.db));
        const checklist = await lifecycle.checklist(cycleId, to);
        if (o.dryRun) return report(globals(), { checklist }, () => checklistText(checklist, s.STATUS_LABELS));
        try {
          const cycle = to === 'approved' ? await lifecycle.approve(actor, cycleId, override) : await lifecycle.transition(actor, cycleId, to, override);
          report(globals(), { checklist, cycle }, () => `${checklistText(checklist, s.STATUS_LABELS)}\nĐã chuyển kỳ đánh giá ${cycle.year} sang "${s.STATUS_LABELS[to]}"${override && !checklist.ok ? ` dù chưa đạt; lý do đã ghi vào nhật ký: ${override.reason}` : ''}.`);
        } catch (e) {
          refuse(globals(), e, s.STATUS_LABELS);
        }
      });
    }));

  cycles
    .command('publish')
    .description('Công bố kết quả đã được Hội đồng phê duyệt: số và ngày quyết định (phiên bản 1; sau đó chỉ đính chính)')
    .requiredOption('--cycle <id>', 'mã kỳ đánh giá, hoặc năm')
    .requiredOption('--decision-number <number>', 'số quyết định phê duyệt, ví dụ 45/QĐ-UBND')
    .requiredOption('--decision-date <date>', 'ngày quyết định, YYYY-MM-DD')
    .option('--reason <text>', 'ghi chú của lần công bố')
    .option('--override <reason>', 'công bố dù chưa đạt điều kiện, với lý do (ít nhất 10 ký tự)')
    .action(act(async (o) => {
      const date = DateString.safeParse(o.decisionDate);
      if (!date.success) throw new AppError('VALIDATION', `Ngày quyết định "${o.decisionDate}" không hợp lệ (dạng YYYY-MM-DD).`, [{ field: 'decision-date', message: 'không hợp lệ' }]);
      if (!String(o.decisionNumber).trim()) throw new AppError('VALIDATION', 'Hãy ghi số quyết định phê duyệt.', [{ field: 'decision-number', message: 'bắt buộc' }]);
      const s = await services();
      const actor = await consoleActor();
      await withDatabase(globals(), async (d) => {
        const cycleId = await resolveCycle(new s.ResultsService(d.db), o.cycle);
        const lifecycle = new s.CycleLifecycleService(d.db, new s.Notifier(d.db));
        try {
          const r = await lifecycle.publish(actor, cycleId, { decisionNumber: o.decisionNumber, decisionDate: date.data, reason: o.reason ?? null }, o.override !== undefined ? { reason: String(o.override) } : null);
          report(globals(), r, () => `Đã công bố kết quả (phiên bản ${r.version}) theo Quyết định số ${o.decisionNumber} ngày ${date.data.split('-').reverse().join('/')}.`);
        } catch (e) {
          refuse(globals(), e, s.STATUS_LABELS);
        }
      });
    }));

  const exclusions = group(program, 'exclusions', 'Loại trừ tiêu chí không áp dụng cho đơn vị (có căn cứ pháp lý)');
  exclusions
    .command('list')
    .description('Các tiêu chí được loại trừ của một kỳ (hoặc một đơn vị), với căn cứ')
    .requiredOption('--cycle <id>', 'mã kỳ đánh giá, hoặc năm')
    .option('--unit <code>', 'mã đơn vị')
    .action(act(async (o) => {
      const s = await services();
      const rows = await withDatabase(globals(), async (d) => {
        const cycleId = await resolveCycle(new s.ResultsService(d.db), o.cycle);
        const repos = s.repositories(d.db);
        const units = await repos.cycles.listCycleUnits(cycleId);
        const unit = o.unit ? units.find((u) => u.code === o.unit) : undefined;
        if (o.unit && !unit) throw new AppError('NOT_FOUND', `Đơn vị mã "${o.unit}" không tham gia kỳ đánh giá này.`);
        const byId = new Map(units.map((u) => [u.unitId, u]));
        const collator = new Intl.Collator('vi');
        return (await repos.cycles.listExclusions(cycleId, unit?.unitId))
          .map((e) => ({ unitCode: byId.get(e.unitId)?.code ?? e.unitId, unitName: byId.get(e.unitId)?.name ?? e.unitId, nodeCode: e.nodeCode, basis: e.basis }))
          .sort((a, b) => collator.compare(a.unitName, b.unitName) || a.nodeCode.localeCompare(b.nodeCode, undefined, { numeric: true }));
      });
      report(globals(), rows, () => (rows.length ? rows.map((r) => `${r.unitCode}\t${r.unitName}\t${r.nodeCode}\t${r.basis}`).join('\n') : 'Không có tiêu chí nào được loại trừ.'));
    }));
  exclusions
    .command('set')
    .description('Loại trừ một tiêu chí cho một đơn vị với căn cứ pháp lý (--remove: bỏ loại trừ); chỉ khi kỳ còn dự thảo hoặc đang tự đánh giá')
    .requiredOption('--cycle <id>', 'mã kỳ đánh giá, hoặc năm')
    .requiredOption('--unit <code>', 'mã đơn vị')
    .requiredOption('--node <code>', 'mã tiêu chí (lĩnh vực, tiêu chí hoặc tiêu chí thành phần)')
    .option('--basis <text>', 'căn cứ pháp lý của việc loại trừ (bắt buộc khi loại trừ)')
    .option('--remove', 'bỏ loại trừ tiêu chí này')
    .action(act(async (o) => {
      if (!o.remove && !String(o.basis ?? '').trim()) throw new AppError('VALIDATION', 'Cần ghi căn cứ pháp lý của việc loại trừ: --basis "Quyết định số …".', [{ field: 'basis', message: 'bắt buộc' }]);
      const s = await services();
      const actor = await consoleActor();
      const r = await withDatabase(globals(), async (d) => {
        const cycleId = await resolveCycle(new s.ResultsService(d.db), o.cycle);
        const repos = s.repositories(d.db);
        const unit = (await repos.cycles.listCycleUnits(cycleId)).find((u) => u.code === o.unit);
        if (!unit) throw new AppError('NOT_FOUND', `Đơn vị mã "${o.unit}" không tham gia kỳ đánh giá này.`);
        const current = (await repos.cycles.listExclusions(cycleId, unit.unitId)).map(({ nodeCode, basis }) => ({ nodeCode, basis }));
        if (o.remove && !current.some((e) => e.nodeCode === o.node)) throw new AppError('NOT_FOUND', `Tiêu chí ${o.node} không bị loại trừ cho ${unit.name}.`);
        const rows = [...current.filter((e) => e.nodeCode !== o.node), ...(o.remove ? [] : [{ nodeCode: String(o.node), basis: String(o.basis).trim() }])];
        // The route's method: the whole list of the unit, checked, audited, results brought up to date.
        const saved = await new s.CycleAdminService(d.db, new s.Notifier(d.db)).setExclusions(actor, cycleId, unit.unitId, rows);
        return { unitCode: unit.code, unitName: unit.name, exclusions: saved };
      });
      report(globals(), r, () => `${o.remove ? 'Đã bỏ loại trừ' : 'Đã loại trừ'} tiêu chí ${o.node} cho ${r.unitName}. ${r.unitName} hiện có ${r.exclusions.length} tiêu chí được loại trừ.`);
    }));

  program
    .command('scorecard')
    .description('Phiếu kết quả của một đơn vị (cả kỳ chưa công bố, cho Sở Nội vụ): chỉ số thành phần, trung bình nhóm, cần bao nhiêu điểm để lên hạng')
    .requiredOption('--cycle <id>', 'mã kỳ đánh giá, hoặc năm')
    .requiredOption('--unit <code>', 'mã đơn vị')
    .action(act(async (o) => {
      const s = await services();
      const card = await withDatabase(globals(), async (d) => {
        const cycleId = await resolveCycle(new s.ResultsService(d.db), o.cycle);
        const unit = await s.repositories(d.db).units.findByCode(o.unit);
        if (!unit) throw new AppError('NOT_FOUND', `Không có đơn vị mã "${o.unit}".`);
        return new s.ScorecardService(d.db).getUnitScorecard(cycleId, unit.id, { publicOnly: false });
      });
      report(globals(), card, () => JSON.stringify(card, null, 2));
    }));
}
