/** The dialogs of the national indices page: a year's result (with components) and a year's target. */
import { ExternalIndexResultRequest, ExternalIndexTargetRequest } from '@parindex/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, InputNumber, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import type { Lang } from '../../app/messages.ts';
import { send } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { type Component, EXTERNAL_KEY, type IndexSeries, type YearRow } from '../external/external.api.ts';
import type { ExternalIndicesMessages } from './external-indices.messages.ts';
import { useW } from './work-common.tsx';

export type Editing = { kind: 'result' | 'target'; series: IndexSeries; year: number | null; row: YearRow | null } | null;

/** A component as the form holds it: each field of the server's component as the text typed. */
type CompDraft = Record<keyof Component, string>;

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

function parseYear(text: string): number | null {
  const n = Number(text.trim());
  return /^\d{4}$/.test(text.trim()) && n >= 2000 && n <= 2100 ? n : null;
}

function intOrNull(text: string): number | null | 'bad' {
  const s = text.trim();
  if (!s) return null;
  return /^\d{1,3}$/.test(s) ? Number(s) : 'bad';
}

/** What the server would refuse in a body, by its own schema: the page's words for a rank, else the schema's (Vietnamese) message; null when it fits. */
function problem(m: ExternalIndicesMessages, schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, body: unknown): string | null {
  const r = schema.safeParse(body);
  const issue = r.success ? undefined : r.error?.issues[0];
  if (!issue) return null;
  const field = issue.path[0];
  if (field === 'rank' || field === 'rankOf' || field === 'targetRank') return m.notNumber(field === 'rankOf' ? m.rankOf : field === 'rank' ? m.rank : m.targetRank);
  return issue.message;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="ext-field">
      <span className="setup-label">{label}</span>
      {children}
    </label>
  );
}

