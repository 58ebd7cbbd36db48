/**
 * The public survey form (phiếu khảo sát trực tuyến) at /khao-sat/:code?t=… (a one-time link) or
 * ?quay=… (a one-stop desk's QR code or kiosk). No sign-in. Phone first: one section per step,
 * large touch targets, answers kept on the device as the person goes; a submitted form goes to
 * the device's outbox and is sent when there is a connection (outbox.ts). At a desk the form
 * thanks the person and starts afresh for the next one, showing nothing of the previous answers.
 */
import { Alert, Button, Input, Progress, Result, Select, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageMeta } from '../../app/page-meta.ts';
import { formatInteger } from '../../lib/format.ts';
import {
  accessKey,
  type Answer,
  clearDone,
  clearDraft,
  type Draft,
  loadDone,
  loadDraft,
  missingOn,
  needsUnit,
  newDraft,
  type PublicForm,
  type PublicQuestion,
  saveDone,
  saveDraft,
  stepsFor,
  answersToSend,
} from './form-logic.ts';
import { deviceStore, Outbox, readJson, writeJson } from './outbox.ts';
import { surveyFormMessages, type SurveyFormMessages } from './survey-form.messages.ts';
import './survey-form.css';

const store = deviceStore();
const outbox = new Outbox(store);
const KIOSK_RESET_SECONDS = 8;

/** Sends what waits in the outbox now, whenever the browser comes back online, and on its backoff timer. */
function useOutboxPump() {
  useEffect(() => {
    const online = () => void outbox.flush(true);
    window.addEventListener('online', online);
    void outbox.flush(true);
    return () => {
      window.removeEventListener('online', online);
      outbox.stop();
    };
  }, []);
}

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

type Load = { state: 'loading' } | { state: 'error'; message: string; offline: boolean } | { state: 'used' } | { state: 'closed'; message: string } | { state: 'ready'; form: PublicForm };

