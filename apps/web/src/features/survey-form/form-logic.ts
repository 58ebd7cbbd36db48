/**
 * The public form's rules, without React: which questions a respondent group is asked, the steps
 * (one per section that has questions for the group), what is missing on a step, and the draft
 * kept on the device as the person answers (so a reload loses nothing).
 */
import type { PublicSurveyForm, PublicSurveyQuestion } from '@parindex/contracts';
import { type KeyValueStore, newUuid, readJson, writeJson } from './outbox.ts';

/** The public form and its questions as the server serves them (packages/contracts survey-api.ts). */
export type { QuestionType } from '@parindex/contracts';
export type PublicQuestion = PublicSurveyQuestion;
export type PublicForm = PublicSurveyForm;

export type Answer = string | string[];

/** The form as answered so far, kept on the device under the link's own key. */
export interface Draft {
  id: string;
  startedAt: string;
  group: string | null;
  unitCode: string | null;
  dossierCode: string;
  answers: Record<string, Answer>;
  /** 0 = the first page (who and which unit), then one per section. */
  step: number;
}

/** Whether a question is put to the group (its own groups, else its section's, else everyone). */
export function askedOf(form: PublicForm['questionnaire'], q: PublicQuestion, group: string): boolean {
  const groups = q.groups ?? form.sections.find((s) => s.code === q.section)?.groups;
  return !groups || groups.includes(group);
}

export interface Step {
  section: { code: string; title: string };
  questions: PublicQuestion[];
}

/** One step per section with at least one question for the group, in the questionnaire's order. */
export function stepsFor(form: PublicForm['questionnaire'], group: string): Step[] {
  return form.sections
    .map((section) => ({ section, questions: form.questions.filter((q) => q.section === section.code && askedOf(form, q, group)) }))
    .filter((s) => s.questions.length > 0);
}

/** The form rates the unit the person dealt with, so that unit must be named. */
export function needsUnit(form: PublicForm['questionnaire']): boolean {
  return form.questions.some((q) => q.scoring?.evaluatedUnit === 'dealt_with' || q.sipas?.kind === 'satisfaction');
}

export function isBlank(a: Answer | undefined): boolean {
  return a === undefined || (typeof a === 'string' ? a.trim() === '' : a.length === 0);
}

/** Codes of required questions left blank on a step. */
export function missingOn(step: Step, answers: Record<string, Answer>): string[] {
  return step.questions.filter((q) => q.required && isBlank(answers[q.code])).map((q) => q.code);
}

/** The answers to send: only questions asked of the group, blanks dropped, text trimmed. */
export function answersToSend(form: PublicForm['questionnaire'], group: string, answers: Record<string, Answer>): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const q of form.questions) {
    const a = answers[q.code];
    if (!askedOf(form, q, group) || isBlank(a)) continue;
    out[q.code] = typeof a === 'string' ? a.trim() : a;
  }
  return out;
}

/** The device key of a link's draft and of its "already submitted" note. */
export function accessKey(code: string, access: { token?: string; desk?: string }): string {
  return `${code}|${access.token ? `t:${access.token}` : `quay:${access.desk ?? ''}`}`;
}

const draftKey = (key: string) => `parindex.survey.draft:${key}`;
const doneKey = (key: string) => `parindex.survey.done:${key}`;

export function newDraft(now: Date = new Date()): Draft {
  return { id: newUuid(), startedAt: now.toISOString(), group: null, unitCode: null, dossierCode: '', answers: {}, step: 0 };
}

export function loadDraft(store: KeyValueStore, key: string): Draft | null {
  const d = readJson<Draft | null>(store, draftKey(key), null);
  return d && typeof d.id === 'string' && d.answers && typeof d.answers === 'object' ? d : null;
}

export function saveDraft(store: KeyValueStore, key: string, draft: Draft): void {
  writeJson(store, draftKey(key), draft);
}

export function clearDraft(store: KeyValueStore, key: string): void {
  store.removeItem(draftKey(key));
}

/** A one-time link remembers which form it was used for, so a reload shows its status instead of an empty form. */
export function loadDone(store: KeyValueStore, key: string): string | null {
  return readJson<{ id?: string } | null>(store, doneKey(key), null)?.id ?? null;
}

export function saveDone(store: KeyValueStore, key: string, id: string): void {
  writeJson(store, doneKey(key), { id });
}

export function clearDone(store: KeyValueStore, key: string): void {
  store.removeItem(doneKey(key));
}
