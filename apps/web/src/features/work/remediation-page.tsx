/**
 * A unit's remediation plan (/work/cycles/:id/units/:unitId/remediation): last year's actions with
 * this year's result on the same criterion (better/worse), this cycle's actions (editable, PATCH per
 * row), and new rows pre-filled from the criteria that lost the most points (POST).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Empty, Input, Select, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import type { Lang } from '../../app/messages.ts';
import { Link } from '../../app/router.tsx';
import { getJson } from '../../lib/api.ts';
import { send, type SessionUser } from '../../lib/session.ts';
import { ErrorAlert, errorText, fmtPoints, useW } from './work-common.tsx';

type Status = 'planned' | 'in_progress' | 'done' | 'dropped';
const STATUSES: Status[] = ['planned', 'in_progress', 'done', 'dropped'];

interface LeafPoints {
  code: string;
  title: string;
  points: string;
  max: string;
  lost: string;
}
interface Action {
  id: string;
  leafCode: string;
  leafTitle: string | null;
  pointsLost: string | null;
  action: string;
  owner: string;
  deadline: string | null;
  status: Status;
  note: string | null;
}
interface Carried extends Action {
  /** The predecessor unit (before a merger) whose plan this was; null for the unit's own. */
  fromUnit: { id: string; name: string } | null;
  now: (LeafPoints & { basis: 'result' | 'scores' }) | null;
  regained: string | null;
  trend: 'better' | 'worse' | 'same' | null;
}
interface Plan {
  cycle: { id: string; year: number; name: string; status: string };
  unit: { id: string; code: string; name: string };
  basis: 'result' | 'scores' | null;
  lostLeaves: LeafPoints[];
  actions: Action[];
  carried: { cycle: { id: string; year: number; name: string }; actions: Carried[] } | null;
}

