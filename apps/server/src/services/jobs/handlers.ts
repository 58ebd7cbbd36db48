/** The job kinds a server runs, each with its handler (the worker claims only kinds it has). */
import type { Transporter } from 'nodemailer';
import type { Db } from '../../db/database.ts';
import { exportJobHandler } from '../../documents/export-jobs.ts';
import { surveyImportJobHandler } from '../surveys/survey-response-import.ts';
import { emailJobHandler } from './email-job.ts';
import type { JobWorker } from './job-worker.ts';
import { scoreRunJobHandler } from './score-run-job.ts';

export interface JobHandlersOptions {
  /** The mail transport; without one this server sends no e-mail (another with SMTP_URL may). */
  mailer?: Transporter;
  mailFrom?: string;
}

export function registerJobHandlers(worker: JobWorker, db: Db, opts: JobHandlersOptions = {}): JobWorker {
  worker.register('export', exportJobHandler(db));
  worker.register('survey_import', surveyImportJobHandler(db));
  worker.register('score_run', scoreRunJobHandler(db));
  if (opts.mailer) worker.register('email', emailJobHandler(opts.mailer, opts.mailFrom));
  return worker;
}
