/**
 * SIPAS (chỉ số hài lòng về sự phục vụ hành chính) per unit and factor for the dashboard: the
 * cycle's SIPAS questionnaires run on the system, each computed by SurveyService.sipas (the
 * engine's computeSipas with the staff's exclusions) — the same figures as the survey screens.
 *
 * This computes from the live responses, so it runs when a cycle is published (the figures go
 * into the publication version, publication-build.ts) and for a cycle not yet published. The
 * dashboard of a published cycle shows the stored figures (DashboardService): excluding or adding
 * a response afterwards never moves them.
 */
import type { SipasDashboardDto, SipasRowDto } from '@parindex/contracts';
import { dec, toFixedHalfUp } from '@parindex/engine';
import type { Db } from '../db/database.ts';
import { repositories } from './repositories.ts';
import { SurveyService } from './surveys/survey.service.ts';

/** What SurveyService.sipas answers for one unit or the province (Decimals turned to exact strings). */
interface SipasResultJson {
  unitCode?: string;
  responses: number;
  overall?: string;
  factors: { code: string; name: string; n: number; percent?: string }[];
}

const rounded = (v: string | undefined) => (v === undefined ? null : toFixedHalfUp(dec(v)));

function row(r: SipasResultJson | undefined, unit: { unitId: string | null; unitName: string; group: string | null }, factors: { code: string }[]): SipasRowDto {
  return {
    ...unit,
    responses: r?.responses ?? 0,
    overallRounded: rounded(r?.overall),
    factors: factors.map((f) => {
      const x = r?.factors.find((y) => y.code === f.code);
      return { code: f.code, n: x?.n ?? 0, percentRounded: rounded(x?.percent) };
    }),
  };
}

/**
 * The cycle's SIPAS, one entry per SIPAS questionnaire, units in the order given (the results'
 * published order); units without a form are listed with no figures. Empty when the cycle ran no
 * SIPAS questionnaire on the system.
 */
export async function cycleSipas(db: Db, cycleId: string, units: { unitId: string; unitName: string; group: string }[], province = 'Toàn tỉnh'): Promise<SipasDashboardDto> {
  const surveys = new SurveyService(db);
  const sipas = (await surveys.list(cycleId)).filter((q) => q.kind === 'sipas');
  const out: SipasDashboardDto['surveys'] = [];
  if (sipas.length === 0) return { surveys: out };
  const codeOf = new Map((await repositories(db).cycles.listCycleUnits(cycleId)).map((u) => [u.unitId, u.code]));
  for (const q of sipas) {
    const report = (await surveys.sipas(q.id)) as unknown as { settings: { factors: { code: string; name: string }[] }; units: SipasResultJson[]; province: SipasResultJson };
    const factors = report.settings.factors.map((f) => ({ code: f.code, name: f.name }));
    out.push({
      code: q.code,
      title: q.title,
      factors,
      units: units.map((u) => row(report.units.find((r) => r.unitCode === codeOf.get(u.unitId)), u, factors)),
      province: row(report.province, { unitId: null, unitName: province, group: null }, factors),
    });
  }
  return { surveys: out };
}

