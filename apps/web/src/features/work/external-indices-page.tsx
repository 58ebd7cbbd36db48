/**
 * The national indices (/work/external-indices): the province's PAR Index, SIPAS, PAPI and PCI per
 * year with the target and the gap; the secretariat enters results (with components) and targets,
 * or imports a CSV/XLSX. Leader and administrator read.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, InputNumber, Modal, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import type { Lang } from '../../app/messages.ts';
import { formatExact } from '../../lib/format.ts';
import { send, type SessionUser } from '../../lib/session.ts';
import { EXTERNAL_KEY, type IndexSeries, type YearRow, useExternalIndices } from '../external/external.api.ts';
import { ErrorAlert, errorText, useW } from './work-common.tsx';

const vi = {
  title: 'Chỉ số quốc gia của tỉnh',
  intro: 'Kết quả của tỉnh ở Chỉ số CCHC (PAR Index), SIPAS, PAPI và PCI theo năm, mục tiêu và khoảng cách tới mục tiêu. Thứ hạng càng nhỏ càng tốt.',
  readOnly: 'Chỉ Văn phòng thường trực (tổ thư ký) được nhập số liệu; tài khoản của bạn chỉ xem.',
  forbidden: 'Trang này dành cho tổ thư ký, lãnh đạo và quản trị.',
  colYear: 'Năm',
  colValue: 'Giá trị / tối đa',
  colRank: 'Thứ hạng',
  colGrade: 'Nhóm / xếp loại',
  colTarget: 'Mục tiêu',
  colGap: 'Khoảng cách',
  colActions: 'Thao tác',
  noData: 'Chưa có năm nào.',
  addYear: 'Nhập kết quả một năm',
  editResult: 'Sửa kết quả',
  enterResult: 'Nhập kết quả',
  editTarget: 'Mục tiêu',
  resultTitle: (short: string, year: number | null) => `${short}: kết quả năm ${year ?? '…'}`,
  targetTitle: (short: string, year: number | null) => `${short}: mục tiêu năm ${year ?? '…'}`,
  year: 'Năm',
  value: 'Giá trị (điểm hoặc %)',
  maxValue: 'Tối đa',
  rank: 'Thứ hạng',
  rankOf: 'Trên số tỉnh',
  grade: 'Nhóm / xếp loại',
  source: 'Nguồn',
  components: 'Chỉ số thành phần',
  compCode: 'Mã',
  compName: 'Tên',
  compValue: 'Giá trị',
  compMax: 'Tối đa',
  addComponent: 'Thêm thành phần',
  remove: 'Xoá',
  save: 'Lưu',
  cancel: 'Huỷ',
  saved: 'Đã lưu.',
  targetRank: 'Thứ hạng mục tiêu (vd. 20 = top 20)',
  targetValue: 'Giá trị mục tiêu',
  note: 'Ghi chú',
  targetHint: 'Để trống cả thứ hạng và giá trị để bỏ mục tiêu.',
  needYear: 'Hãy ghi năm (2000–2100).',
  needValue: 'Hãy ghi giá trị.',
  notNumber: (field: string) => `"${field}" phải là số nguyên.`,
  importTitle: 'Nhập từ tệp CSV/XLSX',
  importHint: 'Mỗi dòng một chỉ số × năm; cột bắt buộc: Chỉ số, Năm, Giá trị (xem mẫu trong tài liệu). Nếu có lỗi, không dòng nào được lưu.',
  importBtn: 'Tải lên và nhập',
  chooseFile: 'Chọn tệp…',
  noFile: 'Chưa chọn tệp',
  imported: (n: number) => `Đã nhập ${n} dòng.`,
  top: (n: number) => `top ${n}`,
  met: 'Đạt',
  placesShort: (n: number) => `còn ${n} bậc`,
  placesAhead: (n: number) => `vượt ${n} bậc`,
  valueShort: (v: string) => `thiếu ${v}`,
  valueAhead: (v: string) => `vượt ${v}`,
};
const en: typeof vi = {
  title: "The province's national indices",
  intro: "The province's results in the PAR Index, SIPAS, PAPI and PCI per year, the target and the gap to it. A lower rank is better.",
  readOnly: 'Only the secretariat enters figures; your account can read.',
  forbidden: 'This page is for the secretariat, leaders and administrators.',
  colYear: 'Year',
  colValue: 'Value / max',
  colRank: 'Rank',
  colGrade: 'Group / grade',
  colTarget: 'Target',
  colGap: 'Gap',
  colActions: 'Actions',
  noData: 'No years yet.',
  addYear: 'Enter a year',
  editResult: 'Edit result',
  enterResult: 'Enter result',
  editTarget: 'Target',
  resultTitle: (short, year) => `${short}: result for ${year ?? '…'}`,
  targetTitle: (short, year) => `${short}: target for ${year ?? '…'}`,
  year: 'Year',
  value: 'Value (points or %)',
  maxValue: 'Maximum',
  rank: 'Rank',
  rankOf: 'Out of (provinces)',
  grade: 'Group / grade',
  source: 'Source',
  components: 'Components',
  compCode: 'Code',
  compName: 'Name',
  compValue: 'Value',
  compMax: 'Max',
  addComponent: 'Add component',
  remove: 'Remove',
  save: 'Save',
  cancel: 'Cancel',
  saved: 'Saved.',
  targetRank: 'Target rank (e.g. 20 = top 20)',
  targetValue: 'Target value',
  note: 'Note',
  targetHint: 'Leave both rank and value empty to remove the target.',
  needYear: 'Enter the year (2000–2100).',
  needValue: 'Enter the value.',
  notNumber: (field) => `"${field}" must be a whole number.`,
  importTitle: 'Import from CSV/XLSX',
  importHint: 'One row per index × year; required columns: Chỉ số, Năm, Giá trị (see the template in the docs). On any error nothing is saved.',
  importBtn: 'Upload and import',
  chooseFile: 'Choose file…',
  noFile: 'No file chosen',
  imported: (n) => `Imported ${n} rows.`,
  top: (n) => `top ${n}`,
  met: 'Met',
  placesShort: (n) => `${n} places short`,
  placesAhead: (n) => `${n} places ahead`,
  valueShort: (v) => `${v} short`,
  valueAhead: (v) => `${v} above`,
};
const messages: Record<Lang, typeof vi> = { vi, en };
type M = typeof vi;

const fx = (v: string | null | undefined, lang: Lang) => (v == null ? '—' : formatExact(v, lang));
const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());
const isNeg = (v: string) => v.trim().startsWith('-');
const stripNeg = (v: string) => v.trim().replace(/^-/, '');

function gapText(row: YearRow, m: M, lang: Lang) {
  const g = row.gap;
  if (!g) return <span className="work-muted">—</span>;
  const parts: string[] = [];
  if (g.rank !== null) parts.push(g.rank > 0 ? m.placesShort(g.rank) : g.rank < 0 ? m.placesAhead(-g.rank) : m.met);
  if (g.value !== null) parts.push(isNeg(g.value) ? m.valueAhead(fx(stripNeg(g.value), lang)) : /^0(\.0*)?$/.test(g.value) ? m.met : m.valueShort(fx(g.value, lang)));
  return (
    <span>
      {g.met === true && <Tag color="green">{m.met}</Tag>}
      {g.met === false && <Tag color="orange">{parts.join('; ')}</Tag>}
      {g.met === null && parts.join('; ')}
      {g.met === true && parts.filter((p) => p !== m.met).join('; ')}
    </span>
  );
}

interface CompDraft {
  code: string;
  name: string;
  value: string;
  max: string;
}

type Editing = { kind: 'result' | 'target'; series: IndexSeries; year: number | null; row: YearRow | null } | null;

export function ExternalIndicesPage({ user }: { user: SessionUser }) {
  const m = useFeatureMessages(messages);
  const { lang } = useW();
  const list = useExternalIndices();
  const [editing, setEditing] = useState<Editing>(null);
  const allowed = user.role === 'secretariat' || user.role === 'leader' || user.role === 'admin';
  const canEdit = user.role === 'secretariat';
  if (!allowed) return <Alert type="warning" showIcon title={m.forbidden} />;

  const columns = (s: IndexSeries): TableColumnsType<YearRow> => [
    { key: 'year', title: m.colYear, width: 70, render: (_, r) => <strong>{r.year}</strong> },
    { key: 'value', title: m.colValue, render: (_, r) => (r.result ? `${fx(r.result.value, lang)}${s.unit === 'percent' ? '%' : ''} / ${fx(r.result.maxValue ?? s.defaultMax, lang)}` : '—') },
    { key: 'rank', title: m.colRank, render: (_, r) => (r.result?.rank ? `${r.result.rank}${r.result.rankOf ? `/${r.result.rankOf}` : ''}` : '—') },
    { key: 'grade', title: m.colGrade, render: (_, r) => r.result?.grade ?? '—' },
    {
      key: 'target',
      title: m.colTarget,
      render: (_, r) =>
        r.target ? [r.target.targetRank ? m.top(r.target.targetRank) : null, r.target.targetValue ? `≥ ${fx(r.target.targetValue, lang)}` : null].filter(Boolean).join('; ') || '—' : '—',
    },
    { key: 'gap', title: m.colGap, render: (_, r) => gapText(r, m, lang) },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: m.colActions,
            width: 220,
            render: (_: unknown, r: YearRow) => (
              <span className="ext-actions">
                <Button size="small" onClick={() => setEditing({ kind: 'result', series: s, year: r.year, row: r })}>
                  {r.result ? m.editResult : m.enterResult}
                </Button>{' '}
                <Button size="small" onClick={() => setEditing({ kind: 'target', series: s, year: r.year, row: r })}>
                  {m.editTarget}
                </Button>
              </span>
            ),
          },
        ]
      : []),
  ];

  return (
    <section aria-labelledby="ext-title" className="setup">
      <h2 id="ext-title">{m.title}</h2>
      <p className="work-muted">{m.intro}</p>
      {!canEdit && <Alert type="info" showIcon title={m.readOnly} style={{ marginBottom: 12 }} />}
      {canEdit && <ImportCard m={m} />}
      {list.isPending && <Skeleton active />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      {list.data?.map((s) => (
        <Card
          key={s.code}
          size="small"
          style={{ marginBottom: 16 }}
          title={<h3 style={{ margin: 0, fontSize: 16 }}>{s.name.includes(s.short) ? s.name : `${s.short} — ${s.name}`}</h3>}
          extra={canEdit ? <Button onClick={() => setEditing({ kind: 'result', series: s, year: null, row: null })}>{m.addYear}</Button> : null}
        >
          <Table
            size="small"
            rowKey="year"
            aria-label={s.name}
            columns={columns(s)}
            dataSource={[...s.years].sort((a, b) => b.year - a.year)}
            pagination={false}
            locale={{ emptyText: m.noData }}
          />
        </Card>
      ))}
      {editing?.kind === 'result' && <ResultModal m={m} lang={lang} editing={editing} onClose={() => setEditing(null)} />}
      {editing?.kind === 'target' && <TargetModal m={m} editing={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function parseYear(text: string): number | null {
  const n = Number(text.trim());
  return /^\d{4}$/.test(text.trim()) && n >= 2000 && n <= 2100 ? n : null;
}

function intOrNull(text: string): number | null | 'bad' {
  const s = text.trim();
  if (!s) return null;
  return /^\d{1,3}$/.test(s) ? Number(s) : 'bad';
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="ext-field">
      <span className="setup-label">{label}</span>
      {children}
    </label>
  );
}

function ResultModal({ m, lang, editing, onClose }: { m: M; lang: Lang; editing: NonNullable<Editing>; onClose: () => void }) {
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
    setBusy(true);
    try {
      await send('PUT', `/api/work/external-indices/${editing.series.code}/${y}`, body);
      await client.invalidateQueries({ queryKey: EXTERNAL_KEY });
      message.success(m.saved);
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
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

function TargetModal({ m, editing, onClose }: { m: M; editing: NonNullable<Editing>; onClose: () => void }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const { lang } = useW();
  const t = editing.row?.target ?? null;
  const [targetRank, setTargetRank] = useState<number | null>(t?.targetRank ?? null);
  const [targetValue, setTargetValue] = useState(t?.targetValue ? (lang === 'vi' ? t.targetValue.replace('.', ',') : t.targetValue) : '');
  const [note, setNote] = useState(t?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    setError(null);
    setBusy(true);
    try {
      await send('PUT', `/api/work/external-indices/${editing.series.code}/${editing.year}/target`, { targetRank, targetValue: blankToNull(targetValue), note: blankToNull(note) });
      await client.invalidateQueries({ queryKey: EXTERNAL_KEY });
      message.success(m.saved);
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
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

function ImportCard({ m }: { m: M }) {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload() {
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const res = await send<{ saved: number }>('POST', '/api/work/external-indices/import', form);
      setResult({ ok: true, text: m.imported(res.saved) });
      await client.invalidateQueries({ queryKey: EXTERNAL_KEY });
    } catch (e) {
      setResult({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" style={{ marginBottom: 16 }} title={<h3 style={{ margin: 0, fontSize: 16 }}>{m.importTitle}</h3>}>
      <p className="work-muted">{m.importHint}</p>
      <div className="sheet__toolbar">
        <label className="ext-file">
          {m.chooseFile}
        <input
          type="file"
          className="ext-file__input"
          aria-label={m.chooseFile}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
          }}
        />
        </label>
        <span className={file ? undefined : 'work-muted'}>{file ? file.name : m.noFile}</span>
        <Button type="primary" disabled={!file} loading={busy} onClick={upload}>
          {m.importBtn}
        </Button>
      </div>
      {result && <Alert type={result.ok ? 'success' : 'error'} showIcon role={result.ok ? 'status' : 'alert'} title={result.text} />}
    </Card>
  );
}
