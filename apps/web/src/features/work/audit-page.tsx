/**
 * The audit log of a cycle (/work/cycles/:id/audit), for the secretariat and the administrator:
 * who changed what and when, filtered by unit and by criterion code, before → after readable.
 */
import { Alert, Button, Input, Select, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { SessionUser } from '../../lib/session.ts';
import { useCycleSetup, useAudit, useAccounts, useRefUnits } from './admin.api.ts';
import { useA } from './admin.messages.ts';
import { type AuditCtx, AuditChange } from './audit-change.tsx';
import { ErrorAlert, fmtDateTime, useW } from './work-common.tsx';
import type { AuditEntry, WorkCycle } from './work.api.ts';

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
  const c: AuditCtx = useMemo(
    () => ({ a, lang, stage: w.stage, unitStatus: w.selfStatus, userName: (id: string) => accounts.data?.find((u) => u.id === id)?.fullName ?? null }),
    [a, lang, w.stage, w.selfStatus, accounts.data],
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
    { key: 'change', title: a.colChange, render: (_, e) => <AuditChange entry={e} c={c} /> },
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
        <Table size="small" rowKey="id" columns={columns} dataSource={log.data} pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }} locale={{ emptyText: a.noEntries }} scroll={{ x: 1250 }} />
      )}
    </section>
  );
}
