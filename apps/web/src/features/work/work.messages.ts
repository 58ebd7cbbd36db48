/**
 * Strings of the signed-in work area (tự đánh giá, thẩm định, giải trình, Hội đồng, công bố), in
 * the terms of the province's own documents. `vi` defines the shape; `en` must match it.
 *
 * The tables live by page in the files below; this file puts them together into the one
 * `workMessages` object (and `WorkMessages` type) the pages use.
 */
import type { Lang } from '../../app/messages.ts';
import { appraisalMessages, type AppraisalMessages } from './appraisal.messages.ts';
import { boardMessages, type BoardMessages } from './board.messages.ts';
import { councilMessages, type CouncilMessages } from './council.messages.ts';
import { frameMessages, type FrameMessages } from './frame.messages.ts';
import { historyMessages, type HistoryMessages } from './history.messages.ts';
import { sheetMessages, type SheetMessages } from './sheet.messages.ts';

export type { AppraisalMessages, BoardMessages, CouncilMessages, FrameMessages, HistoryMessages, SheetMessages };

type Parts = [FrameMessages, SheetMessages, AppraisalMessages, CouncilMessages, BoardMessages, HistoryMessages];
/** Keys found in more than one part: a later part would silently override an earlier one, so there must be none. */
type SharedKeys<P extends unknown[], Seen extends PropertyKey = never> = P extends [infer Head, ...infer Rest] ? Extract<keyof Head, Seen> | SharedKeys<Rest, Seen | keyof Head> : never;
const noSharedKeys: [SharedKeys<Parts>] extends [never] ? true : SharedKeys<Parts> = true;
void noSharedKeys;

const vi = {
  ...frameMessages.vi,
  ...sheetMessages.vi,
  ...appraisalMessages.vi,
  ...councilMessages.vi,
  ...boardMessages.vi,
  ...historyMessages.vi,
};

export type WorkMessages = typeof vi;

const en: WorkMessages = {
  ...frameMessages.en,
  ...sheetMessages.en,
  ...appraisalMessages.en,
  ...councilMessages.en,
  ...boardMessages.en,
  ...historyMessages.en,
};

export const workMessages: Record<Lang, WorkMessages> = { vi, en };
