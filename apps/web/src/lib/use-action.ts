/** One way to run a form's server call: busy while it runs, the server's message when it is refused. */
import { useCallback, useState } from 'react';
import { errorText } from './error-text.ts';

/** Turns a failure into the text shown by the form, or null when the caller showed it elsewhere. */
export type OnActionError = (error: unknown) => string | null;

/** onError for a failure shown elsewhere (a toast, a dialog) instead of the form's error line. */
export const showError =
  (show: (text: string) => unknown): OnActionError =>
  (e) => {
    show(errorText(e));
    return null;
  };

/**
 * Sets busy, clears the previous error, awaits the action; on failure shows the server's text
 * (or what onError makes of it). Busy is always cleared. True when the action succeeded.
 */
export async function runAction(
  setBusy: (busy: boolean) => void,
  setError: (error: string | null) => void,
  action: () => unknown,
  onError: OnActionError = errorText,
): Promise<boolean> {
  setBusy(true);
  setError(null);
  try {
    await action();
    return true;
  } catch (e) {
    setError(onError(e));
    return false;
  } finally {
    setBusy(false);
  }
}

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback((action: () => unknown, onError?: OnActionError) => runAction(setBusy, setError, action, onError), []);
  return { busy, error, setError, run };
}
