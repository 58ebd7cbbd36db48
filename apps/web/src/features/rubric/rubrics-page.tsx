/**
 * The rubric in the secretariat's hands (/work/rubrics, secretariat and administrator): the saved
 * versions with the cycles using each, the tree of a version, uploading a file (errors in a table,
 * nothing saved), comparing two versions, and replacing the rubric of a running cycle after a
 * preview of the change report. Each version downloads as the annex XLSX.
 */
import { Alert, Button, Card, Skeleton, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { usePageMeta } from '../../app/page-meta.ts';
import type { SessionUser } from '../../lib/session.ts';
import { ErrorAlert, fmtDate, useW } from '../work/work-common.tsx';
import { ComparePanel } from './compare-panel.tsx';
import { ReplacePanel } from './replace-panel.tsx';
import { type RubricVersion, useRubricVersions, versionExportHref } from './rubric.api.ts';
import { previousVersion } from './rubric.logic.ts';
import { rubricMessages } from './rubric.messages.ts';
import { RubricTreeView } from './rubric-tree-view.tsx';
import { UploadPanel } from './upload-panel.tsx';
import './rubric.css';

type TabKey = 'versions' | 'upload' | 'compare' | 'replace';

function VersionsTable({ versions, onView }: { versions: RubricVersion[]; onView: (id: string) => void }) {
  const m = useFeatureMessages(rubricMessages);
  const { w } = useW();
  const columns: TableColumnsType<RubricVersion> = [
    { key: 'code', title: m.colCode, dataIndex: 'code', render: (c: string) => <strong className="rubric-nowrap">{c}</strong> },
    { key: 'version', title: m.colVersion, dataIndex: 'version', align: 'right', width: 80 },
    { key: 'year', title: m.colYear, dataIndex: 'year', width: 70 },
    { key: 'name', title: m.colName, dataIndex: 'name' },
    {
      key: 'cycles',
      title: m.colCycles,
      render: (_, v) =>
        v.cycles.length ? (
          v.cycles.map((c) => (
            <Tag key={c.id} color={c.status === 'published' || c.status === 'closed' ? 'green' : 'blue'}>
              {c.year} · {w.stage[c.status as keyof typeof w.stage] ?? c.status}
            </Tag>
          ))
        ) : (
          <span className="work-muted">{m.notUsed}</span>
        ),
    },
    { key: 'uploaded', title: m.colUploaded, width: 110, render: (_, v) => fmtDate(v.createdAt) },
    {
      key: 'actions',
      title: m.colActions,
      width: 280,
      render: (_, v) => (
        <span className="rubric-actions">
          <Button size="small" onClick={() => onView(v.id)} aria-label={m.viewOf(v.code, v.version)}>
            {m.view}
          </Button>
          <Button size="small" href={versionExportHref(v.id)} download>
            {m.downloadXlsx}
          </Button>
          <Button size="small" type="link" href={versionExportHref(v.id, 'json')} download>
            {m.downloadJson}
          </Button>
        </span>
      ),
    },
  ];
  return <Table<RubricVersion> className="rubric-versions" size="small" bordered rowKey="id" columns={columns} dataSource={versions} pagination={false} locale={{ emptyText: m.noVersions }} />;
}

export function RubricsPage({ user }: { user: SessionUser }) {
  const m = useFeatureMessages(rubricMessages);
  usePageMeta(m.title);
  const allowed = user.role === 'secretariat' || user.role === 'admin';
  const versions = useRubricVersions();
  const [tab, setTab] = useState<TabKey>('versions');
  const [viewing, setViewing] = useState<string | null>(null);
  const [pair, setPair] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const treeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (viewing && tab === 'versions') treeRef.current?.scrollIntoView({ block: 'start' });
  }, [viewing, tab]);

  if (!allowed) return <Alert type="warning" showIcon title={m.forbidden} />;
  if (versions.isPending) return <Skeleton active />;
  if (versions.isError) return <ErrorAlert error={versions.error} onRetry={() => versions.refetch()} />;
  const list = versions.data;

  const view = (id: string) => {
    setViewing(id);
    setTab('versions');
  };
  const compareWithPrevious = (v: RubricVersion) => {
    setPair({ from: previousVersion(list, v)?.id ?? null, to: v.id });
    setTab('compare');
  };

  return (
    <section className="rubric-page" aria-labelledby="rubric-title">
      <h2 id="rubric-title">{m.title}</h2>
      <p className="work-muted">{m.intro}</p>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as TabKey)}
        items={[
          {
            key: 'versions',
            label: m.tabVersions,
            children: (
              <>
                <Card size="small">
                  <VersionsTable versions={list} onView={view} />
                </Card>
                {viewing && (
                  <div ref={treeRef} className="rubric-tree-wrap">
                    <Card size="small">
                      <RubricTreeView versionId={viewing} onClose={() => setViewing(null)} />
                    </Card>
                  </div>
                )}
              </>
            ),
          },
          { key: 'upload', label: m.tabUpload, children: <UploadPanel onView={view} onCompare={compareWithPrevious} /> },
          { key: 'compare', label: m.tabCompare, children: <ComparePanel versions={list} from={pair.from} to={pair.to} onChange={(from, to) => setPair({ from, to })} /> },
          { key: 'replace', label: m.tabReplace, children: <ReplacePanel versions={list} /> },
        ]}
      />
    </section>
  );
}