const vi = {
  title: (unit: string, year: number) => `Kế hoạch khắc phục — ${unit} · ${year}`,
  intro: 'Việc cần làm để lấy lại điểm ở các tiêu chí bị trừ điểm: ai phụ trách, hạn nào, đến đâu.',
  backToSheet: '← Về phiếu tự đánh giá',
  carriedTitle: (y: number, now: number) => `Việc của năm ${y} và kết quả năm ${now}`,
  noCarried: 'Năm trước chưa có kế hoạch khắc phục.',
  colLeaf: 'Tiêu chí',
  colAction: 'Việc cần làm',
  colOwner: 'Phụ trách',
  colDeadline: 'Hạn',
  colStatus: 'Trạng thái',
  colNote: 'Ghi chú',
  colLostThen: (y: number) => `Mất điểm ${y}`,
  colLostNow: (y: number) => `Mất điểm ${y}`,
  fromUnit: (name: string) => `Kế hoạch của ${name} (đơn vị trước sắp xếp)`,
  colTrend: 'Kết quả',
  lost: 'Mất điểm',
  trend: { better: 'Tốt hơn', worse: 'Kém hơn', same: 'Như cũ' } as Record<string, string>,
  noTrend: 'Chưa có số liệu',
  basisScores: 'Điểm năm nay còn tạm tính (chưa công bố).',
  actionsTitle: (y: number) => `Việc khắc phục năm ${y}`,
  noActions: 'Chưa có việc nào. Bấm “Tạo từ các tiêu chí mất điểm nhiều nhất” để bắt đầu.',
  fromLost: 'Tạo từ các tiêu chí mất điểm nhiều nhất',
  noLost: 'Chưa có tiêu chí nào mất điểm (hoặc chưa có điểm) trong kỳ này.',
  allPlanned: 'Các tiêu chí mất điểm nhiều nhất đều đã có việc khắc phục.',
  draftsTitle: 'Việc mới (chưa lưu) — hãy ghi việc cần làm và người phụ trách rồi lưu',
  saveDrafts: (n: number) => `Lưu ${n} việc mới`,
  discard: 'Bỏ',
  save: 'Lưu',
  saved: 'Đã lưu.',
  status: { planned: 'Đã lên kế hoạch', in_progress: 'Đang làm', done: 'Đã xong', dropped: 'Thôi không làm' } as Record<Status, string>,
  readOnly: 'Bạn chỉ xem kế hoạch này.',
  row: (n: number, code: string) => (n > 0 ? `Dòng ${n} (tiêu chí ${code})` : `Tiêu chí ${code}`),
  needAction: 'hãy ghi việc cần làm.',
  needOwner: 'hãy ghi người/bộ phận phụ trách.',
  fields: { action: 'Việc cần làm', owner: 'Phụ trách', deadline: 'Hạn', status: 'Trạng thái', note: 'Ghi chú', leafCode: 'Tiêu chí' } as Record<string, string>,
};
const en: typeof vi = {
  title: (unit, year) => `Remediation plan — ${unit} · ${year}`,
  intro: 'What to do to win back the points lost on each criterion: who, by when, how far along.',
  backToSheet: '← Back to the self-assessment',
  carriedTitle: (y, now) => `Actions of ${y} and the result in ${now}`,
  noCarried: 'Last year had no remediation plan.',
  colLeaf: 'Criterion',
  colAction: 'Action',
  colOwner: 'Owner',
  colDeadline: 'Deadline',
  colStatus: 'Status',
  colNote: 'Note',
  colLostThen: (y) => `Lost ${y}`,
  colLostNow: (y) => `Lost ${y}`,
  fromUnit: (name) => `Plan of ${name} (predecessor unit)`,
  colTrend: 'Result',
  lost: 'Points lost',
  trend: { better: 'Better', worse: 'Worse', same: 'Same' },
  noTrend: 'No figures yet',
  basisScores: "This year's points are provisional (not published yet).",
  actionsTitle: (y) => `Remediation actions ${y}`,
  noActions: 'No actions yet. Press “Create from the criteria that lost the most” to start.',
  fromLost: 'Create from the criteria that lost the most',
  noLost: 'No criterion lost points (or no points yet) in this cycle.',
  allPlanned: 'The criteria that lost the most already have actions.',
  draftsTitle: 'New actions (not saved) — fill in the action and the owner, then save',
  saveDrafts: (n) => `Save ${n} new actions`,
  discard: 'Discard',
  save: 'Save',
  saved: 'Saved.',
  status: { planned: 'Planned', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' },
  readOnly: 'You can read this plan.',
  row: (n, code) => (n > 0 ? `Row ${n} (criterion ${code})` : `Criterion ${code}`),
  needAction: 'enter the action.',
  needOwner: 'enter the owner.',
  fields: { action: 'Action', owner: 'Owner', deadline: 'Deadline', status: 'Status', note: 'Note', leafCode: 'Criterion' },
};
const messages: Record<Lang, typeof vi> = { vi, en };
type M = typeof vi;

const enc = encodeURIComponent;
const planKey = (cycleId: string, unitId: string) => ['work', 'remediation', cycleId, unitId] as const;
const planApi = (cycleId: string, unitId: string) => `/api/work/cycles/${enc(cycleId)}/units/${enc(unitId)}/remediation`;

interface Draft {
  key: string;
  leafCode: string;
  leafTitle: string | null;
  pointsLost: string | null;
  action: string;
  owner: string;
  deadline: string;
  status: Status;
  note: string;
}

/** A deadline picker shown dd/mm/yyyy, holding the API's YYYY-MM-DD. */
function Deadline({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
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
function humanize(text: string, codes: string[], m: M): string {
  return text.replace(/^Yêu cầu không hợp lệ:\s*/, '').replace(/items\.(\d+)\.(\w+)\s*/g, (_, i: string, f: string) => `${m.row(Number(i) + 1, codes[Number(i)] ?? '')}, ${(m.fields[f] ?? f).toLowerCase()}: `);
}

const leafCell = (code: string, title: string | null) => (
  <span>
    <strong>{code}</strong> {title && <span className="work-muted">{title}</span>}
  </span>
);

export function RemediationPage({ cycleId, unitId, user }: { cycleId: string; unitId: string; user: SessionUser }) {
  const m = useFeatureMessages(messages);
  const { lang } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const plan = useQuery({ queryKey: planKey(cycleId, unitId), queryFn: ({ signal }) => getJson<Plan>(planApi(cycleId, unitId), { signal }) });
  const canEdit = user.role === 'secretariat' || ((user.role === 'unit_officer' || user.role === 'unit_head') && user.unitId === unitId);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [draftError, setDraftError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (plan.isPending) return <Skeleton active />;
  if (plan.isError) return <ErrorAlert error={plan.error} onRetry={() => plan.refetch()} />;
  const p = plan.data;
  const year = p.cycle.year;

  function fromLost() {
    setInfo(null);
    const taken = new Set([...p.actions.map((a) => a.leafCode), ...drafts.map((d) => d.leafCode)]);
    const top = p.lostLeaves.slice(0, 5).filter((l) => !taken.has(l.code));
    if (p.lostLeaves.length === 0) return setInfo(m.noLost);
    if (top.length === 0) return setInfo(m.allPlanned);
    setDrafts((ds) => [
      ...ds,
      ...top.map((l) => ({ key: `${l.code}-${Date.now()}`, leafCode: l.code, leafTitle: l.title, pointsLost: l.lost, action: '', owner: '', deadline: '', status: 'planned' as Status, note: '' })),
    ]);
  }

  async function saveDrafts() {
    setDraftError(null);
    const missing = drafts.findIndex((d) => !d.action.trim() || !d.owner.trim());
    if (missing >= 0) {
      const d = drafts[missing];
      return setDraftError(`${m.row(missing + 1, d.leafCode)}: ${!d.action.trim() ? m.needAction : m.needOwner}`);
    }
    setBusy(true);
    try {
      await send('POST', planApi(cycleId, unitId), {
        items: drafts.map((d) => ({ leafCode: d.leafCode, action: d.action, owner: d.owner, deadline: d.deadline || null, status: d.status, note: d.note.trim() || null })),
      });
      await client.invalidateQueries({ queryKey: planKey(cycleId, unitId) });
      setDrafts([]);
      message.success(m.saved);
    } catch (e) {
      setDraftError(humanize(errorText(e), drafts.map((d) => d.leafCode), m));
    } finally {
      setBusy(false);
    }
  }

  const setDraft = (key: string, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const statusOptions = STATUSES.map((s) => ({ value: s, label: m.status[s] }));

  const carriedCols: TableColumnsType<Carried> = p.carried
    ? [
        { key: 'leaf', title: m.colLeaf, width: 260, render: (_, a) => leafCell(a.leafCode, a.leafTitle) },
        { key: 'action', title: m.colAction, render: (_, a) => (a.fromUnit ? <>{a.action}<div className="work-muted">{m.fromUnit(a.fromUnit.name)}</div></> : a.action) },
        { key: 'owner', title: m.colOwner, width: 160, render: (_, a) => a.owner },
        { key: 'status', title: m.colStatus, width: 130, render: (_, a) => <Tag>{m.status[a.status]}</Tag> },
        { key: 'then', title: m.colLostThen(p.carried.cycle.year), width: 100, align: 'right', render: (_, a) => fmtPoints(a.pointsLost, lang) },
        { key: 'now', title: m.colLostNow(year), width: 100, align: 'right', render: (_, a) => fmtPoints(a.now?.lost, lang) },
        {
          key: 'trend',
          title: m.colTrend,
          width: 120,
          render: (_, a) => (a.trend ? <Tag color={a.trend === 'better' ? 'green' : a.trend === 'worse' ? 'red' : 'default'}>{m.trend[a.trend]}</Tag> : <span className="work-muted">{m.noTrend}</span>),
        },
      ]
    : [];

  const draftCols: TableColumnsType<Draft> = [
    { key: 'leaf', title: m.colLeaf, width: 240, render: (_, d) => leafCell(d.leafCode, d.leafTitle) },
    { key: 'lost', title: m.lost, width: 80, align: 'right', render: (_, d) => fmtPoints(d.pointsLost, lang) },
    { key: 'action', title: m.colAction, render: (_, d) => <Input.TextArea aria-label={`${m.colAction} ${d.leafCode}`} autoSize value={d.action} onChange={(e) => setDraft(d.key, { action: e.target.value })} /> },
    { key: 'owner', title: m.colOwner, width: 170, render: (_, d) => <Input aria-label={`${m.colOwner} ${d.leafCode}`} value={d.owner} onChange={(e) => setDraft(d.key, { owner: e.target.value })} /> },
    { key: 'deadline', title: m.colDeadline, width: 150, render: (_, d) => <Deadline label={`${m.colDeadline} ${d.leafCode}`} value={d.deadline} onChange={(v) => setDraft(d.key, { deadline: v })} /> },
    { key: 'status', title: m.colStatus, width: 150, render: (_, d) => <Select aria-label={`${m.colStatus} ${d.leafCode}`} style={{ width: '100%' }} value={d.status} options={statusOptions} onChange={(v) => setDraft(d.key, { status: v })} /> },
    { key: 'x', width: 60, render: (_, d) => <Button size="small" onClick={() => setDrafts((ds) => ds.filter((x) => x.key !== d.key))}>{m.discard}</Button> },
  ];

  return (
    <section aria-labelledby="plan-title" className="setup">
      <header className="sheet__head">
        <div>
          <h2 id="plan-title">{m.title(p.unit.name, year)}</h2>
          <p className="work-muted">{m.intro}</p>
        </div>
        <Link href={`/work/cycles/${enc(cycleId)}/units/${enc(unitId)}`}>{m.backToSheet}</Link>
      </header>
      {!canEdit && <Alert type="info" showIcon title={m.readOnly} style={{ marginBottom: 12 }} />}
      {p.basis === 'scores' && <p className="work-muted">{m.basisScores}</p>}

      <h3>{p.carried ? m.carriedTitle(p.carried.cycle.year, year) : m.carriedTitle(year - 1, year)}</h3>
      {p.carried ? (
        <Table size="small" rowKey="id" columns={carriedCols} dataSource={p.carried.actions} pagination={false} />
      ) : (
        <p className="work-muted">{m.noCarried}</p>
      )}

      <h3 style={{ marginTop: 24 }}>{m.actionsTitle(year)}</h3>
      {canEdit && (
        <div className="sheet__toolbar">
          <Button onClick={fromLost}>{m.fromLost}</Button>
          {info && <span className="work-muted">{info}</span>}
        </div>
      )}
      {p.actions.length === 0 && drafts.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noActions} />}
      {p.actions.length > 0 && (
        <table className="plan-table">
          <thead>
            <tr>
              <th style={{ width: 220 }}>{m.colLeaf}</th>
              <th style={{ width: 70 }}>{m.lost}</th>
              <th>{m.colAction}</th>
              <th style={{ width: 160 }}>{m.colOwner}</th>
              <th style={{ width: 145 }}>{m.colDeadline}</th>
              <th style={{ width: 150 }}>{m.colStatus}</th>
              <th style={{ width: 180 }}>{m.colNote}</th>
              {canEdit && <th style={{ width: 70 }} />}
            </tr>
          </thead>
          <tbody>
            {p.actions.map((a) => (
              <ActionRow key={a.id} a={a} m={m} lang={lang} canEdit={canEdit} url={`${planApi(cycleId, unitId)}/${enc(a.id)}`} onSaved={() => client.invalidateQueries({ queryKey: planKey(cycleId, unitId) })} statusOptions={statusOptions} />
            ))}
          </tbody>
        </table>
      )}
      {drafts.length > 0 && (
        <div style={{ marginTop: 16 }}>
          <h4>{m.draftsTitle}</h4>
          <Table size="small" rowKey="key" columns={draftCols} dataSource={drafts} pagination={false} />
          {draftError && <Alert type="error" showIcon role="alert" title={draftError} style={{ marginTop: 8 }} />}
          <div className="sheet__toolbar">
            <Button type="primary" loading={busy} onClick={saveDrafts}>
              {m.saveDrafts(drafts.length)}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

function ActionRow({ a, m, lang, canEdit, url, onSaved, statusOptions }: { a: Action; m: M; lang: Lang; canEdit: boolean; url: string; onSaved: () => void; statusOptions: { value: Status; label: string }[] }) {
  const { message } = App.useApp();
  const init = { action: a.action, owner: a.owner, deadline: a.deadline ?? '', status: a.status, note: a.note ?? '' };
  const [v, setV] = useState(init);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A refetch after another row's save brings the stored values in.
  useEffect(() => setV({ action: a.action, owner: a.owner, deadline: a.deadline ?? '', status: a.status, note: a.note ?? '' }), [a.action, a.owner, a.deadline, a.status, a.note]);
  const dirty = v.action !== init.action || v.owner !== init.owner || v.deadline !== init.deadline || v.status !== init.status || v.note !== init.note;

  async function save() {
    setError(null);
    if (!v.action.trim()) return setError(`${m.row(0, a.leafCode)}: ${m.needAction}`);
    if (!v.owner.trim()) return setError(`${m.row(0, a.leafCode)}: ${m.needOwner}`);
    setBusy(true);
    const patch: Record<string, unknown> = {};
    if (v.action !== init.action) patch.action = v.action;
    if (v.owner !== init.owner) patch.owner = v.owner;
    if (v.deadline !== init.deadline) patch.deadline = v.deadline || null;
    if (v.status !== init.status) patch.status = v.status;
    if (v.note !== init.note) patch.note = v.note.trim() || null;
    try {
      await send('PATCH', url, patch);
      message.success(m.saved);
      onSaved();
    } catch (e) {
      setError(humanize(errorText(e), [a.leafCode], m));
    } finally {
      setBusy(false);
    }
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
