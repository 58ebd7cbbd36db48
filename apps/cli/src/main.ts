import { Command, Option } from 'commander';
import { type ClassBand, type TiePolicy, formatIssues } from '@parindex/contracts';
import { parseBandsSpec, parseCombineSpec, parseTiesSpec } from '@parindex/engine';
import { registerAssessmentCommands } from './commands/assessment.ts';
import { registerDataCommands } from './commands/data.ts';
import { computeTable } from './commands/compute-table.ts';
import { redactedMessage } from '@parindex/server/db/redact-error.ts';
import { type GlobalOptions, fail, readInput, writeOutput } from './context.ts';

const DEFAULT_BANDS = 'Tốt:80,Khá:70,Trung bình:50,Yếu:0';

const program = new Command('parindex')
  .description('ParIndex — Chỉ số cải cách hành chính: bộ chỉ số, đơn vị, kết quả, tính toán.')
  .option('--json', 'in kết quả dạng JSON (cho máy đọc)')
  .option('--data-dir <dir>', 'thư mục cơ sở dữ liệu nhúng (mặc định: DATA_DIR hoặc .data)')
  .option('--database-url <url>', 'PostgreSQL thay cho cơ sở dữ liệu nhúng (mặc định: DATABASE_URL)')
  .showHelpAfterError('(dùng --help để xem hướng dẫn)');

export const globals = (): GlobalOptions => program.opts<GlobalOptions>();

/** Parses --bands / --ties into engine settings, with the engine's Vietnamese message on error. */
export function rankOptions(o: { bands: string; ties: string }): { bands: ClassBand[]; ties: TiePolicy } {
  return { bands: parseBandsSpec(o.bands), ties: parseTiesSpec(o.ties) };
}

program
  .command('compute-table')
  .description('Tính tổng điểm, chỉ số, xếp loại, xếp hạng cho một bảng (group, unit, appraised_points, survey_points, max_points)')
  .argument('<table>', 'tệp CSV hoặc XLSX')
  .option('--bands <spec>', 'khoảng xếp loại, ví dụ "Tốt:80,Khá:70,Trung bình:50,Yếu:0"', DEFAULT_BANDS)
  .option('--ties <policy>', 'đồng hạng: shared, hoặc thứ tự phân định như appraised,survey', 'shared')
  .option('--combine <name=g1+g2>', 'thêm dòng chỉ số trung bình của nhiều nhóm gộp lại (lặp lại được)', (v, acc: string[]) => [...acc, v], [])
  .addOption(new Option('--format <format>', 'định dạng kết quả').choices(['csv', 'json']).default('csv'))
  .action(async (table: string, o) => {
    try {
      const combine = (o.combine as string[]).map(parseCombineSpec);
      const out = await computeTable(await readInput(table), { ...rankOptions(o), format: globals().json ? 'json' : o.format, combine });
      await writeOutput(out);
    } catch (e) {
      fail(globals(), e);
    }
  });

registerDataCommands(program, globals);
registerAssessmentCommands(program, globals);
(await import('./commands/lifecycle.ts')).registerLifecycleCommands(program, globals);
(await import('./commands/surveys.ts')).registerSurveyCommands(program, globals);
(await import('./commands/demo.ts')).registerDemoCommands(program, globals);
(await import('./commands/users.ts')).registerUserCommands(program, globals);
(await import('./commands/backup.ts')).registerBackupCommands(program, globals);

program.parseAsync(process.argv).catch((e) => {
  // Without the values of a failed query (redact-error.ts).
  process.stderr.write(`Lỗi: ${redactedMessage(e)}\n${e?.issues ? formatIssues(e.issues) : ''}`);
  process.exit(1);
});
