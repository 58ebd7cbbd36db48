/**
 * The answer to a stale save (409: someone saved the same leaf since this page loaded): what the
 * server now holds, what the user typed (not saved), and either a reload button or — where the
 * page reloads the row itself — a note that it did. One dialog for every form that saves a leaf.
 */
import { Button, Descriptions, Modal } from 'antd';
import { ApiError } from '../../lib/api.ts';
import { fmtDateTime, fmtPoints, useW } from './work-common.tsx';

export type ConflictField = 'selfPoints' | 'selfNote' | 'proposedPoints' | 'proposedReason' | 'response' | 'councilPoints';

export interface Conflict {
  message: string;
  /** The leaf's row as the server holds it now (null when it has none yet). */
  current: Record<string, unknown> | null;
  /** What the user typed, to copy back after the reload. */
  yours?: { label: string; value: string }[];
  /** True when the page has already refetched the row; false when the user chooses to reload. */
  reloaded: boolean;
}

/** The 409 of a stale save as a Conflict, or null for any other failure. */
export function conflictOf(error: unknown, yours: Conflict['yours'], reloaded: boolean): Conflict | null {
  if (!(error instanceof ApiError) || error.status !== 409 || !error.details || !('current' in error.details)) return null;
  return { message: error.message, current: (error.details.current as Record<string, unknown> | null) ?? null, yours, reloaded };
}

interface Props {
  conflict: Conflict | null;
  fields: ConflictField[];
  onClose: () => void;
  /** Shown as "Tải lại" when the conflict is not reloaded yet. */
  onReload?: () => void;
}

export function ConflictDialog({ conflict, fields, onClose, onReload }: Props) {
  const { w, lang } = useW();
  const cur = conflict?.current ?? {};
  const str = (k: string) => (typeof cur[k] === 'string' ? (cur[k] as string) : null);
  const value = (f: ConflictField): string => {
    if (f === 'response') {
      const r = str('response');
      return r ? `${w.responded[r] ?? r}${str('responseText') ? ` — ${str('responseText')}` : ''}` : '—';
    }
    if (f === 'selfNote' || f === 'proposedReason') return str(f) ?? '—';
    return fmtPoints(str(f), lang);
  };
  const label: Record<ConflictField, string> = {
    selfPoints: w.selfPoints,
    selfNote: w.note,
    proposedPoints: w.proposedPoints,
    proposedReason: `${w.proposedPoints} — ${w.reason.toLowerCase()}`,
    response: w.responseLabel,
    councilPoints: w.councilPoints,
  };
  const reloadable = !!conflict && !conflict.reloaded && !!onReload;
  return (
    <Modal
      open={conflict !== null}
      title={w.conflictTitle}
      onCancel={onClose}
      footer={
        reloadable
          ? [
              <Button key="c" onClick={onClose}>
                {w.close}
              </Button>,
              <Button key="r" type="primary" onClick={onReload}>
                {w.reload}
              </Button>,
            ]
          : [
              <Button key="c" type="primary" onClick={onClose}>
                {w.close}
              </Button>,
            ]
      }
    >
      {conflict && (
        <>
          <p>{conflict.message}</p>
          <p>{conflict.reloaded ? w.conflictReloaded : w.conflictBody}</p>
          <Descriptions
            size="small"
            column={1}
            bordered
            title={w.conflictCurrent}
            items={[
              ...fields.map((f) => ({ key: f, label: label[f], children: value(f) })),
              { key: 'updatedAt', label: w.updatedAt, children: fmtDateTime(str('updatedAt')) },
            ]}
          />
          {conflict.yours && conflict.yours.length > 0 && (
            <Descriptions
              className="work-section"
              size="small"
              column={1}
              bordered
              title={w.conflictYours}
              items={conflict.yours.map((y, i) => ({ key: String(i), label: y.label, children: y.value || '—' }))}
            />
          )}
        </>
      )}
    </Modal>
  );
}
