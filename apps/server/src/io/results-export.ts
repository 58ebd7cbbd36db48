import { ContentTypes, type CycleResultsDto, type DecisionFields, ExportFormat } from '@parindex/contracts';
import { dec, toFixedHalfUp } from '@parindex/engine';
import type { Db } from '../db/database.ts';
import { type DocumentData, loadDocumentData } from '../documents/document-data.ts';
import { decisionRef, draftFileName, fullDecisionNumber, isDraftCycle, rankChangeText } from '../documents/document-format.ts';
import { type DecisionOptions, buildPublicationDecision } from '../documents/publication-decision.ts';
import { type PublicationRef, publicationRef, publicationSuffix } from '../documents/publication-ref.ts';
import { buildResultsReport } from '../documents/results-report.ts';
import { buildResultsWorkbook } from '../documents/results-workbook.ts';
import { ResultsService } from '../services/results.service.ts';
import { stringifyCsv } from './csv-safe.ts';

export { rankChangeText };

/** csv | xlsx (annex workbook) | pdf (report) | docx (draft decision) | json. */
export const EXPORT_FORMATS = ExportFormat.options;
export type { ExportFormat };

export interface ExportedFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export interface ExportOptions extends DecisionFields {
  /** Only published or closed cycles (every public route). */
  publicOnly: boolean;
  /** Date printed on the PDF's title page (default today). */
  reportDate?: Date;
}

/** The content type each export is sent with (text formats say their encoding). */
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: `${ContentTypes.csv}; charset=utf-8`,
  json: `${ContentTypes.json}; charset=utf-8`,
  xlsx: ContentTypes.xlsx,
  pdf: ContentTypes.pdf,
  docx: ContentTypes.docx,
};

/** Every content type a results export can be sent as (the API document lists them). */
export const EXPORT_CONTENT_TYPES = EXPORT_FORMATS.map((f) => ContentTypes[f]);

/**
 * File name of an export. A published cycle's names cite its stored decision and, for a correction,
 * the version: "ket-qua-chi-so-cchc-2025-qd-125-qd-ubnd.xlsx", "…-qd-58-qd-ubnd-v2.pdf",
 * "quyet-dinh-cong-bo-chi-so-cchc-2025-qd-125-qd-ubnd.docx". Without a publication the decision is
 * a draft: "du-thao-quyet-dinh-cong-bo-chi-so-cchc-2025.docx".
 */
export function exportFileName(year: number, format: ExportFormat, publication: PublicationRef | null = null): string {
  const suffix = publication ? publicationSuffix(publication) : '';
  if (format === 'docx') return `${publication ? '' : 'du-thao-'}quyet-dinh-cong-bo-chi-so-cchc-${year}${suffix}.docx`;
  if (format === 'pdf') return `bao-cao-chi-so-cchc-${year}${suffix}.pdf`;
  return `ket-qua-chi-so-cchc-${year}${suffix}.${format}`;
}

/** Decision wording from the request fields (a date string becomes a local date; "125" becomes "125/QĐ-UBND"). */
export function decisionOptions(f: DecisionFields): DecisionOptions {
  const date = f.decisionDate ? new Date(`${f.decisionDate}T00:00:00`) : undefined;
  return { number: fullDecisionNumber(f.decisionNumber), date, province: f.province, signer: f.signer ? { name: f.signer } : undefined };
}

const r2 = (s: string) => toFixedHalfUp(dec(s));

const CSV_COLUMNS = [
  'group', 'order', 'unit_code', 'unit', 'appraised_points', 'survey_points', 'total_points', 'max_points',
  'index_percent', 'classification', 'rank', 'index_change', 'rank_change',
  // Appended, so that readers of the earlier columns by position keep working.
  'total_change',
  // appraised + survey + bonus − deduction = total; then the publication the row belongs to.
  'bonus_points', 'deduction_points', 'publication_version', 'decision_number', 'decision_date',
];

/**
 * Open data: UTF-8 with BOM (Excel opens it with the diacritics intact), 2-decimal half-up figures.
 * Names and labels are neutralised against formula injection (csv-safe.ts); figures stay plain numbers.
 */
