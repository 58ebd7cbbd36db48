/**
 * One leaf of the unit's sheet: the rule's input, the server-computed points, the note, the
 * evidence; autosaved (debounced) with a visible state and a conflict dialog on 409; in the
 * appraisal stage the proposal with its reason and the unit's answer (đồng ý / giải trình).
 */
import { AssessmentTextMax, type LeafInputs, type LeafResponseBody, type SelfEntryBody } from '@parindex/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Radio, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { send } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { type Conflict, ConflictDialog, conflictOf } from './conflict-dialog.tsx';
import { EvidencePanel } from './evidence-panel.tsx';
import { LeafInputControl } from './leaf-inputs.tsx';
import { errorText, fmtPoints, sameDecimal, useW } from './work-common.tsx';
import { type SheetLeaf, type UnitSheet, leafApi, workKeys } from './work.api.ts';

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
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<{ inputs: LeafInputs; note: string } | null>(null);
  const revision = useRef(fromServer.revision);

  const takeServer = useCallback((l: SheetLeaf) => {
    revision.current = l.revision;
    setLeaf(l);
    setInputs(l.inputs ?? {});
    setNote(l.selfNote ?? '');
  }, []);

  // A newer version from the server (reload, someone else's save) replaces the card unless the user is typing.
  useEffect(() => {
    if (fromServer.revision > revision.current && pending.current === null) takeServer(fromServer);
  }, [fromServer, takeServer]);

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
      const updated = await send<SheetLeaf>('PUT', `${leafApi(cycleId, unitId, leaf.code)}/self`, { inputs: clean, note: body.note.trim() ? body.note : null, revision: revision.current } satisfies SelfEntryBody);
      accept(updated);
      setError(null);
      setState(pending.current ? 'dirty' : 'saved');
    } catch (e) {
      setState('error');
      // What was typed stays in the card until the user chooses to reload.
      const c = conflictOf(e, undefined, false);
      if (c) {
        setConflict(c);
        setError(c.message);
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

  /** Drops what is unsaved and shows the leaf as the server now holds it. */
  const refetchCurrent = async () => {
    if (timer.current) clearTimeout(timer.current);
    pending.current = null;
    setState('idle');
    setError(null);
    await client.invalidateQueries({ queryKey: workKeys.sheet(cycleId, unitId) });
    // Taken from the cache directly: an unchanged answer would not re-run the effect above.
    const fresh = client.getQueryData<UnitSheet>(workKeys.sheet(cycleId, unitId))?.leaves.find((l) => l.code === leaf.code);
    if (fresh) takeServer(fresh);
  };
  const reload = async () => {
    setConflict(null);
    await refetchCurrent();
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
                maxLength={AssessmentTextMax.note}
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

      {leaf.proposedPoints !== null && <ProposalBlock cycleId={cycleId} unitId={unitId} leaf={leaf} differs={differs} editable={editableExplanation && differs} onLeaf={accept} revision={revision} onConflict={(c) => {
            setConflict(c);
            void refetchCurrent();
          }} />}

      <ConflictDialog
        conflict={conflict}
        fields={conflict?.reloaded ? ['selfPoints', 'proposedPoints', 'response'] : ['selfPoints', 'selfNote']}
        onClose={() => setConflict(null)}
        onReload={reload}
      />
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
  onConflict: (conflict: Conflict) => void;
}

/** The appraisers' proposal and, when it differs from the unit's score, the unit's answer. */
function ProposalBlock({ cycleId, unitId, leaf, differs, editable, onLeaf, revision, onConflict }: ProposalProps) {
  const { w, lang } = useW();
  const { message } = App.useApp();
  const [response, setResponse] = useState<'accepted' | 'explained' | null>(leaf.response);
  const [text, setText] = useState(leaf.responseText ?? '');
  const { busy, error, run } = useAction();
  // The server's answer replaces the form when it changes (own save, reload after a conflict),
  // but not when evidence is linked: an explanation being typed survives that.
  useEffect(() => {
    setResponse(leaf.response);
    setText(leaf.responseText ?? '');
  }, [leaf.response, leaf.responseText]);

  const save = async () => {
    if (!response) return;
    await run(
      async () => {
        onLeaf(await send<SheetLeaf>('PUT', `${leafApi(cycleId, unitId, leaf.code)}/response`, { response, text: text.trim() || null, revision: revision.current } satisfies LeafResponseBody));
        message.success(w.responseSaved);
      },
      (e) => {
        const c = conflictOf(e, [{ label: w.responseLabel, value: w.responded[response] ?? response }, ...(text.trim() ? [{ label: w.explanationText, value: text }] : [])], true);
        if (c) onConflict(c);
        return c ? null : errorText(e);
      },
    );
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
              <Input.TextArea id={`resp-${leaf.code}`} value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={AssessmentTextMax.reason} placeholder={w.explanationPlaceholder} />
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
