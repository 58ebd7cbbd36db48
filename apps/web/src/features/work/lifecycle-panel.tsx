/**
 * The stage gates on the secretariat's board: the checklist of the next stage (each item with its
 * count and links to the units concerned), the transition dialog — which lists unmet items and
 * offers "Chuyển giai đoạn dù chưa đạt" with a required reason — and the overrides on record.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Input, List, Modal, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { Link } from '../../app/router.tsx';
import { send } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { lifecycleMessages } from './lifecycle.messages.ts';
import { ErrorAlert, fmtDateTime, useW } from './work-common.tsx';
import { type Checklist, type GateItem, type WorkCycle, cycleApi, useChecklist, useGateOverrides } from './work.api.ts';

const MIN_REASON = 10;
const SHOWN_UNITS = 12;

function GateItemRow({ cycleId, item }: { cycleId: string; item: GateItem }) {
  const m = useFeatureMessages(lifecycleMessages);
  const base = `/work/cycles/${encodeURIComponent(cycleId)}`;
  return (
    <List.Item className="gate-item" data-code={item.code}>
      <div>
        <Tag color={item.ok ? 'green' : 'red'}>{item.ok ? m.met : m.unmet}</Tag>
        <strong>{item.label}</strong>
        {item.count && <span className="work-muted"> — {item.count}</span>}
        {!item.ok && !item.overridable && <Tag color="volcano" className="work-gap-left">{m.cannotOverride}</Tag>}
        {!item.ok && item.units.length > 0 && (
          <div className="gate-item__units work-small">
            {item.units.slice(0, SHOWN_UNITS).map((u, i) => (
              <span key={u.id}>
                {i > 0 && ' · '}
                <Link href={`${base}/units/${encodeURIComponent(u.id)}`} aria-label={m.openSheet(u.name)}>
                  {u.name}
                </Link>
              </span>
            ))}
            {item.units.length > SHOWN_UNITS && <span className="work-muted"> {m.moreUnits(item.units.length - SHOWN_UNITS)}</span>}
          </div>
        )}
      </div>
    </List.Item>
  );
}

function ChecklistItems({ cycleId, checklist, unmetOnly = false }: { cycleId: string; checklist: Checklist; unmetOnly?: boolean }) {
  const items = unmetOnly ? checklist.items.filter((i) => !i.ok) : checklist.items;
  return <List size="small" dataSource={items} rowKey="code" renderItem={(i) => <GateItemRow cycleId={cycleId} item={i} />} />;
}

/** The checklist of the cycle's next stage, always in view on the board. */
export function ChecklistCard({ cycle, to }: { cycle: WorkCycle; to: string }) {
  const { w } = useW();
  const m = useFeatureMessages(lifecycleMessages);
  const checklist = useChecklist(cycle.id, to);
  const unmet = checklist.data?.items.filter((i) => !i.ok).length ?? 0;
  // A move without conditions (draft → open, published → closed) needs no card.
  if (checklist.data && checklist.data.items.length === 0) return null;
  return (
    <Card className="work-section gate-checklist" title={<h3 className="work-h3">{m.checklistTitle(w.stage[to] ?? to)}</h3>}>
      {checklist.isPending && <Skeleton active />}
      {checklist.isError && <ErrorAlert error={checklist.error} onRetry={() => checklist.refetch()} />}
      {checklist.data && (
        <>
          <Alert type={checklist.data.ok ? 'success' : 'warning'} showIcon title={checklist.data.ok ? m.checklistOk : m.checklistNotOk(unmet)} className="work-gap" />
          <ChecklistItems cycleId={cycle.id} checklist={checklist.data} />
        </>
      )}
    </Card>
  );
}

