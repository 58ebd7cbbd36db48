/**
 * The national indices (/work/external-indices): the province's PAR Index, SIPAS, PAPI and PCI per
 * year with the target and the gap; the secretariat enters results (with components) and targets,
 * or imports a CSV/XLSX. Leader and administrator read.
 */
import type { ExternalIndexImportResult } from '@parindex/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import type { Lang } from '../../app/messages.ts';
import { formatExact } from '../../lib/format.ts';
import { send, type SessionUser } from '../../lib/session.ts';
import { showError, useAction } from '../../lib/use-action.ts';
import { EXTERNAL_KEY, type IndexSeries, type YearRow, useExternalIndices } from '../external/external.api.ts';
import { indexValueText, positionText } from '../external/external-format.ts';
import { type Editing, ResultModal, TargetModal } from './external-indices-modals.tsx';
import { type ExternalIndicesMessages, externalIndicesMessages } from './external-indices.messages.ts';
import { FileUploadField, fileForm } from './file-upload-field.tsx';
import { ErrorAlert, useW } from './work-common.tsx';

const fx = (v: string | null | undefined, lang: Lang) => (v == null ? '—' : formatExact(v, lang));
const isNeg = (v: string) => v.trim().startsWith('-');
const stripNeg = (v: string) => v.trim().replace(/^-/, '');

function gapText(row: YearRow, m: ExternalIndicesMessages, lang: Lang) {
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

export function ExternalIndicesPage({ user }: { user: SessionUser }) {
  const m = useFeatureMessages(externalIndicesMessages);
  const { lang } = useW();
  const list = useExternalIndices();
  const [editing, setEditing] = useState<Editing>(null);
  const allowed = user.role === 'secretariat' || user.role === 'leader' || user.role === 'admin';
  const canEdit = user.role === 'secretariat';
  if (!allowed) return <Alert type="warning" showIcon title={m.forbidden} />;

  const columns = (s: IndexSeries): TableColumnsType<YearRow> => [
    { key: 'year', title: m.colYear, width: 70, render: (_, r) => <strong>{r.year}</strong> },
    { key: 'value', title: m.colValue, render: (_, r) => (r.result ? indexValueText(s, { value: r.result.value, maxValue: r.result.maxValue ?? s.defaultMax }, lang) : '—') },
    { key: 'rank', title: m.colRank, render: (_, r) => positionText(r.result) ?? '—' },
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

const IMPORT_FILES = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function ImportCard({ m }: { m: ExternalIndicesMessages }) {
  const client = useQueryClient();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const { busy, run } = useAction();

  async function upload(file: File) {
    setResult(null);
    await run(
      async () => {
        const res = await send<ExternalIndexImportResult>('POST', '/api/work/external-indices/import', fileForm(file));
        setResult({ ok: true, text: m.imported(res.saved) });
        await client.invalidateQueries({ queryKey: EXTERNAL_KEY });
      },
      showError((text) => setResult({ ok: false, text })),
    );
  }

  return (
    <Card size="small" style={{ marginBottom: 16 }} title={<h3 style={{ margin: 0, fontSize: 16 }}>{m.importTitle}</h3>}>
      <p className="work-muted">{m.importHint}</p>
      <FileUploadField labels={m} sendLabel={m.importBtn} accept={IMPORT_FILES} busy={busy} onPick={() => setResult(null)} onSend={upload} />
      {result && <Alert type={result.ok ? 'success' : 'error'} showIcon role={result.ok ? 'status' : 'alert'} title={result.text} />}
    </Card>
  );
}
