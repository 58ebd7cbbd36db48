import { Command, Option } from 'commander';
import { AppError, DecisionFields, ExportFormat, ExportScope } from '@parindex/contracts';
import { formatVi, dec, parseBandsSpec, parseCombineSpec, parseTiesSpec } from '@parindex/engine';
import type { ResultsService } from '@parindex/server/services/results.service.ts';
import { type GlobalOptions, fail, readInput, report, withDatabase, writeOutput } from '../context.ts';

// Loaded when a command runs, so that `compute-table` and `--help` start without the server's modules.
const server = () => import('@parindex/server');
const exportResults: typeof import('@parindex/server/io/results-export.ts').exportResults = async (...a) =>
  (await import('@parindex/server/io/results-export.ts')).exportResults(...a);
const services = async () => ({
  ...(await import('@parindex/server/services/history.service.ts')),
  ...(await import('@parindex/server/services/results.service.ts')),
  ...(await import('@parindex/server/services/rubric.service.ts')),
  ...(await import('@parindex/server/services/unit.service.ts')),
});

/** Finds a cycle by id, or by year when the argument is a 4-digit year (the newest cycle of that year). */
export async function resolveCycle(results: ResultsService, ref: string): Promise<string> {
  if (!/^\d{4}$/.test(ref)) return ref;
  const found = (await results.listCycles({ publicOnly: false })).find((c) => c.year === Number(ref));
  if (!found) throw new AppError('NOT_FOUND', `Không có kỳ đánh giá năm ${ref}.`);
  return found.id;
}

const COMBINE_HELP = 'nhóm gộp lưu cùng kỳ đánh giá, ví dụ "Khối sở, ban, ngành=departments+special_departments" (lặp lại được)';
const collect = (v: string, acc: string[]) => [...acc, v];

