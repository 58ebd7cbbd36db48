import type { Command } from 'commander';
import { GIVEN_POINTS_LABEL, type RescaledPoints, type RubricChangeReport, viPoints } from '@parindex/engine';
import { type GlobalOptions, fail, readInput, report, withDatabase } from '../context.ts';
import { resolveCycle } from './data.ts';

// Loaded when a command runs, as in data.ts.
const services = async () => ({
  ...(await import('@parindex/server/services/results.service.ts')),
  ...(await import('@parindex/server/services/rubric.service.ts')),
  ...(await import('@parindex/server/services/score-import.service.ts')),
});

/** The subcommand group `name` registered by data.ts (rubric, cycles), or a new one. */
function group(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

function changeReportText(r: RubricChangeReport, rescaled: RescaledPoints[]): string {
  const list = (items: string[]) => (items.length ? items.map((x) => `    ${x}`) : ['    (không có)']);
  return [
    `  Giữ điểm: ${r.kept.length} tiêu chí.`,
    `  Thêm (${r.added.length}):`, ...list(r.added.map((x) => `${x.code} ${x.title} (tối đa ${x.max})`)),
    `  Bỏ, đã xóa điểm (${r.removed.length}):`, ...list(r.removed.map((x) => `${x.code} ${x.title} (tối đa ${x.max})`)),
    `  Đổi điểm tối đa (${r.reweighted.length}):`, ...list(r.reweighted.map((x) => `${x.code} ${x.title}: ${x.oldMax} → ${x.newMax}`)),
    ...(r.ruleChanged.length ? [`  Đổi cách chấm, giữ điểm — nên xem lại (${r.ruleChanged.length}):`, ...list(r.ruleChanged.map((x) => `${x.code} ${x.title}`))] : []),
    ...(rescaled.length
      ? [`  Điểm quy đổi theo tỷ lệ (${rescaled.length}):`, ...list(rescaled.map((x) =>
        `${x.unitName} — ${x.leafCode}: ${GIVEN_POINTS_LABEL[x.field]} ${viPoints(x.before)} → ${viPoints(x.after)} (tối đa ${viPoints(x.oldMax)} → ${viPoints(x.newMax)})`))]
      : []),
  ].join('\n');
}

/** Running an assessed cycle from the command line: rubric replace, cycles create, scores import. */
export function registerAssessmentCommands(program: Command, globals: () => GlobalOptions): void {
  const act = (fn: (...a: any[]) => Promise<void>) => async (...a: any[]) => {
    try {
      await fn(...a);
    } catch (e) {
      fail(globals(), e);
    }
  };

  group(program, 'rubric', 'Bộ chỉ số')
    .command('replace')
    .description('Thay bộ chỉ số của một kỳ đang chấm (dự thảo, tự đánh giá, thẩm định): tệp thành phiên bản mới; giữ điểm các tiêu chí còn mã, xóa điểm tiêu chí bị bỏ. Điểm đã chấm vượt điểm tối đa mới thì không thay, trừ khi có --rescale')
    .argument('<file>', 'bộ chỉ số XLSX hoặc JSON')
    .requiredOption('--cycle <id>', 'mã kỳ đánh giá, hoặc năm')
    .option('--rescale', 'quy đổi điểm đã chấm của các tiêu chí bị giảm điểm tối đa theo tỷ lệ (điểm × tối đa mới ÷ tối đa cũ, làm tròn 3 chữ số thập phân)')
    .action(act(async (file: string, o) => {
      const buf = await readInput(file);
      const { ResultsService, RubricService } = await services();
      // Not destructured: that would widen the unique symbol CONSOLE to `symbol`.
      const auth = await import('@parindex/server/auth/auth.service.ts');
      const r = await withDatabase(globals(), async (d) =>
        new RubricService(d.db).replaceFromFile(auth.CONSOLE, await resolveCycle(new ResultsService(d.db), o.cycle), buf, { rescale: o.rescale === true }));
      report(globals(), { unchanged: r.unchanged, message: r.message, rubric: r.rubric, ...r.report, rescaled: r.rescaled }, () =>
        r.unchanged
          ? `${r.message} Kỳ đánh giá vẫn dùng ${r.rubric.code}, phiên bản ${r.rubric.version}.`
          : `${r.message} Kết quả cũ không còn hiệu lực: chạy "parindex compute --cycle ${o.cycle}".\n${changeReportText(r.report, r.rescaled)}`);
    }));

  group(program, 'cycles', 'Các kỳ đánh giá')
    .command('create')
    .description('Tạo kỳ đánh giá chấm theo bộ chỉ số (trạng thái nháp)')
    .requiredOption('--year <year>', 'năm đánh giá', (v) => Number(v))
    .requiredOption('--rubric <ref>', 'mã bộ chỉ số, hoặc MÃ@phiên-bản')
    .option('--name <name>', 'tên kỳ đánh giá')
    .option('--units <file>', 'CSV/XLSX: unit_code, peer_group (đơn vị tham gia và nhóm xếp hạng)')
    .option('--units-from <cycle>', 'chép đơn vị và nhóm từ kỳ này (mã hoặc năm)')
    .action(act(async (o) => {
      const unitsFile = o.units ? await readInput(o.units) : undefined;
      const { ResultsService, ScoreImportService } = await services();
      const r = await withDatabase(globals(), async (d) => {
        const unitsFromCycleId = o.unitsFrom ? await resolveCycle(new ResultsService(d.db), o.unitsFrom) : undefined;
        return new ScoreImportService(d.db).createCycle({ year: o.year, rubric: o.rubric, name: o.name, unitsFile, unitsFromCycleId });
      });
      report(globals(), r, () => `Đã tạo kỳ đánh giá ${r.cycle.year} (mã ${r.cycle.id}), bộ chỉ số ${r.cycle.rubricCode}@${r.cycle.rubricVersion}, ${r.units} đơn vị. Nhập điểm: "parindex scores import --cycle ${r.cycle.id} DIEM.csv".`);
    }));

  program
    .command('scores')
    .description('Điểm theo tiêu chí của một kỳ đánh giá')
    .command('import')
    .description('Nhập điểm: unit_code, leaf_code và points (điểm quyết định) hoặc dữ liệu của tiêu chí (level, met, numerator, denominator, count, has_evidence); một dòng sai thì không lưu gì')
    .argument('<file>', 'CSV hoặc XLSX')
    .requiredOption('--cycle <id>', 'mã kỳ đánh giá, hoặc năm')
    .action(act(async (file: string, o) => {
      const buf = await readInput(file);
      const { ResultsService, ScoreImportService } = await services();
      const r = await withDatabase(globals(), async (d) => new ScoreImportService(d.db).importScores(await resolveCycle(new ResultsService(d.db), o.cycle), buf));
      report(globals(), r, () => `Đã lưu ${r.rows} điểm của ${r.units} đơn vị (${r.withPoints} điểm quyết định, ${r.withInputs} tính từ dữ liệu). Chạy "parindex compute --cycle ${o.cycle}" để tính kết quả.`);
    }));
}
