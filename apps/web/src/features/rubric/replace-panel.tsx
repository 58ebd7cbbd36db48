/**
 * Replacing the rubric of a running cycle with a saved version: preview first — the change report
 * (kept, added, removed, re-weighted, scoring changed), the points above a lowered maximum and,
 * with rescaling, every value scaled — then confirm. The server refuses what the stage forbids.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Popconfirm, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatExact } from '../../lib/format.ts';
import { send } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { type WorkCycle, useWorkCycles, workKeys } from '../work/work.api.ts';
import { type RubricReplacement, type RubricVersion, rubricKeys } from './rubric.api.ts';
import { rubricMessages } from './rubric.messages.ts';

const RUNNING = new Set(['draft', 'open', 'appraisal']);
type CycleWithRubric = WorkCycle & { rubricCode?: string | null; rubricVersion?: number | null };

function Report({ r }: { r: RubricReplacement }) {
  const m = useFeatureMessages(rubricMessages);
  const { lang } = useI18n();
  const n = (v: string) => formatExact(v, lang);
  const list = (title: string, items: string[]) => (
    <div className="rubric-part">
      <h4 className="rubric-part__title">
        {title} <Tag color={items.length ? 'blue' : undefined}>{items.length}</Tag>
      </h4>
      {items.length ? (
        <ul className="rubric-list">
          {items.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      ) : (
        <p className="work-muted">{m.none}</p>
      )}
    </div>
  );
  return (
    <div className="rubric-report">
      <p>{m.kept(r.report.kept.length)}</p>
      {list(m.added, r.report.added.map((x) => `${x.code} ${x.title} (${m.colMax.toLowerCase()} ${n(x.max)})`))}
      {list(m.removed, r.report.removed.map((x) => `${x.code} ${x.title} (${m.colMax.toLowerCase()} ${n(x.max)})`))}
      {list(m.reweighted, r.report.reweighted.map((x) => `${x.code} ${x.title}: ${n(x.oldMax)} → ${n(x.newMax)}`))}
      {r.report.ruleChanged.length > 0 && list(m.ruleChangedKeep, r.report.ruleChanged.map((x) => `${x.code} ${x.title}`))}
      {r.overMax.length > 0 && (
        <section className="rubric-part">
          <h4 className="rubric-part__title rubric-warn">{m.overMaxTitle(r.overMax.length)}</h4>
          <Table
            size="small"
            bordered
            rowKey={(x) => `${x.unitName}|${x.leafCode}|${x.field}`}
            dataSource={r.overMax}
            pagination={r.overMax.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            columns={[
              { key: 'unit', title: m.colUnit, dataIndex: 'unitName' },
              { key: 'leaf', title: m.colLeaf, dataIndex: 'leafCode', width: 80 },
              { key: 'stage', title: m.colStage, render: (_, x) => m.stage[x.field] ?? x.field },
              { key: 'points', title: m.colPoints, align: 'right', render: (_, x) => n(x.points) },
              { key: 'max', title: m.colNewMax, align: 'right', render: (_, x) => n(x.newMax) },
            ]}
          />
        </section>
      )}
      {r.rescaled.length > 0 && (
        <section className="rubric-part">
          <h4 className="rubric-part__title">{m.rescaledTitle(r.rescaled.length)}</h4>
          <Table
            size="small"
            bordered
            rowKey={(x) => `${x.unitName}|${x.leafCode}|${x.field}`}
            dataSource={r.rescaled}
            pagination={r.rescaled.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            columns={[
              { key: 'unit', title: m.colUnit, dataIndex: 'unitName' },
              { key: 'leaf', title: m.colLeaf, dataIndex: 'leafCode', width: 80 },
              { key: 'stage', title: m.colStage, render: (_, x) => m.stage[x.field] ?? x.field },
              { key: 'change', title: `${m.colBefore} → ${m.colAfter}`, align: 'right', render: (_, x) => `${n(x.before)} → ${n(x.after)}` },
            ]}
          />
        </section>
      )}
    </div>
  );
}

export function ReplacePanel({ versions }: { versions: RubricVersion[] }) {
  const m = useFeatureMessages(rubricMessages);
  const client = useQueryClient();
  const cycles = useWorkCycles();
  const running = ((cycles.data ?? []) as CycleWithRubric[]).filter((c) => c.source === 'assessed' && RUNNING.has(c.status));
  const [cycleId, setCycleId] = useState<string | null>(null);
  const [versionId, setVersionId] = useState<string | null>(null);
  const [rescale, setRescale] = useState(false);
  const [preview, setPreview] = useState<RubricReplacement | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, setError, run } = useAction();
  const cycle = running.find((c) => c.id === cycleId) ?? null;

  const reset = () => {
    setPreview(null);
    setDone(null);
    setError(null);
  };
  async function call(kind: 'preview' | 'replace') {
    if (!cycleId || !versionId) return;
    await run(async () => {
      const body = { versionId, rescale };
      const path = `/api/work/cycles/${encodeURIComponent(cycleId)}/rubric`;
      if (kind === 'preview') {
        setDone(null);
        setPreview(await send<RubricReplacement>('POST', `${path}/preview`, body));
      } else {
        const r = await send<RubricReplacement>('PUT', path, body);
        setPreview(null);
        setDone(r.message);
        await Promise.all([client.invalidateQueries({ queryKey: rubricKeys.versions }), client.invalidateQueries({ queryKey: workKeys.cycles })]);
      }
    });
  }

  if (cycles.data && running.length === 0) return <Card size="small" title={<h3 className="work-h3 rubric-card-title">{m.replaceTitle}</h3>}><Alert type="info" showIcon title={m.noRunningCycle} /></Card>;
  const canConfirm = !!preview && !preview.unchanged && preview.overMax.length === 0;
  return (
    <Card size="small" title={<h3 className="work-h3 rubric-card-title">{m.replaceTitle}</h3>}>
      <p className="work-muted">{m.replaceHint}</p>
      <div className="rubric-compare__pick">
        <label>
          <span>{m.cycle}</span>
          <Select
            id="replace-cycle"
            aria-label={m.cycle}
            placeholder={m.chooseCycle}
            value={cycleId}
            loading={cycles.isPending}
            options={running.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(v) => {
              setCycleId(v);
              reset();
            }}
            showSearch
            optionFilterProp="label"
            popupMatchSelectWidth={false}
          />
        </label>
        <label>
          <span>{m.version}</span>
          <Select
            id="replace-version"
            aria-label={m.version}
            placeholder={m.chooseVersion}
            value={versionId}
            options={versions.map((v) => ({ value: v.id, label: m.versionLabel(v.code, v.version, v.year) }))}
            onChange={(v) => {
              setVersionId(v);
              reset();
            }}
            showSearch
            optionFilterProp="label"
            popupMatchSelectWidth={false}
          />
        </label>
      </div>
      {cycle?.rubricCode && <p className="work-muted">{m.currentVersion(cycle.rubricCode, cycle.rubricVersion ?? 0)}</p>}
      <p>
        <Checkbox
          checked={rescale}
          onChange={(e) => {
            setRescale(e.target.checked);
            setPreview(null);
          }}
        >
          {m.rescale}
        </Checkbox>
      </p>
      <div className="sheet__toolbar">
        <Button disabled={!cycleId || !versionId} loading={busy} onClick={() => call('preview')}>
          {m.previewBtn}
        </Button>
        <Popconfirm title={m.confirmQuestion} okText={m.yes} cancelText={m.no} onConfirm={() => call('replace')} disabled={!canConfirm}>
          <Button type="primary" danger disabled={!canConfirm} loading={busy}>
            {m.confirmBtn}
          </Button>
        </Popconfirm>
      </div>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      {done && <Alert type="success" showIcon role="status" title={done} />}
      {preview && (
        <>
          <Alert type={preview.overMax.length ? 'warning' : 'info'} showIcon role="status" title={preview.message} />
          {!preview.unchanged && <Report r={preview} />}
        </>
      )}
    </Card>
  );
}
