/**
 * After submitting: where the form is (sending, sent, kept in the outbox, refused, survey closed)
 * and what the person can do. At a desk (kiosk) the screen counts down and starts afresh for the
 * next person once the form is sent or safely queued.
 */
import { Button, Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { formatInteger } from '../../lib/format.ts';
import type { Status } from './survey-device.ts';
import type { SurveyFormMessages } from './survey-form.messages.ts';

const KIOSK_RESET_SECONDS = 8;

export function DoneScreen({ status, kiosk, m, onNew, onEdit }: { status: Status; kiosk: boolean; m: SurveyFormMessages; onNew: () => void; onEdit: () => void }) {
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
