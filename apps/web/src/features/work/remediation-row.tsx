/** Pieces of the remediation plan page: a deadline picker, error paths in words, a leaf cell, one stored action (PATCH). */
import { Alert, App, Button, DatePicker, Input, Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { Lang } from '../../app/messages.ts';
import { send } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { type Action, type Status, fieldFits } from './remediation.api.ts';
import type { RemediationMessages } from './remediation.messages.ts';
import { errorText, fmtPoints } from './work-common.tsx';

/** A deadline picker shown dd/mm/yyyy, holding the API's YYYY-MM-DD. */
export function Deadline({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  return (
    <DatePicker
      aria-label={label}
      format="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : '')}
    />
  );
}

/** The server's "items.0.action …" paths in words: "Dòng 1 (tiêu chí 1.4.2), việc cần làm: …". */
export function humanize(text: string, codes: string[], m: RemediationMessages): string {
  return text.replace(/^Yêu cầu không hợp lệ:\s*/, '').replace(/items\.(\d+)\.(\w+)\s*/g, (_, i: string, f: string) => `${m.row(Number(i) + 1, codes[Number(i)] ?? '')}, ${(m.fields[f] ?? f).toLowerCase()}: `);
}

export const leafCell = (code: string, title: string | null) => (
  <span>
    <strong>{code}</strong> {title && <span className="work-muted">{title}</span>}
  </span>
);

export function ActionRow({ a, m, lang, canEdit, url, onSaved, statusOptions }: { a: Action; m: RemediationMessages; lang: Lang; canEdit: boolean; url: string; onSaved: () => void; statusOptions: { value: Status; label: string }[] }) {
  const { message } = App.useApp();
  const init = { action: a.action, owner: a.owner, deadline: a.deadline ?? '', status: a.status, note: a.note ?? '' };
  const [v, setV] = useState(init);
  const { busy, error, setError, run } = useAction();
  // A refetch after another row's save brings the stored values in.
  useEffect(() => setV({ action: a.action, owner: a.owner, deadline: a.deadline ?? '', status: a.status, note: a.note ?? '' }), [a.action, a.owner, a.deadline, a.status, a.note]);
  const dirty = v.action !== init.action || v.owner !== init.owner || v.deadline !== init.deadline || v.status !== init.status || v.note !== init.note;

  async function save() {
    setError(null);
    if (!fieldFits('action', v.action)) return setError(`${m.row(0, a.leafCode)}: ${m.needAction}`);
    if (!fieldFits('owner', v.owner)) return setError(`${m.row(0, a.leafCode)}: ${m.needOwner}`);
    const patch: Record<string, unknown> = {};
    if (v.action !== init.action) patch.action = v.action;
    if (v.owner !== init.owner) patch.owner = v.owner;
    if (v.deadline !== init.deadline) patch.deadline = v.deadline || null;
    if (v.status !== init.status) patch.status = v.status;
    if (v.note !== init.note) patch.note = v.note.trim() || null;
    await run(
      async () => {
        await send('PATCH', url, patch);
        message.success(m.saved);
        onSaved();
      },
      (e) => humanize(errorText(e), [a.leafCode], m),
    );
  }

  if (!canEdit) {
    return (
      <tr>
        <td>{leafCell(a.leafCode, a.leafTitle)}</td>
        <td className="num">{fmtPoints(a.pointsLost, lang)}</td>
        <td>{a.action}</td>
        <td>{a.owner}</td>
        <td>{a.deadline ? a.deadline.split('-').reverse().join('/') : '—'}</td>
        <td><Tag>{m.status[a.status]}</Tag></td>
        <td>{a.note ?? '—'}</td>
      </tr>
    );
  }
  return (
    <>
      <tr className={dirty ? 'is-dirty' : undefined}>
        <td>{leafCell(a.leafCode, a.leafTitle)}</td>
        <td className="num">{fmtPoints(a.pointsLost, lang)}</td>
        <td><Input.TextArea aria-label={`${m.colAction} ${a.leafCode}`} autoSize value={v.action} onChange={(e) => setV({ ...v, action: e.target.value })} /></td>
        <td><Input aria-label={`${m.colOwner} ${a.leafCode}`} value={v.owner} onChange={(e) => setV({ ...v, owner: e.target.value })} /></td>
        <td><Deadline label={`${m.colDeadline} ${a.leafCode}`} value={v.deadline} onChange={(d) => setV({ ...v, deadline: d })} /></td>
        <td><Select aria-label={`${m.colStatus} ${a.leafCode}`} style={{ width: '100%' }} value={v.status} options={statusOptions} onChange={(s) => setV({ ...v, status: s })} /></td>
        <td><Input.TextArea aria-label={`${m.colNote} ${a.leafCode}`} autoSize value={v.note} onChange={(e) => setV({ ...v, note: e.target.value })} /></td>
        <td>
          <Button size="small" type={dirty ? 'primary' : 'default'} disabled={!dirty} loading={busy} onClick={save}>
            {m.save}
          </Button>
        </td>
      </tr>
      {error && (
        <tr>
          <td colSpan={8}>
            <Alert type="error" showIcon role="alert" title={error} />
          </td>
        </tr>
      )}
    </>
  );
}
