/**
 * The audit log of a cycle (/work/cycles/:id/audit), for the secretariat and the administrator:
 * who changed what and when, filtered by unit and by criterion code, before → after readable.
 */
import { Alert, Button, Input, Select, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { SessionUser } from '../../lib/session.ts';
import { formatExact } from '../../lib/format.ts';
import { useCycleSetup, useAudit, useAccounts, useRefUnits } from './admin.api.ts';
import { type AdminMessages, useA } from './admin.messages.ts';
import { ErrorAlert, fmtDate, fmtDateTime, useW } from './work-common.tsx';
import type { AuditEntry, WorkCycle } from './work.api.ts';

const POINT_KEYS = new Set(['selfPoints', 'proposedPoints', 'councilPoints', 'finalPoints', 'points']);
const DATE_KEYS = new Set(['self', 'appraisal', 'explanation', 'council', 'decisionDate', 'issuedDate']);

interface Ctx {
  a: AdminMessages;
  lang: 'vi' | 'en';
  stage: Record<string, string>;
  userName: (id: string) => string | null;
}

/** One value, readable: points with a decimal comma, dates dd/mm/yyyy, stages and responses in words. */
function valueText(key: string, v: unknown, c: Ctx): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? c.a.yes : c.a.no;
  if (typeof v === 'number') return formatExact(String(v), c.lang);
  if (typeof v === 'string') {
    if (POINT_KEYS.has(key) && /^\d+(\.\d+)?$/.test(v)) return formatExact(v, c.lang);
    if (DATE_KEYS.has(key) && /^\d{4}-\d{2}-\d{2}/.test(v)) return fmtDate(v);
    if (key === 'status') return c.stage[v] ?? v;
    if (key === 'response') return c.a.responses[v] ?? v;
    if (key === 'userId') return c.userName(v) ?? v;
    return v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    return v.map((x) => (x && typeof x === 'object' && 'nodeCode' in x ? `${String((x as { nodeCode: unknown }).nodeCode)} (${String((x as { basis?: unknown }).basis ?? '')})` : valueText(key, x, c))).join('; ');
  }
  return objectText(v as Record<string, unknown>, c);
}

function objectText(o: Record<string, unknown>, c: Ctx): string {
  const parts = Object.entries(o)
    // userId is shown by name; skip it when the entry already carries the name.
    .filter(([k]) => k !== 'documentId' && k !== 'unitId' && !(k === 'userId' && 'name' in o))
    .map(([k, v]) => (k === 'userId' ? `${c.a.appraiser}: ${valueText(k, v, c)}` : `${c.a.fieldLabels[k] ?? k}: ${valueText(k, v, c)}`));
  return parts.join('; ') || '—';
}

/** before → after; keys unchanged on both sides are dropped so the change stands out. */
function Change({ entry, c }: { entry: AuditEntry; c: Ctx }) {
  const { before, after } = entry;
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'documentId' && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (keys.length === 0) return <span className="work-muted">—</span>;
    return (
      <ul className="audit-change">
        {keys.map((k) => (
          <li key={k}>
            <span className="work-muted">{c.a.fieldLabels[k] ?? k}:</span> <del>{valueText(k, before[k], c)}</del> → <ins>{valueText(k, after[k], c)}</ins>
          </li>
        ))}
      </ul>
    );
  }
  const b = before === null || before === undefined ? null : valueText('', before, c);
  const a = after === null || after === undefined ? null : valueText('', after, c);
  if (b === null && a === null) return <span className="work-muted">—</span>;
  return (
    <span className="audit-change">
      {b !== null && <del>{b}</del>}
      {b !== null && a !== null && ' → '}
      {a !== null && <ins>{a}</ins>}
    </span>
  );
}

export function AuditPage({ cycle, user }: { cycle: WorkCycle; user: SessionUser }) {
  const { w, lang } = useW();
  const a = useA();
  const [unitId, setUnitId] = useState('');
  const [subjectText, setSubjectText] = useState('');
  const [subject, setSubject] = useState('');
  const allowed = user.role === 'secretariat' || user.role === 'admin';
  const setup = useCycleSetup(allowed ? cycle.id : null);
  const refUnits = useRefUnits();
  const accounts = useAccounts(allowed);
  const log = useAudit(cycle.id, unitId, subject);

  const unitName = useMemo(() => {
    const names = new Map((refUnits.data ?? []).map((u) => [u.id, u.name]));
    return (id: string | null) => (id ? (names.get(id) ?? id) : null);
  }, [refUnits.data]);
  const c: Ctx = useMemo(
    () => ({ a, lang, stage: w.stage, userName: (id: string) => accounts.data?.find((u) => u.id === id)?.fullName ?? null }),
    [a, lang, w.stage, accounts.data],
  );

  if (!allowed) return <Alert type="warning" showIcon title={a.forbidden} />;

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: a.colTime, width: 140, render: (_, e) => fmtDateTime(e.at) },
    { key: 'user', title: a.colUser, width: 200, render: (_, e) => e.userName ?? <span className="work-muted">{a.system}</span> },
    { key: 'action', title: a.colAction, width: 200, render: (_, e) => <Tag>{a.auditActions[e.action] ?? e.action}</Tag> },
    { key: 'unit', title: a.colUnit, width: 170, render: (_, e) => unitName(e.unitId) ?? <span className="work-muted">—</span> },
    {
      key: 'subject',
      title: a.colSubject,
      width: 120,
      render: (_, e) =>
        e.subject ? (
          <Button type="link" className="work-inline-link" onClick={() => { setSubjectText(e.subject!); setSubject(e.subject!); }} title={`${a.filterSubject}: ${e.subject}`}>
            {e.subject}
          </Button>
        ) : (
          <span className="work-muted">—</span>
        ),
    },
    { key: 'change', title: a.colChange, render: (_, e) => <Change entry={e} c={c} /> },
    { key: 'reason', title: a.colReason, width: 220, render: (_, e) => e.reason ?? <span className="work-muted">—</span> },
  ];

  const unitOptions = [{ value: '', label: a.allUnits }, ...(setup.data?.units ?? []).map((u) => ({ value: u.unitId, label: u.name })).sort((x, y) => x.label.localeCompare(y.label, 'vi'))];

  return (
    <section aria-labelledby="audit-title" className="setup">
      <h2 id="audit-title">{a.auditTitle(cycle.year)}</h2>
      <p className="work-muted">{a.auditIntro}</p>
      <div className="sheet__toolbar" role="search">
        <label className="audit-filter">
          <span>{a.filterUnit}</span>
          <Select showSearch optionFilterProp="label" style={{ width: 280 }} value={unitId} onChange={setUnitId} options={unitOptions} aria-label={a.filterUnit} />
        </label>
        <label className="audit-filter">
          <span>{a.filterSubject}</span>
          <Input.Search
            allowClear
            style={{ width: 200 }}
            placeholder={a.filterSubjectHint}
            aria-label={a.filterSubject}
            value={subjectText}
            onChange={(e) => {
              setSubjectText(e.target.value);
              if (!e.target.value) setSubject('');
            }}
            onSearch={(v) => setSubject(v.trim())}
          />
        </label>
        {log.data && <span className="work-muted">{a.entries(log.data.length)}</span>}
      </div>
      {log.isPending && <Skeleton active />}
      {log.isError && <ErrorAlert error={log.error} onRetry={() => log.refetch()} />}
      {log.data && (
        <Table size="small" rowKey="id" columns={columns} dataSource={log.data} pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }} locale={{ emptyText: a.noEntries }} />
      )}
    </section>
  );
}