/** The transition button's dialog: the unmet items, and the override with its required reason. */
export function TransitionDialog({ cycle, to, label, onClose }: { cycle: WorkCycle; to: string; label: string; onClose: () => void }) {
  const { w } = useW();
  const m = useFeatureMessages(lifecycleMessages);
  const { message } = App.useApp();
  const client = useQueryClient();
  const checklist = useChecklist(cycle.id, to);
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const data = checklist.data;
  const blocked = !!data && !data.ok;
  const canOverride = blocked && data.overridable;
  const reasonOk = reason.trim().length >= MIN_REASON;

  const ok = async () => {
    if (blocked && (!overriding || !reasonOk)) return setError(overriding ? m.overrideReasonShort(MIN_REASON) : null);
    const done = await run(async () => {
      await send('POST', `${cycleApi(cycle.id)}/status`, { to, ...(blocked ? { override: { reason: reason.trim() } } : {}) });
      message.success(w.transitioned(w.stage[to] ?? to));
      onClose();
      void client.invalidateQueries({ queryKey: ['work'] });
    });
    // A refused move may be a checklist that changed meanwhile: show its current state.
    if (!done) void checklist.refetch();
  };

  return (
    <Modal
      open
      title={m.dialogTitle(label)}
      onCancel={onClose}
      onOk={ok}
      okText={blocked ? m.override : label}
      cancelText={m.cancel}
      confirmLoading={busy}
      okButtonProps={{ disabled: !data || (blocked && (!canOverride || !overriding || !reasonOk)), danger: blocked }}
      width={720}
      className="transition-dialog"
    >
      {checklist.isPending && <div className="work-muted">{m.loading}</div>}
      {checklist.isError && <ErrorAlert error={checklist.error} onRetry={() => checklist.refetch()} />}
      {data && !blocked && <p>{m.dialogBody}</p>}
      {data && blocked && (
        <>
          <Alert type="warning" showIcon title={m.unmetIntro} className="work-gap" />
          <ChecklistItems cycleId={cycle.id} checklist={data} unmetOnly />
          {canOverride && (
            <div className="work-gap">
              <Checkbox checked={overriding} onChange={(e) => setOverriding(e.target.checked)}>
                {m.override}
              </Checkbox>
              {overriding && (
                <div className="work-gap">
                  <label htmlFor="override-reason">{m.overrideReason}</label>
                  <Input.TextArea id="override-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3 }} maxLength={2000} status={reason && !reasonOk ? 'error' : undefined} />
                  {reason && !reasonOk && <div className="work-muted">{m.overrideReasonShort(MIN_REASON)}</div>}
                </div>
              )}
            </div>
          )}
        </>
      )}
      {error && (
        <div className="work-error" role="alert">
          {error}
        </div>
      )}
    </Modal>
  );
}

/** Stage changes made over an unmet checklist, with their reasons (read from the audit log). */
export function OverridesCard({ cycleId }: { cycleId: string }) {
  const { w } = useW();
  const m = useFeatureMessages(lifecycleMessages);
  const overrides = useGateOverrides(cycleId, true);
  if (!overrides.data?.length && !overrides.isError) return null;
  return (
    <Card className="work-section gate-overrides" title={<h3 className="work-h3">{m.overridesTitle}</h3>}>
      {overrides.isError && <ErrorAlert error={overrides.error} onRetry={() => overrides.refetch()} />}
      <List
        size="small"
        dataSource={overrides.data ?? []}
        renderItem={(o) => (
          <List.Item>
            <div>
              <strong>{m.overrideLine(w.stage[o.from] ?? o.from, w.stage[o.to] ?? o.to)}</strong>{' '}
              <span className="work-muted">{m.overrideBy(o.userName ?? '—', fmtDateTime(o.at))}</span>
              <div>
                {m.reason}: <q>{o.reason}</q>
              </div>
              {o.unmet.length > 0 && (
                <div className="work-small work-muted">
                  {m.unmetAtTheTime}: {o.unmet.map((u) => `${u.label}${u.count ? ` (${u.count})` : ''}`).join('; ')}
                </div>
              )}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
