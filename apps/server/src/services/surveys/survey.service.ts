/**
 * Surveys of a cycle: questionnaires, the sample plan, one-time links and one-stop desks, the
 * public form's submissions (idempotent, durable before acknowledged), file imports, quality
 * flags and exclusions, scoring into the rubric's survey leaves, SIPAS, and the CSV export.
 *
 * `SurveyService` is the one entry the routes, the seed and the other services use; it only
 * delegates. Each use case lives in its own file, with its rules (stage via assertCycleWritable,
 * the survey and desk windows of survey-windows.ts) where the work is done:
 * - survey-questionnaires.ts: create, import from a workbook, list, read;
 * - survey-collection.ts: the sample plan and response rate, one-time links (also from a respondent list), desks;
 * - survey-public-form.ts: the public form and its submissions;
 * - survey-response-import.ts: file imports of responses, inline or as a background job;
 * - survey-paper-entry.ts: paper forms typed twice;
 * - survey-review.ts: quality flags and exclusions;
 * - survey-results.ts: scoring, the stored survey points, SIPAS, the CSV export;
 * - survey-queries.ts: the reads they share.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { ResponseWriter } from './response-writer.ts';
import { SurveyCollection } from './survey-collection.ts';
import { SurveyPaperEntry } from './survey-paper-entry.ts';
import { SurveyPublicForm } from './survey-public-form.ts';
import { SurveyQuestionnaires } from './survey-questionnaires.ts';
import { SurveyResponseImport } from './survey-response-import.ts';
import { SurveyResults } from './survey-results.ts';
import { SurveyReview } from './survey-review.ts';

export type { SubmitBody } from './survey-public-form.ts';
export type { ImportJob } from './survey-response-import.ts';

type Args<C, K extends keyof C> = C[K] extends (...args: infer A) => unknown ? A : never;

export class SurveyService {
  readonly writer: ResponseWriter;
  private readonly questionnaires: SurveyQuestionnaires;
  private readonly collection: SurveyCollection;
  private readonly publicForms: SurveyPublicForm;
  private readonly imports: SurveyResponseImport;
  private readonly paper: SurveyPaperEntry;
  private readonly review: SurveyReview;
  private readonly results: SurveyResults;
  constructor(db: Db, opts: { secret?: Buffer } = {}) {
    // Key of the dossier-code HMAC (survey-secret.ts); without one (tests, benchmarks) a key for this process only.
    this.publicForms = new SurveyPublicForm(db, opts.secret ?? randomBytes(32));
    this.writer = this.publicForms.writer;
    this.questionnaires = new SurveyQuestionnaires(db);
    this.collection = new SurveyCollection(db);
    this.imports = new SurveyResponseImport(db);
    this.paper = new SurveyPaperEntry(db);
    this.review = new SurveyReview(db);
    this.results = new SurveyResults(db);
  }

  // ---------- questionnaires ----------
  create(...a: Args<SurveyQuestionnaires, 'create'>) { return this.questionnaires.create(...a); }
  importXlsx(...a: Args<SurveyQuestionnaires, 'importXlsx'>) { return this.questionnaires.importXlsx(...a); }
  list(...a: Args<SurveyQuestionnaires, 'list'>) { return this.questionnaires.list(...a); }
  get(...a: Args<SurveyQuestionnaires, 'get'>) { return this.questionnaires.get(...a); }
  createFromBody(...a: Args<SurveyQuestionnaires, 'createFromBody'>) { return this.questionnaires.createFromBody(...a); }
  xlsx(...a: Args<SurveyQuestionnaires, 'xlsx'>) { return this.questionnaires.xlsx(...a); }
  responsesTemplate(...a: Args<SurveyQuestionnaires, 'responsesTemplate'>) { return this.questionnaires.responsesTemplate(...a); }
  /** The questionnaire's document alone (GET …/surveys/:qid). */
  async document(id: string) { return (await this.questionnaires.get(id)).document; }

  // ---------- sample plan, one-time links and desks ----------
  setTargets(...a: Args<SurveyCollection, 'setTargets'>) { return this.collection.setTargets(...a); }
  progress(...a: Args<SurveyCollection, 'progress'>) { return this.collection.progress(...a); }
  makeTokens(...a: Args<SurveyCollection, 'makeTokens'>) { return this.collection.makeTokens(...a); }
  tokensFromList(...a: Args<SurveyCollection, 'tokensFromList'>) { return this.collection.tokensFromList(...a); }
  createDesk(...a: Args<SurveyCollection, 'createDesk'>) { return this.collection.createDesk(...a); }
  listDesks(...a: Args<SurveyCollection, 'listDesks'>) { return this.collection.listDesks(...a); }

  // ---------- the public form ----------
  publicForm(...a: Args<SurveyPublicForm, 'publicForm'>) { return this.publicForms.publicForm(...a); }
  submit(...a: Args<SurveyPublicForm, 'submit'>) { return this.publicForms.submit(...a); }

  // ---------- staff: import, paper entry ----------
  importFile(...a: Args<SurveyResponseImport, 'importFile'>) { return this.imports.importFile(...a); }
  startImport(...a: Args<SurveyResponseImport, 'startImport'>) { return this.imports.startImport(...a); }
  importJob(...a: Args<SurveyResponseImport, 'importJob'>) { return this.imports.importJob(...a); }
  enterPaper(...a: Args<SurveyPaperEntry, 'enterPaper'>) { return this.paper.enterPaper(...a); }
  pendingPaper(...a: Args<SurveyPaperEntry, 'pendingPaper'>) { return this.paper.pendingPaper(...a); }

  // ---------- staff: quality, exclusion ----------
  quality(...a: Args<SurveyReview, 'quality'>) { return this.review.quality(...a); }
  exclude(...a: Args<SurveyReview, 'exclude'>) { return this.review.exclude(...a); }

  // ---------- staff: scoring, SIPAS, export ----------
  score(...a: Args<SurveyResults, 'score'>) { return this.results.score(...a); }
  scores(...a: Args<SurveyResults, 'scores'>) { return this.results.scores(...a); }
  sipas(...a: Args<SurveyResults, 'sipas'>) { return this.results.sipas(...a); }
  exportCsv(...a: Args<SurveyResults, 'exportCsv'>) { return this.results.exportCsv(...a); }
  responsesCsv(...a: Args<SurveyResults, 'responsesCsv'>) { return this.results.responsesCsv(...a); }
}