/** Fetches the form; keeps a copy on the device so the form reopens without a connection. */
function usePublicForm(code: string, access: { token?: string; desk?: string }, key: string): [Load, () => void] {
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

export default function SurveyFormPage({ code }: { code: string }) {
  const m = useFeatureMessages(surveyFormMessages);
  const access = useMemo(() => {
    const p = new URLSearchParams(window.location.search);
    return { token: p.get('t') ?? undefined, desk: p.get('quay') ?? undefined };
  }, []);
  const key = accessKey(code, access);
  const [load, reload] = usePublicForm(code, access, key);
  useOutboxPump();
  usePageMeta(load.state === 'ready' ? m.pageTitle(load.form.questionnaire.title) : null);

  return (
    <div className="sf">
      <header className="sf-top">
        <span className="sf-top__mark" aria-hidden="true">
          PI
        </span>
        <span className="sf-top__title">{load.state === 'ready' ? load.form.questionnaire.title : 'Khảo sát'}</span>
      </header>
      <main className="sf-main" id="main">
        {load.state === 'loading' && (
          <div className="sf-center">
            <Spin size="large" />
            <p>{m.loading}</p>
          </div>
        )}
        {load.state === 'error' && (
          <Result
            status="warning"
            title={m.loadFailed}
            subTitle={load.offline ? m.offlineNoForm : load.message}
            extra={
              <Button type="primary" size="large" onClick={reload}>
                {m.retry}
              </Button>
            }
          />
        )}
        {load.state === 'used' && <UsedLink storageKey={key} m={m} />}
        {load.state === 'closed' && <ClosedSurvey code={code} message={load.message} m={m} />}
        {load.state === 'ready' && <SurveyForm form={load.form} code={code} access={access} storageKey={key} m={m} />}
      </main>
    </div>
  );
}

/** A used one-time link: sent from this very device (the person reopened it) shows the sent form's status, else why it cannot open. */
function UsedLink({ storageKey, m }: { storageKey: string; m: SurveyFormMessages }) {
  const id = loadDone(store, storageKey);
  if (id) return <DoneScreen status={statusOf(id)} kiosk={false} m={m} onNew={() => {}} onEdit={() => {}} />;
  return <Result className="sf-done" status="info" title={m.linkUsedTitle} subTitle={<span role="alert">{m.linkUsedHelp}</span>} />;
}

/** The survey no longer takes responses: why (from the server, with the day), and what of this device's answers is kept. */
function ClosedSurvey({ code, message, m }: { code: string; message: string; m: SurveyFormMessages }) {
  const { lang } = useI18n();
  const kept = outbox.items().filter((i) => i.code === code).length;
  return (
    <Result
      className="sf-done"
      status="info"
      title={m.closedTitle}
      subTitle={
        <div role="alert">
          <p>{message}</p>
          {kept > 0 && <p>{m.keptCount(formatInteger(kept, lang))}</p>}
        </div>
      }
    />
  );
}

type Status = { id: string; state: 'sending' | 'sent' | 'queued' | 'failed' | 'closed'; message?: string; status?: number };

function statusOf(id: string): Status {
  const item = outbox.find(id);
  if (!item) return { id, state: 'sent' };
  if (item.closed && !item.failed) return { id, state: 'closed', message: item.closed.message };
  if (item.failed) return { id, state: 'failed', message: item.failed.message, status: item.failed.status };
  return { id, state: 'queued' };
}

function SurveyForm({ form, code, access, storageKey, m }: { form: PublicForm; code: string; access: { token?: string; desk?: string }; storageKey: string; m: SurveyFormMessages }) {
  const q = form.questionnaire;
  const kiosk = !!access.desk;
  const online = useOnline();
  const { lang } = useI18n();
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

  if (done) return <DoneScreen status={done} kiosk={kiosk} m={m} onNew={startOver} onEdit={editAgain} />;

  const percent = Math.round(((position + 1) / total) * 100);
  return (
    <div ref={topRef} className="sf-form">
      <div className="sf-progress" aria-live="polite">
        <div className="sf-progress__label">
          <span>{m.stepOf(formatInteger(position + 1, lang), formatInteger(total, lang))}</span>
          {section && <span className="sf-progress__section">{section.section.title}</span>}
        </div>
        <Progress percent={percent} showInfo={false} strokeColor="#0b4f9c" size={{ height: 8 }} aria-label={m.stepOf(String(position + 1), String(total))} />
      </div>
      {!online && <Alert className="sf-alert" type="warning" showIcon title={m.offlineBanner} />}
      {showMissing && stepMissing > 0 && step > 0 && <Alert className="sf-alert" type="error" showIcon title={m.missingSummary(formatInteger(stepMissing, lang))} role="alert" />}

      {step === 0 ? (
        <section className="sf-card">
          <h1 className="sf-h1">{q.title}</h1>
          {q.description && <p className="sf-desc">{q.description}</p>}
          {form.desk && <p className="sf-desc">{m.deskAt(form.desk.name)}</p>}
          {form.unit && (
            <p className="sf-fixed">
              {m.unitFixed}: <strong>{form.unit.name}</strong>
            </p>
          )}
          {needGroup && (
            <fieldset className={`sf-field${showMissing && introMissing.group ? ' sf-field--missing' : ''}`}>
              <legend className="sf-label">
                {m.groupLabel} <span className="sf-req">*</span>
              </legend>
              <div className="sf-options">
                {q.respondentGroups.map((g) => (
                  <label key={g.code} className={`sf-option${draft.group === g.code ? ' sf-option--on' : ''}`}>
                    <input type="radio" name="sf-group" value={g.code} checked={draft.group === g.code} onChange={() => setDraft((d) => ({ ...d, group: g.code }))} />
                    <span>
                      {g.name}
                      {g.description && <small className="sf-option__hint">{g.description}</small>}
                    </span>
                  </label>
                ))}
              </div>
              {showMissing && introMissing.group && <p className="sf-error">{m.chooseGroup}</p>}
            </fieldset>
          )}
          {needUnit && (
            <div className={`sf-field${showMissing && introMissing.unit ? ' sf-field--missing' : ''}`}>
              <label className="sf-label" htmlFor="sf-unit">
                {m.unitLabel} <span className="sf-req">*</span>
              </label>
              <Select
                id="sf-unit"
                size="large"
                showSearch={{ filterOption: (input, option) => fold(String(option?.label ?? '')).includes(fold(input)) }}
                className="sf-select"
                placeholder={m.unitPlaceholder}
                value={draft.unitCode ?? undefined}
                onChange={(v: string) => setDraft((d) => ({ ...d, unitCode: v }))}
                options={form.units.map((u) => ({ value: u.code, label: u.name }))}
                status={showMissing && introMissing.unit ? 'error' : undefined}
              />
              {showMissing && introMissing.unit && <p className="sf-error">{m.chooseUnit}</p>}
            </div>
          )}
          {needDossier && (
            <div className={`sf-field${showMissing && introMissing.dossier ? ' sf-field--missing' : ''}`}>
              <label className="sf-label" htmlFor="sf-dossier">
                {m.dossierLabel} <span className="sf-req">*</span>
              </label>
              <Input id="sf-dossier" size="large" autoComplete="off" inputMode="text" value={draft.dossierCode} onChange={(e) => setDraft((d) => ({ ...d, dossierCode: e.target.value }))} status={showMissing && introMissing.dossier ? 'error' : undefined} />
              <p className="sf-help">{m.dossierHelp}</p>
              {showMissing && introMissing.dossier && <p className="sf-error">{m.enterDossier}</p>}
            </div>
          )}
          <p className="sf-help">{m.savedDraft}</p>
        </section>
      ) : (
        section && (
          <section className="sf-card" aria-labelledby="sf-section-title">
            {position === 0 && (
              <>
                <h1 className="sf-h1">{q.title}</h1>
                {q.description && <p className="sf-desc">{q.description}</p>}
                {form.unit && (
                  <p className="sf-fixed">
                    {m.unitFixed}: <strong>{form.unit.name}</strong>
                  </p>
                )}
              </>
            )}
            <h2 id="sf-section-title" className="sf-h2">
              {section.section.title}
            </h2>
            {section.questions.map((question) => (
              <QuestionField key={question.code} q={question} value={draft.answers[question.code]} missing={showMissing && missing.includes(question.code)} m={m} onChange={(a) => setDraft((d) => ({ ...d, answers: { ...d.answers, [question.code]: a } }))} />
            ))}
          </section>
        )
      )}

      <nav className="sf-nav" aria-label="Điều hướng phiếu">
        {position > 0 && (
          <Button size="large" className="sf-nav__back" onClick={() => go(step - 1)}>
            {m.back}
          </Button>
        )}
        <Button type="primary" size="large" className="sf-nav__next" onClick={next}>
          {isLast ? m.submit : m.next}
        </Button>
      </nav>
    </div>
  );
}

/** Lower case without diacritics, for searching unit names typed without accents. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/đ/gi, 'd').toLowerCase();
}

function QuestionField({ q, value, missing, onChange, m }: { q: PublicQuestion; value: Answer | undefined; missing: boolean; onChange: (a: Answer) => void; m: SurveyFormMessages }) {
  const id = `sf-q-${q.code}`;
  const head = (
    <>
      <span className="sf-q__code">{q.code}.</span> {q.text}
      {q.required && (
        <span className="sf-req" title={m.required}>
          {' '}
          *
        </span>
      )}
    </>
  );
  const error = missing && (
    <p className="sf-error" id={`${id}-err`}>
      {m.requiredMissing}
    </p>
  );
  if (q.type === 'text') {
    return (
      <div className={`sf-q${missing ? ' sf-q--missing' : ''}`}>
        <label className="sf-q__text" htmlFor={id}>
          {head}
        </label>
        <Input.TextArea id={id} rows={3} maxLength={2000} value={typeof value === 'string' ? value : ''} placeholder={q.required ? undefined : m.textPlaceholder} onChange={(e) => onChange(e.target.value)} aria-describedby={missing ? `${id}-err` : undefined} />
        {error}
      </div>
    );
  }
  const multiple = q.type === 'multiple';
  const chosen = Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : [];
  const toggle = (code: string) => {
    if (!multiple) return onChange(code);
    onChange(chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code]);
  };
  return (
    <fieldset className={`sf-q${missing ? ' sf-q--missing' : ''}`} aria-describedby={missing ? `${id}-err` : undefined} aria-invalid={missing || undefined}>
      <legend className="sf-q__text">{head}</legend>
      {multiple && <p className="sf-help">{m.multipleHint}</p>}
      <div className={`sf-options${q.type === 'scale' ? ' sf-options--scale' : ''}`}>
        {q.options.map((o) => {
          const on = chosen.includes(o.code);
          return (
            <label key={o.code} className={`sf-option${on ? ' sf-option--on' : ''}${o.level === undefined && q.type === 'scale' ? ' sf-option--aside' : ''}`}>
              <input type={multiple ? 'checkbox' : 'radio'} name={id} value={o.code} checked={on} onChange={() => toggle(o.code)} />
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
      {error}
    </fieldset>
  );
}

function DoneScreen({ status, kiosk, m, onNew, onEdit }: { status: Status; kiosk: boolean; m: SurveyFormMessages; onNew: () => void; onEdit: () => void }) {
  const { lang } = useI18n();
  const [left, setLeft] = useState(KIOSK_RESET_SECONDS);
  const settled = status.state === 'sent' || status.state === 'queued';
  useEffect(() => {
    if (!kiosk || !settled) return;
    setLeft(KIOSK_RESET_SECONDS);
    const timer = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, [kiosk, settled]);
  useEffect(() => {
    if (kiosk && settled && left <= 0) onNew();
  }, [kiosk, settled, left, onNew]);

  if (status.state === 'closed') {
    // Nothing is dropped: the form stays in the outbox and is sent if the survey reopens.
    return (
      <Result
        className="sf-done"
        status="warning"
        title={m.closedTitle}
        subTitle={
          <div role="alert">
            <p>{status.message}</p>
            <p>{m.keptOnDevice}</p>
          </div>
        }
        extra={
          kiosk ? (
            // Reload rather than a fresh draft: the desk is closed, so the page shows why instead of the questions.
            <Button size="large" onClick={() => window.location.reload()}>
              {m.kioskNow}
            </Button>
          ) : undefined
        }
      />
    );
  }
  if (status.state === 'failed') {
    const used = status.status === 409 && !kiosk;
    return (
      <Result
        className="sf-done"
        status="error"
        title={m.failed}
        subTitle={<span role="alert">{used ? m.linkUsed : status.message}</span>}
        extra={[
          !used && (
            <Button key="edit" type="primary" size="large" onClick={onEdit}>
              {m.editAgain}
            </Button>
          ),
          kiosk && (
            <Button key="new" size="large" onClick={onNew}>
              {m.kioskNow}
            </Button>
          ),
        ]}
      />
    );
  }
  return (
    <Result
      className="sf-done"
      status={status.state === 'sent' ? 'success' : status.state === 'queued' ? 'info' : 'info'}
      icon={status.state === 'sending' ? <Spin size="large" /> : undefined}
      title={m.thanks}
      subTitle={
        <div role="status" aria-live="polite" className={`sf-done__status sf-done__status--${status.state}`}>
          <strong>{status.state === 'sent' ? m.sent : status.state === 'queued' ? m.queued : m.sending}</strong>
          {status.state !== 'sending' && <span>{status.state === 'sent' ? m.sentDetail : m.queuedDetail}</span>}
        </div>
      }
      extra={
        kiosk && settled ? (
          <div className="sf-kiosk">
            <p>{m.kioskNext(formatInteger(Math.max(0, left), lang))}</p>
            <Button type="primary" size="large" onClick={onNew}>
              {m.kioskNow}
            </Button>
          </div>
        ) : undefined
      }
    />
  );
}
