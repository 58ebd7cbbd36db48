/** Results: scoring the rubric's survey leaves, the stored survey points, SIPAS, and the CSV export. */
import { Readable } from 'node:stream';
import { AppError, type SipasReportDto, type SipasResultDto, type SurveyScoresDto } from '@parindex/contracts';
import { applicableLeaves, computeSipas, type SipasResult, scoreSurveyLeaves, toExact } from '@parindex/engine';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { SurveyRepository } from '../../repositories/survey.repository.ts';
import { repositories } from '../repositories.ts';
import { exportResponsesCsv } from './responses-csv.ts';
import { getQuestionnaire, responsesOf, rubricOf } from './survey-queries.ts';
import { linkedLeafCodes, readSurveyScores, storeSurveyScores } from './survey-scores.ts';

export class SurveyResults {
  constructor(private readonly db: Db) {}

  /**
   * Scores every linked survey leaf of the cycle from the valid responses and stores, for every
   * unit the leaf applies to, the points the engine totals use — or that the leaf is not applicable
   * (fallback), which takes it out of the unit's maximum — with answers, flag and interval (survey-scores.ts).
   */
  async score(actor: SessionUser, cycleId: string): Promise<SurveyScoresDto> {
    const { cycle, rubric } = await rubricOf(this.db, cycleId);
    if (['approved', 'published', 'closed'].includes(cycle.status)) throw new AppError('CONFLICT', 'Điểm đã phê duyệt hoặc công bố: không chấm lại điểm khảo sát.');
    const qs = await new SurveyRepository(this.db).listQuestionnaires(cycleId);
    if (qs.length === 0) throw new AppError('VALIDATION', 'Kỳ đánh giá chưa có phiếu khảo sát.');
    const cycleUnits = await repositories(this.db).cycles.listCycleUnits(cycleId);
    const excl = await repositories(this.db).cycles.listExclusions(cycleId);
    // Only leaves some question scores: a leaf no questionnaire asks about is left as it is, not
    // marked "not applicable" for every unit because, say, the other questionnaire is not made yet.
    const linked = linkedLeafCodes(qs.map((q) => q.document));
    const surveyLeaves = rubric.leaves.filter((l) => l.source === 'survey' && linked.has(l.code));
    const applies = new Map(cycleUnits.map((u) => [u.code, new Set(applicableLeaves(rubric, u.peerGroup, excl.filter((e) => e.unitId === u.unitId).map((e) => e.nodeCode)).map((l) => l.code))]));
    const appliesTo = (unit: string, leaf: string) => applies.get(unit)?.has(leaf) ?? false;
    const { responses, rows } = await responsesOf(this.db, qs.map((q) => q.id));
    const scoring = scoreSurveyLeaves(
      qs.map((q) => q.document),
      responses,
      {
        leafMax: Object.fromEntries(surveyLeaves.map((l) => [l.code, l.max])),
        unitCodes: cycleUnits.map((u) => u.code),
        unitGroups: Object.fromEntries(cycleUnits.map((u) => [u.code, u.peerGroup])),
        excludedIds: rows.filter((r) => r.excludedReason).map((r) => r.id),
        applies: appliesTo,
      },
    );
    await storeSurveyScores(this.db, actor, cycleId, scoring, cycleUnits, appliesTo);
    return readSurveyScores(this.db, cycleId, rubric, cycleUnits, linked);
  }

  /** The survey points as last scored and stored (the score panel on load). */
  async scores(cycleId: string): Promise<SurveyScoresDto> {
    const { rubric } = await rubricOf(this.db, cycleId);
    const qs = await new SurveyRepository(this.db).listDocuments(cycleId);
    const cycleUnits = await repositories(this.db).cycles.listCycleUnits(cycleId);
    return readSurveyScores(this.db, cycleId, rubric, cycleUnits, linkedLeafCodes(qs.map((q) => q.document)));
  }

  async sipas(questionnaireId: string): Promise<SipasReportDto> {
    const q = await getQuestionnaire(this.db, questionnaireId);
    if (q.kind !== 'sipas') throw new AppError('VALIDATION', 'Phiếu này không phải phiếu SIPAS.');
    const { responses, rows } = await responsesOf(this.db, [questionnaireId]);
    const cycleUnits = await repositories(this.db).cycles.listCycleUnits(q.cycleId);
    const report = computeSipas(q.document, responses, { unitCodes: cycleUnits.map((u) => u.code), excludedIds: rows.filter((r) => r.excludedReason).map((r) => r.id) });
    const nameOf = new Map(cycleUnits.map((u) => [u.code, u.name]));
    return {
      settings: report.settings,
      units: report.units.map((u) => ({ ...sipasDto(u), unitName: u.unitCode ? (nameOf.get(u.unitCode) ?? u.unitCode) : null })),
      province: sipasDto(report.province),
      meanOfUnits: exactOrNone(report.meanOfUnits),
    };
  }

  /** Every response as a CSV stream, with its file name (404 before the first row for an unknown questionnaire). */
  async responsesCsv(questionnaireId: string): Promise<{ fileName: string; body: Readable }> {
    const q = await getQuestionnaire(this.db, questionnaireId);
    return { fileName: `phieu-tra-loi-${q.code}.csv`, body: Readable.from(this.exportCsv(questionnaireId)) };
  }

  /** Streams every response as CSV (see responses-csv.ts). */
  exportCsv(questionnaireId: string): AsyncGenerator<string> {
    return exportResponsesCsv(this.db, questionnaireId);
  }
}

/** Decimals as exact strings on the wire; absent stays absent. */
const exactOrNone = (v: Parameters<typeof toExact>[0] | undefined) => (v === undefined ? undefined : toExact(v));

function sipasDto(r: SipasResult): SipasResultDto {
  return {
    unitCode: r.unitCode,
    responses: r.responses,
    items: r.items.map((i) => ({ ...i, percent: exactOrNone(i.percent), levels: Object.fromEntries(Object.entries(i.levels)) })),
    factors: r.factors.map((f) => ({ ...f, percent: exactOrNone(f.percent) })),
    overall: exactOrNone(r.overall),
    expectations: r.expectations.map((e) => ({ ...e, options: e.options.map((o) => ({ ...o, percent: exactOrNone(o.percent) })) })),
    profile: r.profile.map((e) => ({ ...e, options: e.options.map((o) => ({ ...o, percent: exactOrNone(o.percent) })) })),
  };
}
