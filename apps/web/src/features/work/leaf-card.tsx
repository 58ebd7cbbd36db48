/**
 * One leaf of the unit's sheet: the rule's input, the server-computed points, the note, the
 * evidence; autosaved (debounced) with a visible state and a conflict dialog on 409; in the
 * appraisal stage the proposal with its reason and the unit's answer (đồng ý / giải trình).
 */
import type { LeafInputs } from '@parindex/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Input, Modal, Radio, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/api.ts';
import { send } from '../../lib/session.ts';
import { EvidencePanel } from './evidence-panel.tsx';
import { LeafInputControl } from './leaf-inputs.tsx';
import { errorText, fmtPoints, sameDecimal, useW } from './work-common.tsx';
import { type SheetLeaf, leafApi, workKeys } from './work.api.ts';

type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

interface Props {
  cycleId: string;
  unitId: string;
  leaf: SheetLeaf;
  editableSelf: boolean;
  editableExplanation: boolean;
  onHistory: (code: string) => void;
}

const AUTOSAVE_MS = 700;

export function LeafCard({ cycleId, unitId, leaf: fromServer, editableSelf, editableExplanation, onHistory }: Props) {
  const { w, lang } = useW();
  const client = useQueryClient();
  const [leaf, setLeaf] = useState(fromServer);
  const [inputs, setInputs] = useState<LeafInputs>(fromServer.inputs ?? {});
  const [note, setNote] = useState(fromServer.selfNote ?? '');
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Record<string, unknown> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<{ inputs: LeafInputs; note: string } | null>(null);
  const revision = useRef(fromServer.revision);

  // A newer version from the server (reload, someone else's save) replaces the card unless the user is typing.
  useEffect(() => {
    if (fromServer.revision > revision.current && pending.current === null) {
      revision.current = fromServer.revision;
      setLeaf(fromServer);
      setInputs(fromServer.inputs ?? {});
      setNote(fromServer.selfNote ?? '');
    }
  }, [fromServer]);

  const accept = useCallback(
    (updated: SheetLeaf) => {
      revision.current = updated.revision;
      setLeaf(updated);
      void client.invalidateQueries({ queryKey: workKeys.sheet(cycleId, unitId) });
    },
    [client, cycleId, unitId],
  );

  const save = useCallback(async () => {
    const body = pending.current;
    if (!body) return;
    pending.current = null;
    setState('saving');
    try {
      const { hasEvidence: _h, explanationAccepted: _e, ...clean } = body.inputs;
      const updated = await send<SheetLeaf>('PUT', `${leafApi(cycleId, unitId, leaf.code)}/self`, { inputs: clean, note: body.note.trim() ? body.note : null, revision: revision.current });
      accept(updated);
      setError(null);
      setState(pending.current ? 'dirty' : 'saved');
    } catch (e) {
      setState('error');
      if (e instanceof ApiError && e.status === 409 && e.details && 'current' in e.details) {
        setConflict((e.details.current as Record<string, unknown> | null) ?? {});
        setError(e.message);
      } else setError(errorText(e));
    }
  }, [accept, cycleId, unitId, leaf.code]);

  const schedule = (next: { inputs: LeafInputs; note: string }) => {
    pending.current = next;
    setState('dirty');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  };

  // Flush on unmount (a collapsed group, leaving the page) so nothing typed is lost.
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (pending.current) void save();
    },
    [save],
  );

  const reload = async () => {
    setConflict(null);
    pending.current = null;
    revision.current = -1; // accept whatever the server now has
    setState('idle');
    setError(null);
    await client.invalidateQueries({ queryKey: workKeys.sheet(cycleId, unitId) });
  };

  const survey = leaf.source === 'survey';
  const differs = leaf.proposedPoints !== null && !sameDecimal(leaf.proposedPoints, leaf.selfPoints);
  const id = `leaf-${leaf.code.replace(/\./g, '-')}`;

  return (
    <article className={`leaf-card${leaf.problems.length ? ' has-problems' : ''}`} aria-labelledby={`${id}-title`} id={id}>
      <header className="leaf-card__head">
        <h4 id={`${id}-title`} className="leaf-card__title">
          <span className="leaf-card__code">{leaf.code}</span> {leaf.title}
        </h4>
        <div className="leaf-card__meta">
          {leaf.effect === 'bonus' && <Tag color="green">{w.bonus}</Tag>}
          {leaf.effect === 'deduction' && <Tag color="red">{w.deduction}</Tag>}
          <span className="work-muted">
            {w.maxPoints}: {fmtPoints(leaf.max, lang)}
          </span>
          <Button size="small" type="link" onClick={() => onHistory(leaf.code)} aria-label={`${w.history} ${leaf.code}`}>
            {w.history}
          </Button>
        </div>
      </header>

      <div className="leaf-card__body">
        <div className="leaf-card__input">
          {survey ? (
            <p className="work-muted">{w.surveyLeaf}</p>
          ) : (
            <LeafInputControl id={id} rule={leaf.rule} max={leaf.max} value={inputs} disabled={!editableSelf} onChange={(next) => {
              setInputs(next);
              schedule({ inputs: next, note });
            }} />
          )}
          {!survey && (
            <label className="leaf-card__note" htmlFor={`${id}-note`}>
              <span>{w.note}</span>
              <Input.TextArea
                id={`${id}-note`}
                value={note}
                disabled={!editableSelf}
                autoSize={{ minRows: 1, maxRows: 6 }}
                maxLength={5000}
                placeholder={editableSelf ? w.notePlaceholder : undefined}
                onChange={(e) => {
                  setNote(e.target.value);
                  schedule({ inputs, note: e.target.value });
                }}
              />
            </label>
          )}
        </div>
        <div className="leaf-card__score" aria-live="polite">
          <div className="work-muted work-small">{w.computed}</div>
          <div className="leaf-card__points">{leaf.selfPoints !== null ? fmtPoints(leaf.selfPoints, lang) : <span className="work-muted">{w.notComputed}</span>}</div>
          <SaveBadge state={state} />
        </div>
      </div>
      {error && state === 'error' && !conflict && <p className="work-error" role="alert">{error}</p>}
      {leaf.problems.length > 0 && (
        <ul className="work-warn work-small">
          {leaf.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}

      {!survey && <EvidencePanel cycleId={cycleId} unitId={unitId} leaf={leaf} editable={editableSelf || editableExplanation} onLeaf={accept} />}

      {leaf.proposedPoints !== null && <ProposalBlock cycleId={cycleId} unitId={unitId} leaf={leaf} differs={differs} editable={editableExplanation && differs} onLeaf={accept} revision={revision} />}

      <Modal
        open={conflict !== null}
        title={w.conflictTitle}
        onCancel={() => setConflict(null)}
        footer={[
          <Button key="c" onClick={() => setConflict(null)}>
            {w.close}
          </Button>,
          <Button key="r" type="primary" onClick={reload}>
            {w.reload}
          </Button>,
        ]}
      >
        <p>{error}</p>
        <p>{w.conflictBody}</p>
        {conflict && (
          <Descriptions
            size="small"
            column={1}
            bordered
            title={w.conflictCurrent}
            items={[
              { key: 'p', label: w.computed, children: fmtPoints((conflict.selfPoints as string | null) ?? null, lang) },
              { key: 'n', label: w.note, children: (conflict.selfNote as string | null) ?? '—' },
              { key: 'u', label: 'Cập nhật', children: (conflict.updatedAt as string | undefined)?.replace('T', ' ').slice(0, 16) ?? '—' },
            ]}
          />
        )}
      </Modal>
    </article>
  );
}

function SaveBadge({ state }: { state: SaveState }) {
  const { w } = useW();
  const text = { idle: '', dirty: w.unsaved, saving: w.saving, saved: w.saved, error: w.saveFailed }[state];
  if (!text) return null;
  return (
    <span className={`save-badge save-badge--${state}`} role="status">
      {state === 'saved' ? '✓ ' : ''}
      {text}
    </span>
  );
}

interface ProposalProps {
  cycleId: string;
  unitId: string;
  leaf: SheetLeaf;
  differs: boolean;
  editable: boolean;
  onLeaf: (leaf: SheetLeaf) => void;
  revision: React.MutableRefObject<number>;
}

/** The appraisers' proposal and, when it differs from the unit's score, the unit's answer. */
function ProposalBlock({ cycleId, unitId, leaf, differs, editable, onLeaf, revision }: ProposalProps) {
  const { w, lang } = useW();
  const { message } = App.useApp();
  const [response, setResponse] = useState<'accepted' | 'explained' | null>(leaf.response);
  const [text, setText] = useState(leaf.responseText ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (!response) return;
    setBusy(true);
    setError(null);
    try {
      onLeaf(await send<SheetLeaf>('PUT', `${leafApi(cycleId, unitId, leaf.code)}/response`, { response, text: text.trim() || null, revision: revision.current }));
      message.success(w.responseSaved);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={`leaf-proposal${differs ? ' is-different' : ''}`} aria-label={w.proposedPoints}>
      <div className="leaf-proposal__scores">
        <span>
          {w.selfPoints}: <strong>{fmtPoints(leaf.selfPoints, lang)}</strong>
        </span>
        <span>
          {w.proposedPoints}: <strong>{fmtPoints(leaf.proposedPoints, lang)}</strong>
        </span>
        {leaf.councilPoints !== null && (
          <span>
            {w.councilPoints}: <strong>{fmtPoints(leaf.councilPoints, lang)}</strong>
          </span>
        )}
        {leaf.finalPoints !== null && (
          <span>
            {w.finalPoints}: <strong>{fmtPoints(leaf.finalPoints, lang)}</strong>
          </span>
        )}
      </div>
      {leaf.proposedReason && (
        <p>
          {w.reason}: {leaf.proposedReason}
          {leaf.proposedBy && <span className="work-muted"> — {w.proposedBy(leaf.proposedBy)}</span>}
        </p>
      )}
      {leaf.councilReason && (
        <p>
          {w.councilPoints} — {w.reason}: {leaf.councilReason}
        </p>
      )}
      {editable ? (
        <div className="leaf-proposal__answer">
          <Radio.Group aria-label={w.responseLabel} value={response} onChange={(e) => setResponse(e.target.value as 'accepted' | 'explained')}>
            <Radio value="accepted">{w.accept}</Radio>
            <Radio value="explained">{w.explain}</Radio>
          </Radio.Group>
          {response === 'explained' && (
            <label htmlFor={`resp-${leaf.code}`} className="leaf-card__note">
              <span>{w.explanationText}</span>
              <Input.TextArea id={`resp-${leaf.code}`} value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} placeholder={w.explanationPlaceholder} />
            </label>
          )}
          <div>
            <Button type="primary" ghost onClick={save} loading={busy} disabled={!response || (response === 'explained' && !text.trim())}>
              {w.saveResponse}
            </Button>
            {leaf.response && <Tag className="work-gap-left">{w.responded[leaf.response]}</Tag>}
          </div>
          {error && <p className="work-error" role="alert">{error}</p>}
        </div>
      ) : (
        leaf.response && (
          <p>
            <Tag>{w.responded[leaf.response]}</Tag> {leaf.responseText}
          </p>
        )
      )}
    </section>
  );
}
