/** Loading the public form: from the server, or from the copy kept on the device when offline. */
import { useEffect, useState } from 'react';
import type { PublicForm } from './form-logic.ts';
import { readJson, writeJson } from './outbox.ts';
import { store } from './survey-device.ts';

export type Load = { state: 'loading' } | { state: 'error'; message: string; offline: boolean } | { state: 'used' } | { state: 'closed'; message: string } | { state: 'ready'; form: PublicForm };

/** Fetches the form; keeps a copy on the device so the form reopens without a connection. */
export function usePublicForm(code: string, access: { token?: string; desk?: string }, key: string): [Load, () => void] {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    const cacheKey = `parindex.survey.form:${key}`;
    const qs = access.token ? `t=${encodeURIComponent(access.token)}` : `quay=${encodeURIComponent(access.desk ?? '')}`;
    (async () => {
      try {
        const res = await fetch(`/api/public/surveys/${encodeURIComponent(code)}?${qs}`, { headers: { accept: 'application/json' }, credentials: 'omit' });
        const data = (await res.json().catch(() => undefined)) as PublicForm | { error?: { message?: string; details?: { reason?: string } } } | undefined;
        if (cancelled) return;
        // A one-time link already used is refused on opening, not after answering; the copy kept on the device goes too.
        if (res.status === 409 && data && 'error' in data && data.error?.details?.reason === 'link_used') {
          store.removeItem(cacheKey);
          setLoad({ state: 'used' });
          return;
        }
        // A closed survey (or desk), or one outside its dates: say so instead of showing the questions.
        if (res.status === 410) {
          store.removeItem(cacheKey);
          setLoad({ state: 'closed', message: (data as { error?: { message?: string } } | undefined)?.error?.message ?? '' });
          return;
        }
        if (!res.ok || !data || !('questionnaire' in data)) {
          const message = (data as { error?: { message?: string } } | undefined)?.error?.message ?? `Máy chủ trả lời lỗi ${res.status}.`;
          setLoad({ state: 'error', message, offline: false });
          return;
        }
        writeJson(store, cacheKey, data);
        setLoad({ state: 'ready', form: data });
      } catch {
        if (cancelled) return;
        const cached = readJson<PublicForm | null>(store, cacheKey, null);
        if (cached?.questionnaire) setLoad({ state: 'ready', form: cached });
        else setLoad({ state: 'error', message: '', offline: true });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [code, access.token, access.desk, key, attempt]);
  return [load, () => setAttempt((a) => a + 1)];
}