/** Commands that read or write the database: rubric, units, results, compute, cycles, serve. */
export function registerDataCommands(program: Command, globals: () => GlobalOptions): void {
  const act = (fn: (...a: any[]) => Promise<void>) => async (...a: any[]) => {
    try {
      await fn(...a);
    } catch (e) {
      fail(globals(), e);
    }
  };

  const rubric = program.command('rubric').description('Bộ chỉ số: nhập, xuất, kiểm tra');
  rubric
    .command('validate')
    .argument('<file>', 'bộ chỉ số XLSX hoặc JSON')
    .description('Kiểm tra bộ chỉ số, không lưu')
    .action(act(async (file: string) => {
      const { parseRubricFile } = await services();
      const parsed = await parseRubricFile(await readInput(file));
      if (!parsed.ok) throw new AppError('VALIDATION', `Bộ chỉ số có ${parsed.issues.length} lỗi.`, parsed.issues);
      const leaves = JSON.stringify(parsed.doc).match(/"rule":/g)?.length ?? 0;
      report(globals(), { ok: true, code: parsed.doc.code, year: parsed.doc.year, fields: parsed.doc.fields.length, leaves }, () =>
        `Bộ chỉ số hợp lệ: ${parsed.doc.code} (${parsed.doc.year}), ${parsed.doc.fields.length} lĩnh vực, ${leaves} tiêu chí được chấm.`);
    }));
  rubric
    .command('import')
    .argument('<file>', 'bộ chỉ số XLSX hoặc JSON')
    .description('Nhập bộ chỉ số thành một phiên bản mới')
    .action(act(async (file: string) => {
      const buf = await readInput(file);
      const { RubricService } = await services();
      // The rubric page's upload, as the console: audited, and a file identical to the latest version stores nothing.
      // Not destructured: that would widen the unique symbol CONSOLE to `symbol`.
      const auth = await import('@parindex/server/auth/auth.service.ts');
      const r = await withDatabase(globals(), (d) => new RubricService(d.db).upload(auth.CONSOLE, buf));
      const v = r.version;
      report(globals(), { id: v.id, code: v.code, version: v.version, year: v.year }, () => (r.stored ? `Đã lưu bộ chỉ số ${v.code}, phiên bản ${v.version} (năm ${v.year}).` : r.message));
    }));
  rubric
    .command('export')
    .argument('<ref>', 'mã bộ chỉ số, hoặc MÃ@phiên-bản')
    .addOption(new Option('--format <format>').choices(['xlsx', 'json']).default('xlsx'))
    .option('--out <file>', 'tệp kết quả (mặc định: ra màn hình)')
    .action(act(async (ref: string, o) => {
      const { RubricService } = await services();
      const body = await withDatabase(globals(), (d) => new RubricService(d.db).export(ref, o.format));
      await writeOutput(body, o.out);
    }));

  program
    .command('units')
    .description('Danh mục đơn vị')
    .command('import')
    .argument('<file>', 'CSV/XLSX: code, name, kind[, predecessors "mã:trọng số; …", effective_date]')
    .action(act(async (file: string) => {
      const buf = await readInput(file);
      const { UnitService } = await services();
      const r = await withDatabase(globals(), (d) => new UnitService(d.db).importFile(buf));
      report(globals(), r, () => `Đã lưu ${r.units} đơn vị và ${r.lineage} quan hệ hợp nhất.`);
    }));

  const results = program.command('results').description('Kết quả: nhập bảng đã công bố, xuất bảng kết quả');
  results
    .command('import')
    .argument('<file>', 'CSV/XLSX: group, unit, appraised_points, survey_points, max_points[, index_percent, classification, order, unit_code]')
    .requiredOption('--year <year>', 'năm đánh giá', (v) => Number(v))
    .option('--name <name>', 'tên kỳ đánh giá')
    .option('--bands <spec>', 'khoảng xếp loại', 'Tốt:80,Khá:70,Trung bình:50,Yếu:0')
    .option('--ties <policy>', 'đồng hạng: shared hoặc appraised,survey', 'appraised,survey')
    .option('--combine <name=g1+g2>', COMBINE_HELP, collect, [])
    .action(act(async (file: string, o) => {
      if (!Number.isInteger(o.year) || o.year < 2000 || o.year > 2100) throw new AppError('VALIDATION', `Năm "${o.year}" không hợp lệ.`);
      const buf = await readInput(file);
      const opts = { year: o.year, name: o.name, bands: parseBandsSpec(o.bands), ties: parseTiesSpec(o.ties), combinedGroups: (o.combine as string[]).map(parseCombineSpec) };
      const { HistoryService } = await services();
      const r = await withDatabase(globals(), (d) => new HistoryService(d.db).importResults(buf, opts));
      report(globals(), r, () => `Đã nhập ${r.units} đơn vị vào kỳ ${r.cycle.year} (mã ${r.cycle.id}). Chạy "parindex compute --cycle ${r.cycle.id}" để tính kết quả.`);
    }));
  results
    .command('export')
    .description('Xuất kết quả: csv, json (dữ liệu mở), xlsx (phụ lục kết quả + chi tiết theo tiêu chí), pdf (báo cáo), docx (dự thảo quyết định công bố)')
    .requiredOption('--cycle <id>', 'mã kỳ đánh giá, hoặc năm')
    .addOption(new Option('--format <format>').choices(ExportFormat.options).default('csv'))
    .addOption(new Option('--scope <scope>', 'cycle: một kỳ; year: mọi kỳ đã tính của năm đó trong một tệp XLSX tổng hợp (ghi dần, cần --out)').choices(ExportScope.options).default('cycle'))
    .option('--out <file>', 'tệp kết quả (mặc định: ra màn hình)')
    .option('--decision-number <number>', 'số quyết định của dự thảo, ví dụ 125/QĐ-UBND (kỳ đã công bố: luôn in quyết định đã lưu)')
    .option('--decision-date <date>', 'ngày ký quyết định, YYYY-MM-DD')
    .option('--province <name>', 'tên tỉnh in trên văn bản, ví dụ "Sơn Hà" (mặc định: lấy từ tên kỳ đánh giá)')
    .option('--signer <name>', 'họ tên người ký quyết định')
    .action(act(async (o) => {
      const decision = DecisionFields.safeParse({ decisionNumber: o.decisionNumber, decisionDate: o.decisionDate, province: o.province, signer: o.signer });
      if (!decision.success) throw new AppError('VALIDATION', `Thông tin quyết định không hợp lệ: ${decision.error.issues.map((i) => `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('; ')}.`);
      const { ResultsService } = await services();
      if (o.scope === 'year') {
        if (o.format !== 'xlsx') throw new AppError('VALIDATION', 'Tệp tổng hợp cả năm (--scope year) chỉ xuất được dạng xlsx.');
        if (!o.out) throw new AppError('VALIDATION', 'Tệp tổng hợp cả năm (--scope year) cần --out TỆP.xlsx.');
        const { listYearCycles, writeNationalWorkbook } = await import('@parindex/server/documents/national-workbook.ts');
        const summary = await withDatabase(globals(), async (d) => {
          const svc = new ResultsService(d.db);
          const cycle = (await svc.listCycles({ publicOnly: false })).find((c) => c.id === o.cycle || String(c.year) === o.cycle);
          if (!cycle) throw new AppError('NOT_FOUND', `Không có kỳ đánh giá "${o.cycle}".`);
          const ids = await listYearCycles(d.db, cycle.year, false);
          return writeNationalWorkbook(d.db, ids, o.out, { publicOnly: false, title: `TỔNG HỢP KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${cycle.year}` });
        });
        report(globals(), { file: o.out, ...summary }, () => `Đã ghi ${o.out}: ${summary.cycles} kỳ đánh giá, ${summary.units} đơn vị, ${summary.detailRows} dòng điểm chi tiết.`);
        return;
      }
      const file = await withDatabase(globals(), async (d) => {
        const svc = new ResultsService(d.db);
        return exportResults(d.db, await resolveCycle(svc, o.cycle), o.format, { ...decision.data, publicOnly: false });
      });
      await writeOutput(file.body, o.out);
      if (o.out) report(globals(), { file: o.out, format: o.format, bytes: file.body.length }, () => `Đã ghi ${o.out} (${Math.ceil(file.body.length / 1024)} KB).`);
    }));

  program
    .command('compute')
    .description('Tính kết quả một kỳ đánh giá và lưu lại')
    .requiredOption('--cycle <id>', 'mã kỳ đánh giá, hoặc năm')
    .option('--combine <name=g1+g2>', `${COMBINE_HELP}; thay các nhóm gộp đã lưu`, collect, [])
    .action(act(async (o) => {
      const combine = (o.combine as string[]).map(parseCombineSpec);
      const { ResultsService } = await services();
      const r = await withDatabase(globals(), async (d) => {
        const svc = new ResultsService(d.db);
        return svc.compute(await resolveCycle(svc, o.cycle), combine.length ? { combine } : {});
      });
      report(globals(), r, () =>
        [
          `Đã tính kết quả kỳ ${r.cycle.year}: ${r.units} đơn vị.`,
          ...r.groups.map((g) => `  ${g.name}: ${g.count} đơn vị, chỉ số trung bình ${formatVi(dec(g.meanIndex))}%`),
          ...r.combinedGroups.map((g) => `  ${g.name} (gộp ${g.groups.join(' + ')}): ${g.count} đơn vị, chỉ số trung bình ${formatVi(dec(g.meanIndex))}%`),
          ...(r.publishedDifferences.length
            ? [`  ${r.publishedDifferences.length} đơn vị có chỉ số tính lại khác số đã công bố (do công bố từ điểm chưa làm tròn):`,
               ...r.publishedDifferences.map((x) => `    ${x.unit}: công bố ${x.published}, tính từ số đã làm tròn ${x.computed}`)]
            : []),
        ].join('\n'));
    }));

  program
    .command('cycles')
    .description('Các kỳ đánh giá')
    .command('list')
    .action(act(async () => {
      const { ResultsService } = await services();
      const list = await withDatabase(globals(), (d) => new ResultsService(d.db).listCycles({ publicOnly: false }));
      const withRubric = list.map((c) => ({ ...c, rubric: c.rubricCode ? `${c.rubricCode}@${c.rubricVersion}` : null }));
      report(globals(), withRubric, () => list.map((c) => `${c.id}  ${c.year}  ${c.status.padEnd(9)} ${c.rubricCode ? `${c.rubricCode}@${c.rubricVersion}` : '(bảng đã công bố)'}  ${c.name}`).join('\n') || 'Chưa có kỳ đánh giá nào.');
    }));

  program
    .command('serve')
    .description('Chạy máy chủ web (PORT, mặc định 3000)')
    .option('--port <port>', 'cổng', (v) => Number(v))
    .action(act(async (o) => {
      const g = globals();
      if (g.dataDir) process.env.DATA_DIR = g.dataDir;
      if (g.databaseUrl) process.env.DATABASE_URL = g.databaseUrl;
      await (await server()).serve({ port: o.port });
    }));
}
