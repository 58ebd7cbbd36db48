/** Small pieces shared by the work pages: messages, number/date display, the error banner, point parsing. */
import { ratioPercentText } from '@parindex/engine';
import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import type { Lang } from '../../app/messages.ts';
import { errorText } from '../../lib/error-text.ts';
import { formatExact } from '../../lib/format.ts';
import { workMessages } from './work.messages.ts';

export function useW() {
  const { lang } = useI18n();
  return { w: useFeatureMessages(workMessages), lang };
}

/** Points as the server wrote them, all their digits, Vietnamese decimal comma ("0.5" → "0,5"). */
export function fmtPoints(value: string | null | undefined, lang: 'vi' | 'en'): string {
  return value == null ? '—' : formatExact(value, lang);
}

export const fmtDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format('DD/MM/YYYY') : '—');
export const fmtDateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('HH:mm DD/MM/YYYY') : '—');

// A failed request's text, in lib/ so that every feature (and lib/use-action.ts) reads it from one place.
export { errorText, pageLang } from '../../lib/error-text.ts';

/** The banner's text: a string is a message already made by errorText (useAction keeps the text, not the error). */
export const alertText = (error: unknown, lang: Lang): string => (typeof error === 'string' ? error : errorText(error, lang));

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { w, lang } = useW();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={alertText(error, lang)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {w.retry}
          </Button>
        ) : undefined
      }
    />
  );
}

/**
 * Reads points typed by an official ("1,5", "1.5", " 2 ") into the API's dot decimal string, or
 * null when it is not a number with at most 3 decimals. No float arithmetic.
 */
export function parsePoints(text: string): string | null {
  const s = text.trim().replace(',', '.');
  return /^\d{1,5}(\.\d{1,3})?$/.test(s) ? s : null;
}

/** Exact comparison of two non-negative decimal strings by their digits. */
export function sameDecimal(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const norm = (s: string) => {
    const [i = '0', f = ''] = s.split('.');
    return `${i.replace(/^0+(?=\d)/, '')}.${f.replace(/0+$/, '')}`;
  };
  return norm(a) === norm(b);
}

/** ratio numerator/denominator in %, 2 decimals half-up (the engine's `ratioPercentText`); null without a denominator above 0. */
export function ratioPercent(numerator: number, denominator: number): string | null {
  return ratioPercentText(numerator, denominator);
}