function csv(results: CycleResultsDto, pub: PublicationRef | null): Buffer {
  const rows = results.groups.flatMap((g) =>
    g.units.map((u) => [
      u.group, u.order, u.unitCode, u.unitName, r2(u.appraised), r2(u.survey), r2(u.total), r2(u.max), u.indexRounded,
      u.classification, u.rank, u.change?.indexDelta ? r2(u.change.indexDelta) : '', rankChangeText(u),
      u.change?.totalDelta ? r2(u.change.totalDelta) : '',
      r2(u.bonus), r2(u.deduction), pub?.version ?? '', pub?.decisionNumber ?? '', pub?.decisionDay ?? '',
    ]),
  );
  return Buffer.from('\uFEFF' + stringifyCsv([CSV_COLUMNS, ...rows]));
}

/**
 * Open data as JSON: the results table (exact values) with the publication it belongs to and, when
 * the cycle was scored here, every unit's points per field, criterion and leaf (`criteria`).
 */
function json(data: DocumentData): Buffer {
  const pub = data.publication;
  const rubric = data.rubric;
  const criteria = rubric
    ? {
        rubric: { code: rubric.code, version: rubric.version, name: rubric.name },
        nodes: rubric.nodes.map((n) => ({ code: n.code, title: n.title, max: n.max, depth: n.depth, leaf: n.isLeaf, effect: n.effect })),
        units: data.results.groups.flatMap((g) => g.units).map((u) => {
          const c = data.components.get(u.unitId);
          return { unitId: u.unitId, unitCode: u.unitCode, points: Object.fromEntries([...(c?.nodes ?? []), ...(c?.leaves ?? [])].map((p) => [p.code, p.points])) };
        }),
      }
    : null;
  const publication = pub ? { version: pub.version, decisionNumber: pub.decisionNumber, decisionDate: pub.decisionDay, reason: pub.reason } : null;
  return Buffer.from(JSON.stringify({ ...data.results, publication, criteria }, null, 2));
}

/**
 * Writes a cycle's results: CSV and JSON (open data, exact values in JSON), the XLSX annex
 * workbook, the PDF report, or the DOCX draft decision. NOT_FOUND for a cycle the caller may not
 * see (publicOnly) or without results. A published or closed cycle is written from its latest
 * publication version (ResultsService.getResults and loadDocumentData read the publication store),
 * so an export of it never changes unless a correction publishes a new version.
 */
export async function exportResults(db: Db, cycleId: string, format: ExportFormat, opts: ExportOptions): Promise<ExportedFile> {
  const file = (year: number, pub: PublicationRef | null, body: Buffer): ExportedFile => ({ body, contentType: CONTENT_TYPES[format], fileName: exportFileName(year, format, pub) });
  if (format === 'csv') {
    const results = await new ResultsService(db).getResults(cycleId, { publicOnly: opts.publicOnly });
    const pub = await publicationRef(db, results.cycle);
    return file(results.cycle.year, pub, csv(results, pub));
  }
  const data = await loadDocumentData(db, cycleId, { publicOnly: opts.publicOnly, province: opts.province });
  const decision = decisionOptions(opts);
  const year = data.results.cycle.year;
  const pub = data.publication;
  switch (format) {
    case 'json':
      return file(year, pub, json(data));
    case 'xlsx':
      return file(year, pub, await buildResultsWorkbook(data, { decisionRef: decisionRef(decision.number, decision.date) }));
    case 'pdf':
      return file(year, pub, await buildResultsReport(data, { date: opts.reportDate }));
    case 'docx':
      return file(year, pub, await buildPublicationDecision(data, decision));
  }
}

/** A work export (any computed cycle): a cycle not yet published gets a "du-thao-" file name. */
export async function exportWorkResults(db: Db, cycleId: string, format: ExportFormat, decision: DecisionFields): Promise<ExportedFile> {
  const { cycle } = await new ResultsService(db).getResults(cycleId, { publicOnly: false });
  const file = await exportResults(db, cycleId, format, { ...decision, publicOnly: false });
  return isDraftCycle(cycle.status) ? { ...file, fileName: draftFileName(file.fileName) } : file;
}
