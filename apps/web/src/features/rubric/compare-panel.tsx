/**
 * Two rubric versions side by side: what was added, removed, re-weighted, scored another way, and
 * what texts and general settings changed — the replacement's change report, in tables.
 */
import { Alert, Card, Select, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatExact } from '../../lib/format.ts';
import { ErrorAlert } from '../work/work-common.tsx';
import { type RubricComparison, type RubricVersion, useRubricComparison } from './rubric.api.ts';
import { type RubricMessages, rubricMessages } from './rubric.messages.ts';

interface Props {
  versions: RubricVersion[];
  from: string | null;
  to: string | null;
  onChange: (from: string | null, to: string | null) => void;
}

/** One part of the report: a heading with its count, and its table (or "none"). */
function Part<T extends object>({ id, title, rows, columns, m }: { id: string; title: string; rows: T[]; columns: TableColumnsType<T>; m: RubricMessages }) {
  return (
    <section className="rubric-part" aria-labelledby={id}>
      <h4 id={id} className="rubric-part__title">
        {title} <Tag color={rows.length ? 'blue' : undefined}>{rows.length}</Tag>
      </h4>
      {rows.length === 0 ? (
        <p className="work-muted">{m.none}</p>
      ) : (
        <Table<T> size="small" bordered rowKey={(r) => JSON.stringify(r)} columns={columns} dataSource={rows} pagination={false} tableLayout="fixed" />
      )}
    </section>
  );
}

export function ComparisonReport({ c }: { c: RubricComparison }) {
  const m = useFeatureMessages(rubricMessages);
  const { lang } = useI18n();
  const n = (v: string) => <span className="num">{formatExact(v, lang)}</span>;
  const code = { key: 'code', title: m.colNodeCode, dataIndex: 'code', width: 80 } as const;
  const title = { key: 'title', title: m.colTitle, dataIndex: 'title', width: '30%' } as const;
  const maxCol = { align: 'right', width: 120 } as const;
  const text = (v: string): ReactNode => (v ? v : <span className="work-muted">{m.empty}</span>);
  if (c.same) return <Alert type="info" showIcon title={m.same} />;
  return (
    <div className="rubric-report">
      <p>{m.summary(c.kept)}</p>
      <Part id="cmp-added" m={m} title={m.added} rows={c.added} columns={[code, { ...title, width: undefined }, { key: 'max', title: m.colMax, ...maxCol, render: (_, r) => n(r.max) }]} />
      <Part id="cmp-removed" m={m} title={m.removed} rows={c.removed} columns={[code, { ...title, width: undefined }, { key: 'max', title: m.colMax, ...maxCol, render: (_, r) => n(r.max) }]} />
      <Part
        id="cmp-reweighted"
        m={m}
        title={m.reweighted}
        rows={c.reweighted}
        columns={[code, { ...title, width: undefined }, { key: 'old', title: m.colOldMax, ...maxCol, render: (_, r) => n(r.oldMax) }, { key: 'new', title: m.colNewMax, ...maxCol, render: (_, r) => n(r.newMax) }]}
      />
      <Part
        id="cmp-rule"
        m={m}
        title={m.ruleChanged}
        rows={c.ruleChanged}
        columns={[code, title, { key: 'before', title: m.colBefore, dataIndex: 'before' }, { key: 'after', title: m.colAfter, dataIndex: 'after' }]}
      />
      <Part
        id="cmp-text"
        m={m}
        title={m.textChanged}
        rows={c.textChanged}
        columns={[code, { key: 'what', title: m.colWhat, width: 170, render: (_, r) => m.what[r.what] }, { key: 'before', title: m.colBefore, render: (_, r) => text(r.before) }, { key: 'after', title: m.colAfter, render: (_, r) => text(r.after) }]}
      />
      <Part
        id="cmp-settings"
        m={m}
        title={m.settingsChanged}
        rows={c.settingsChanged}
        columns={[{ key: 'what', title: m.colWhat, dataIndex: 'what', width: 200 }, { key: 'before', title: m.colBefore, dataIndex: 'before' }, { key: 'after', title: m.colAfter, dataIndex: 'after' }]}
      />
    </div>
  );
}

export function ComparePanel({ versions, from, to, onChange }: Props) {
  const m = useFeatureMessages(rubricMessages);
  const q = useRubricComparison(from, to);
  const options = versions.map((v) => ({ value: v.id, label: m.versionLabel(v.code, v.version, v.year) }));
  return (
    <Card size="small" title={<h3 className="work-h3 rubric-card-title">{m.compareTitle}</h3>}>
      <p className="work-muted">{m.compareHint}</p>
      <div className="rubric-compare__pick">
        <label>
          <span>{m.from}</span>
          <Select id="compare-from" aria-label={m.from} placeholder={m.chooseVersion} value={from} options={options} onChange={(v) => onChange(v, to)} showSearch optionFilterProp="label" popupMatchSelectWidth={false} />
        </label>
        <span aria-hidden="true">→</span>
        <label>
          <span>{m.to}</span>
          <Select id="compare-to" aria-label={m.to} placeholder={m.chooseVersion} value={to} options={options} onChange={(v) => onChange(from, v)} showSearch optionFilterProp="label" popupMatchSelectWidth={false} />
        </label>
      </div>
      {from && to && (q.isPending ? <Skeleton active /> : q.isError ? <ErrorAlert error={q.error} onRetry={() => q.refetch()} /> : <ComparisonReport c={q.data} />)}
    </Card>
  );
}