export function ResultModal({ m, lang, editing, onClose }: { m: ExternalIndicesMessages; lang: Lang; editing: NonNullable<Editing>; onClose: () => void }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const r = editing.row?.result ?? null;
  const show = (v: string | null | undefined) => (v == null ? '' : lang === 'vi' ? v.replace('.', ',') : v);
  const [year, setYear] = useState(editing.year ? String(editing.year) : '');
  const [value, setValue] = useState(show(r?.value));
  const [maxValue, setMaxValue] = useState(show(r?.maxValue ?? editing.series.defaultMax));
  const [rank, setRank] = useState(r?.rank ? String(r.rank) : '');
  const [rankOf, setRankOf] = useState(r?.rankOf ? String(r.rankOf) : '');
  const [grade, setGrade] = useState(r?.grade ?? '');
  const [source, setSource] = useState(r?.source ?? '');
  const [comps, setComps] = useState<CompDraft[]>((r?.components ?? []).map((c) => ({ code: c.code, name: c.name, value: show(c.value), max: show(c.max) })));
  const { busy, error, setError, run } = useAction();

  const setComp = (i: number, patch: Partial<CompDraft>) => setComps((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  async function save() {
    setError(null);
    const y = parseYear(year);
    if (y === null) return setError(m.needYear);
    if (!value.trim()) return setError(m.needValue);
    const rk = intOrNull(rank);
    const rkOf = intOrNull(rankOf);
    if (rk === 'bad') return setError(m.notNumber(m.rank));
    if (rkOf === 'bad') return setError(m.notNumber(m.rankOf));
    const body = {
      value: value.trim(),
      maxValue: blankToNull(maxValue),
      rank: rk,
      rankOf: rkOf,
      grade: blankToNull(grade),
      source: blankToNull(source),
      components: comps
        .filter((c) => c.code.trim() || c.name.trim() || c.value.trim())
        .map((c) => ({ code: c.code.trim(), name: c.name.trim(), value: c.value.trim(), max: blankToNull(c.max) })),
    };
    const refused = problem(m, ExternalIndexResultRequest, body);
    if (refused) return setError(refused);
    await run(async () => {
      await send('PUT', `/api/work/external-indices/${editing.series.code}/${y}`, body);
      await client.invalidateQueries({ queryKey: EXTERNAL_KEY });
      message.success(m.saved);
      onClose();
    });
  }

  return (
    <Modal open width={760} title={m.resultTitle(editing.series.short, parseYear(year))} onCancel={onClose} onOk={save} okText={m.save} cancelText={m.cancel} confirmLoading={busy}>
      <div className="setup-row">
        <Field label={m.year}>
          <Input value={year} onChange={(e) => setYear(e.target.value)} disabled={editing.year !== null} style={{ width: 90 }} inputMode="numeric" />
        </Field>
        <Field label={m.value}>
          <Input value={value} onChange={(e) => setValue(e.target.value)} style={{ width: 140 }} inputMode="decimal" />
        </Field>
        <Field label={m.maxValue}>
          <Input value={maxValue} onChange={(e) => setMaxValue(e.target.value)} style={{ width: 100 }} inputMode="decimal" />
        </Field>
        <Field label={m.rank}>
          <Input value={rank} onChange={(e) => setRank(e.target.value)} style={{ width: 80 }} inputMode="numeric" />
        </Field>
        <Field label={m.rankOf}>
          <Input value={rankOf} onChange={(e) => setRankOf(e.target.value)} style={{ width: 90 }} inputMode="numeric" />
        </Field>
        <Field label={m.grade}>
          <Input value={grade} onChange={(e) => setGrade(e.target.value)} style={{ width: 120 }} />
        </Field>
      </div>
      <Field label={m.source}>
        <Input value={source} onChange={(e) => setSource(e.target.value)} />
      </Field>
      <h4 style={{ marginTop: 16 }}>{m.components}</h4>
      {comps.length > 0 && (
        <table className="ext-comps">
          <thead>
            <tr>
              <th>{m.compCode}</th>
              <th>{m.compName}</th>
              <th>{m.compValue}</th>
              <th>{m.compMax}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {comps.map((c, i) => (
              <tr key={i}>
                <td><Input aria-label={`${m.compCode} ${i + 1}`} value={c.code} onChange={(e) => setComp(i, { code: e.target.value })} style={{ width: 70 }} /></td>
                <td><Input aria-label={`${m.compName} ${i + 1}`} value={c.name} onChange={(e) => setComp(i, { name: e.target.value })} /></td>
                <td><Input aria-label={`${m.compValue} ${i + 1}`} value={c.value} onChange={(e) => setComp(i, { value: e.target.value })} style={{ width: 80 }} inputMode="decimal" /></td>
                <td><Input aria-label={`${m.compMax} ${i + 1}`} value={c.max} onChange={(e) => setComp(i, { max: e.target.value })} style={{ width: 70 }} inputMode="decimal" /></td>
                <td><Button size="small" danger onClick={() => setComps((cs) => cs.filter((_, j) => j !== i))}>{m.remove}</Button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Button size="small" onClick={() => setComps((cs) => [...cs, { code: '', name: '', value: '', max: '' }])}>
        {m.addComponent}
      </Button>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

export function TargetModal({ m, editing, onClose }: { m: ExternalIndicesMessages; editing: NonNullable<Editing>; onClose: () => void }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const { lang } = useW();
  const t = editing.row?.target ?? null;
  const [targetRank, setTargetRank] = useState<number | null>(t?.targetRank ?? null);
  const [targetValue, setTargetValue] = useState(t?.targetValue ? (lang === 'vi' ? t.targetValue.replace('.', ',') : t.targetValue) : '');
  const [note, setNote] = useState(t?.note ?? '');
  const { busy, error, setError, run } = useAction();

  async function save() {
    const body = { targetRank, targetValue: blankToNull(targetValue), note: blankToNull(note) };
    const refused = problem(m, ExternalIndexTargetRequest, body);
    if (refused) return setError(refused);
    await run(async () => {
      await send('PUT', `/api/work/external-indices/${editing.series.code}/${editing.year}/target`, body);
      await client.invalidateQueries({ queryKey: EXTERNAL_KEY });
      message.success(m.saved);
      onClose();
    });
  }

  return (
    <Modal open title={m.targetTitle(editing.series.short, editing.year)} onCancel={onClose} onOk={save} okText={m.save} cancelText={m.cancel} confirmLoading={busy}>
      <div className="setup-row">
        <Field label={m.targetRank}>
          <InputNumber min={1} max={999} precision={0} value={targetRank} onChange={(v) => setTargetRank(v ?? null)} style={{ width: 120 }} />
        </Field>
        <Field label={m.targetValue}>
          <Input value={targetValue} onChange={(e) => setTargetValue(e.target.value)} style={{ width: 140 }} inputMode="decimal" />
        </Field>
      </div>
      <Field label={m.note}>
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={500} />
      </Field>
      <p className="work-muted">{m.targetHint}</p>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
    </Modal>
  );
}
