/**
 * The collection window of a questionnaire or a desk (server: services/surveys/survey-windows.ts):
 * its state and dates, and for the secretariat the buttons to close, reopen (each after a
 * confirmation) and set the dates. Used in the questionnaires table and the desks table.
 */
import { App, Button, DatePicker, Popconfirm, Popover, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { send } from '../../lib/session.ts';
import { showError, useAction } from '../../lib/use-action.ts';
import { type SurveyWindow, type WindowChange, surveyUrls } from './surveys.api.ts';
import { windowMessages } from './windows.messages.ts';

const COLORS: Record<string, string> = { open: 'green', closed: 'red', not_yet: 'blue', ended: 'orange' };

const viDate = (iso: string) => iso.split('-').reverse().join('/');
const vnDay = (instant: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(instant));

export type WindowTarget = { kind: 'questionnaire'; id: string } | { kind: 'desk'; code: string };

export function WindowControls({ target, name, window: w, canManage, onChanged }: { target: WindowTarget; name: string; window: SurveyWindow; canManage: boolean; onChanged: () => Promise<unknown> }) {
  const m = useFeatureMessages(windowMessages);
  const { message } = App.useApp();
  const { busy, run } = useAction();
  const [datesOpen, setDatesOpen] = useState(false);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null]>([null, null]);
  const urls = target.kind === 'questionnaire' ? surveyUrls.window(target.id) : surveyUrls.deskWindow(target.code);

  const act = async (method: 'POST' | 'PUT', url: string, body: unknown) => {
    await run(
      async () => {
        const changes = await send<WindowChange[]>(method, url, body);
        const deskBlocked = changes.find((c) => c.kind === 'desk' && c.state === 'open' && c.questionnaireState && c.questionnaireState !== 'open');
        if (deskBlocked) message.warning(m.deskNeedsQuestionnaire, 8);
        else message.success(m.done(changes.length));
        setDatesOpen(false);
        await onChanged();
      },
      showError((text) => message.error(text, 8)),
    );
  };

  const details = [
    w.opensOn ? m.from(viDate(w.opensOn)) : null,
    w.closesOn ? m.until(viDate(w.closesOn)) : null,
    w.state === 'closed' && w.closedAt ? m.closedOn(vnDay(w.closedAt)) : null,
  ].filter(Boolean);

  const datesForm = (
    <Space direction="vertical" size={8} style={{ width: 260 }}>
      <label>
        {m.opensOn}
        <DatePicker style={{ width: '100%' }} format="DD/MM/YYYY" placeholder="dd/mm/yyyy" value={range[0]} onChange={(d) => setRange([d, range[1]])} />
      </label>
      <label>
        {m.closesOn}
        <DatePicker style={{ width: '100%' }} format="DD/MM/YYYY" placeholder="dd/mm/yyyy" value={range[1]} onChange={(d) => setRange([range[0], d])} />
      </label>
      <Button type="primary" size="small" loading={busy} onClick={() => void act('PUT', urls.dates, { opensOn: range[0]?.format('YYYY-MM-DD') ?? null, closesOn: range[1]?.format('YYYY-MM-DD') ?? null })}>
        {m.save}
      </Button>
    </Space>
  );

  const what = target.kind === 'questionnaire' ? name : `"${name}"`;
  return (
    <Space size={4} wrap className="sv-window">
      <Tag color={COLORS[w.state]}>{m.states[w.state] ?? w.state}</Tag>
      {details.length > 0 && <span className="sv-muted">{details.join(', ')}</span>}
      {canManage && (
        <>
          {w.state !== 'closed' && (
            <Popconfirm title={target.kind === 'questionnaire' ? m.confirmCloseQuestionnaire(name) : m.confirmCloseDesk(name)} okText={m.yes} cancelText={m.no} okButtonProps={{ danger: true }} onConfirm={() => act('POST', urls.close, {})}>
              <Button size="small" danger loading={busy}>
                {m.close}
              </Button>
            </Popconfirm>
          )}
          {w.state !== 'open' && (
            <Popconfirm title={m.confirmOpen(what)} okText={m.yes} cancelText={m.no} onConfirm={() => act('POST', urls.open, {})}>
              <Button size="small" loading={busy}>
                {m.open}
              </Button>
            </Popconfirm>
          )}
          <Popover
            trigger="click"
            title={m.datesTitle}
            content={datesForm}
            open={datesOpen}
            onOpenChange={(o) => {
              setDatesOpen(o);
              if (o) setRange([w.opensOn ? dayjs(w.opensOn) : null, w.closesOn ? dayjs(w.closesOn) : null]);
            }}
          >
            <Button size="small" type="link">
              {m.dates}
            </Button>
          </Popover>
        </>
      )}
    </Space>
  );
}
