import type { Command } from 'commander';
import { AppError, DateString } from '@parindex/contracts';
import type { Actor } from '@parindex/server/auth/auth.service.ts';
import { type GlobalOptions, fail, report, withDatabase } from '../context.ts';
import { resolveCycle } from './data.ts';

// Loaded when a command runs, as in data.ts.
const services = async () => ({
  ...(await import('@parindex/server/services/results.service.ts')),
  ...(await import('@parindex/server/services/surveys/survey-windows.ts')),
});

/** The operator at the console (loaded lazily like the services; the dynamic import loses the symbol's own type). */
const consoleActor = async () => (await import('@parindex/server/auth/auth.service.ts')).CONSOLE as Actor;

const STATE_LABEL: Record<string, string> = { open: 'đang nhận phiếu', closed: 'đã đóng', not_yet: 'chưa đến ngày mở', ended: 'đã hết hạn' };
const vi = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '…');
const dates = (w: { opensOn: string | null; closesOn: string | null }) => (w.opensOn || w.closesOn ? ` (${vi(w.opensOn)} – ${vi(w.closesOn)})` : '');

interface Change {
  kind: 'questionnaire' | 'desk';
  code: string;
  name: string;
  state: string;
  opensOn: string | null;
  closesOn: string | null;
  questionnaireState?: string;
}

function changesText(verb: string, changes: Change[]): string {
  return [
    `${verb} ${changes.length} phiếu/quầy:`,
    ...changes.map((c) => {
      const warn = c.kind === 'desk' && c.questionnaireState && c.questionnaireState !== 'open' ? ` — phiếu của quầy ${STATE_LABEL[c.questionnaireState]}, quầy chưa nhận phiếu` : '';
      return `  ${c.kind === 'desk' ? 'Quầy' : 'Phiếu'} ${c.code} ${c.name}: ${STATE_LABEL[c.state] ?? c.state}${dates(c)}${warn}`;
    }),
  ].join('\n');
}

/** Survey collection windows: `parindex surveys list|close|open` — the same service as the surveys page. */
export function registerSurveyCommands(program: Command, globals: () => GlobalOptions): void {
  const act = (fn: (...a: any[]) => Promise<void>) => async (...a: any[]) => {
    try {
      await fn(...a);
    } catch (e) {
      fail(globals(), e);
    }
  };
  const surveys = program.command('surveys').description('Khảo sát: trạng thái nhận phiếu, đóng và mở lại phiếu, quầy');

  surveys
    .command('list')
    .description('Các phiếu và quầy khảo sát của kỳ: mã, loại, trạng thái, ngày mở/đóng, số phiếu trả lời')
    .requiredOption('--cycle <id>', 'mã kỳ đánh giá, hoặc năm')
    .action(act(async (o) => {
      const { ResultsService, SurveyWindowService } = await services();
      const rows = await withDatabase(globals(), async (d) => new SurveyWindowService(d.db).list(await resolveCycle(new ResultsService(d.db), o.cycle)));
      report(globals(), rows, () =>
        rows.length
          ? rows
              .flatMap((q) => [
                `${q.code}  ${q.kind === 'sipas' ? 'SIPAS' : 'Điều tra XHH'}  ${STATE_LABEL[q.state]}${dates(q)}  ${q.responses} phiếu trả lời — ${q.title}`,
                ...q.desks.map((d) => `    quầy ${d.code}  ${STATE_LABEL[d.state]}${dates(d)}  ${d.responses} phiếu — ${d.name} (${d.unitName})`),
              ])
              .join('\n')
          : 'Kỳ đánh giá chưa có phiếu khảo sát.',
      );
    }));

  const target = (c: Command) =>
    c
      .requiredOption('--cycle <id>', 'mã kỳ đánh giá, hoặc năm')
      .option('--questionnaire <code>', 'chỉ phiếu này (mặc định: mọi phiếu và quầy của kỳ)')
      .option('--desk <code>', 'chỉ quầy này');

  target(surveys.command('close').description('Đóng khảo sát: không nhận thêm phiếu trả lời (người trả lời được báo cuộc khảo sát đã kết thúc)')).action(
    act(async (o) => {
      const { ResultsService, SurveyWindowService } = await services();
      const CONSOLE = await consoleActor();
      const changes = await withDatabase(globals(), async (d) => new SurveyWindowService(d.db).close(CONSOLE, await resolveCycle(new ResultsService(d.db), o.cycle), { questionnaire: o.questionnaire, desk: o.desk }));
      report(globals(), changes, () => changesText('Đã đóng', changes));
    }),
  );

  target(surveys.command('open').description('Mở lại khảo sát từ hôm nay'))
    .option('--until <YYYY-MM-DD>', 'nhận phiếu đến hết ngày này (giờ Việt Nam)')
    .action(act(async (o) => {
      let until: string | undefined;
      if (o.until !== undefined) {
        const parsed = DateString.safeParse(o.until);
        if (!parsed.success) throw new AppError('VALIDATION', `--until "${o.until}": ngày không hợp lệ (dạng YYYY-MM-DD, ví dụ 2026-12-31).`);
        until = parsed.data;
      }
      const { ResultsService, SurveyWindowService } = await services();
      const CONSOLE = await consoleActor();
      const changes = await withDatabase(globals(), async (d) => new SurveyWindowService(d.db).open(CONSOLE, await resolveCycle(new ResultsService(d.db), o.cycle), { questionnaire: o.questionnaire, desk: o.desk }, { until }));
      report(globals(), changes, () => changesText('Đã mở lại', changes));
    }));
}
