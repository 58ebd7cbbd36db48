/** The desk's dialogs: return a submitted sheet with a reason, remind the selected units. */
import type { NotificationsSent, ReminderBody } from '@parindex/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Input, Modal } from 'antd';
import { useState } from 'react';
import { send } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { useW } from './work-common.tsx';
import { type BoardUnit, cycleApi, unitApi, workKeys } from './work.api.ts';

export function ReturnModal({ cycleId, unit, onClose }: { cycleId: string; unit: BoardUnit; onClose: () => void }) {
  const { w } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const ok = async () => {
    if (!reason.trim()) return setError(w.returnReasonRequired);
    const done = await run(() => send('POST', `${unitApi(cycleId, unit.unitId)}/return`, { reason: reason.trim() }));
    if (!done) return;
    message.success(w.returned);
    void client.invalidateQueries({ queryKey: workKeys.board(cycleId) });
    onClose();
  };
  return (
    <Modal open title={w.returnTitle(unit.unitName)} onCancel={onClose} onOk={ok} okText={w.returnAction} cancelText={w.cancel} confirmLoading={busy}>
      <label htmlFor="return-reason">{w.returnReason}</label>
      <Input.TextArea id="return-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3 }} maxLength={2000} />
      {error && <div className="work-error" role="alert">{error}</div>}
    </Modal>
  );
}

export function RemindModal({ cycleId, unitIds, onClose, onSent }: { cycleId: string; unitIds: string[]; onClose: () => void; onSent: () => void }) {
  const { w } = useW();
  const { message } = App.useApp();
  const [text, setText] = useState(w.remindDefault);
  const { busy, error, run } = useAction();
  const ok = () =>
    run(async () => {
      const body: ReminderBody = { unitIds, message: text.trim() };
      const res = await send<NotificationsSent>('POST', `${cycleApi(cycleId)}/reminders`, body);
      message.success(w.reminded(res.inApp));
      onSent();
      onClose();
    });
  return (
    <Modal open title={w.remindTitle} onCancel={onClose} onOk={ok} okText={w.remindSelected(unitIds.length)} cancelText={w.cancel} confirmLoading={busy} okButtonProps={{ disabled: !text.trim() }}>
      <label htmlFor="remind-text">{w.remindMessage}</label>
      <Input.TextArea id="remind-text" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 3 }} maxLength={1000} />
      {error && <div className="work-error" role="alert">{error}</div>}
    </Modal>
  );
}
