/**
 * The state of one person filling the form: the draft kept on the device as they go, the step they
 * are on and what is missing there, and sending — a submitted form goes to the outbox first, then
 * the screen follows its status; at a desk the next person starts afresh.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { answersToSend, clearDone, clearDraft, type Draft, loadDone, loadDraft, missingOn, needsUnit, newDraft, type PublicForm, saveDone, saveDraft, stepsFor } from './form-logic.ts';
import { outbox, type Status, statusOf, store } from './survey-device.ts';

export function useSurveyDraft({ form, code, access, storageKey }: { form: PublicForm; code: string; access: { token?: string; desk?: string }; storageKey: string }) {
  const q = form.questionnaire;
  const kiosk = !!access.desk;
  const fresh = useCallback((): Draft => {
    const d = newDraft();
    d.group = form.respondentGroup ?? (q.respondentGroups.length === 1 ? q.respondentGroups[0].code : null);
    d.unitCode = form.unit?.code ?? null;
    return d;
  }, [form, q]);
  const [draft, setDraftState] = useState<Draft>(() => {
    const saved = loadDraft(store, storageKey);
    if (saved) return { ...saved, group: form.respondentGroup ?? saved.group, unitCode: form.unit?.code ?? saved.unitCode };
    return fresh();
  });
  const [done, setDone] = useState<Status | null>(() => {
    if (kiosk) return null;
    const id = loadDone(store, storageKey);
    return id ? statusOf(id) : null;
  });
  const [showMissing, setShowMissing] = useState(false);
  const topRef = useRef<HTMLDivElement>(null);

  const setDraft = useCallback(
    (change: (d: Draft) => Draft) => {
      setDraftState((d) => {
        const next = change(d);
        saveDraft(store, storageKey, next);
        return next;
      });
    },
    [storageKey],
  );

  // Follow the outbox for the form just submitted.
  useEffect(() => {
    if (!done) return;
    return outbox.onEvent((e) => {
      if (e.id !== done.id) return;
      setDone(statusOf(e.id));
    });
  }, [done?.id]);

  const needUnit = needsUnit(q) && !form.unit;
  const needGroup = !form.respondentGroup && q.respondentGroups.length > 1;
  const needDossier = !!form.desk?.requireDossier;
  const hasIntro = needUnit || needGroup || needDossier;
  const sections = draft.group ? stepsFor(q, draft.group) : [];
  const total = (hasIntro ? 1 : 0) + Math.max(sections.length, 1);
  const step = Math.min(hasIntro ? draft.step : Math.max(draft.step, 1), hasIntro ? total - 1 : total);
  const position = hasIntro ? step : step - 1; // 0-based index among visible steps
  const section = step >= 1 ? sections[step - 1] : undefined;
  const isLast = position === total - 1;

  const introMissing = {
    group: needGroup && !draft.group,
    unit: needUnit && !draft.unitCode,
    dossier: needDossier && !draft.dossierCode.trim(),
  };
  const missing = section ? missingOn(section, draft.answers) : [];
  const stepMissing = step === 0 ? Object.values(introMissing).filter(Boolean).length : missing.length;

  const go = (to: number) => {
    setShowMissing(false);
    setDraft((d) => ({ ...d, step: to }));
    topRef.current?.scrollIntoView({ block: 'start' });
    window.scrollTo(0, 0);
  };

  const next = () => {
    if (stepMissing > 0) {
      setShowMissing(true);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.sf-q--missing, .sf-field--missing')?.scrollIntoView({ block: 'start' }));
      return;
    }
    if (isLast) submit();
    else go(step + 1);
  };

  const submit = () => {
    const group = draft.group!;
    const submittedAt = new Date();
    const body = {
      ...(access.token ? { token: access.token } : { desk: access.desk }),
      ...(needDossier ? { dossierCode: draft.dossierCode.trim() } : {}),
      response: {
        id: draft.id,
        respondentGroup: group,
        ...(draft.unitCode ? { evaluatedUnitCode: draft.unitCode } : {}),
        answers: answersToSend(q, group, draft.answers),
        startedAt: draft.startedAt,
        submittedAt: submittedAt.toISOString(),
        durationSeconds: Math.max(0, Math.round((submittedAt.getTime() - Date.parse(draft.startedAt)) / 1000)),
      },
    };
    // The outbox first: from here on the form survives a reload, a crash or a lost connection.
    outbox.add(code, body);
    if (!kiosk) saveDone(store, storageKey, draft.id);
    clearDraft(store, storageKey);
    setDone({ id: draft.id, state: navigator.onLine ? 'sending' : 'queued' });
    window.scrollTo(0, 0);
    void outbox.flush(true);
  };

  const startOver = useCallback(() => {
    clearDone(store, storageKey);
    const d = fresh();
    saveDraft(store, storageKey, d);
    setDraftState(d);
    setShowMissing(false);
    setDone(null);
    window.scrollTo(0, 0);
  }, [fresh, storageKey]);

  const editAgain = () => {
    if (!done) return;
    const item = outbox.find(done.id);
    outbox.remove(done.id);
    clearDone(store, storageKey);
    if (item) {
      const r = item.body.response;
      const d: Draft = { id: r.id, startedAt: r.startedAt ?? new Date().toISOString(), group: r.respondentGroup, unitCode: r.evaluatedUnitCode ?? null, dossierCode: item.body.dossierCode ?? '', answers: r.answers, step: 0 };
      saveDraft(store, storageKey, d);
      setDraftState(d);
    }
    setDone(null);
  };

  return { kiosk, draft, setDraft, done, showMissing, topRef, needUnit, needGroup, needDossier, total, step, position, section, isLast, introMissing, missing, stepMissing, go, next, startOver, editAgain };
}
