/** What a failed request says to the user, in one place for every page and for lib/use-action.ts. */
import { type Lang, messages } from '../app/messages.ts';
import { ApiError } from './api.ts';

/** The page's language as the i18n provider set it on <html>, for callers outside a component. */
export const pageLang = (): Lang => (typeof document !== 'undefined' && document.documentElement.lang.startsWith('en') ? 'en' : 'vi');

/**
 * The server's message of a failed request (the server writes Vietnamese); failures on our side
 * of the wire (no network, an unreadable answer) and unknown errors in the page's language.
 */
export function errorText(error: unknown, lang: Lang = pageLang()): string {
  const t = messages[lang];
  if (error instanceof ApiError) return error.code === 'NETWORK' ? t.networkError : error.code === 'BAD_RESPONSE' ? t.badResponse : error.message;
  if (error instanceof Error && error.message) return error.message;
  return t.genericError;
}
