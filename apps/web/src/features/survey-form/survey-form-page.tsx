/**
 * The public survey form (phiếu khảo sát trực tuyến) at /khao-sat/:code?t=… (a one-time link) or
 * ?quay=… (a one-stop desk's QR code or kiosk). No sign-in. Phone first: one section per step,
 * large touch targets, answers kept on the device as the person goes; a submitted form goes to
 * the device's outbox and is sent when there is a connection (outbox.ts). At a desk the form
 * thanks the person and starts afresh for the next one, showing nothing of the previous answers.
 *
 * This file is the page shell and the states before the questions (loading, failed, used link,
 * closed survey); the form itself is survey-questionnaire.tsx, its state use-survey-draft.ts,
 * loading use-public-form.ts, the outbox and connection survey-device.ts, the end done-screen.tsx.
 */
import { Button, Result, Spin } from 'antd';
import { useMemo } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageMeta } from '../../app/page-meta.ts';
import { formatInteger } from '../../lib/format.ts';
import { DoneScreen } from './done-screen.tsx';
import { accessKey, loadDone } from './form-logic.ts';
import { outbox, statusOf, store, useOutboxPump } from './survey-device.ts';
import { surveyFormMessages, type SurveyFormMessages } from './survey-form.messages.ts';
import { SurveyForm } from './survey-questionnaire.tsx';
import { usePublicForm } from './use-public-form.ts';
import './survey-form.css';

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
