/**
 * /work/setup creates a cycle (secretariat): year, name, rubric version, the units assessed with
 * their peer group (copied from the latest cycle to edit), the stage deadlines.
 */
import { NewCycleBody } from '@parindex/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Skeleton, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { navigate } from '../../app/router.tsx';
import { fieldRule } from '../../lib/form-rules.ts';
import { send } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { useA } from './admin.messages.ts';
import { useCycleSetup, useRefUnits, useRubrics } from './admin.api.ts';
import { type DeadlineValues, DeadlineFields, collator, enc, toDeadlines } from './setup-common.tsx';
import { ErrorAlert, useW } from './work-common.tsx';
import { type WorkCycle, useWorkCycles, workKeys } from './work.api.ts';

interface UnitRow {
  unitId: string;
  code: string;
  name: string;
  include: boolean;
  peerGroup: string | null;
}

export function NewCyclePage() {
  const { w } = useW();
  const a = useA();
  const { message } = App.useApp();
  const client = useQueryClient();
  const cycles = useWorkCycles();
  const rubrics = useRubrics();
  const refUnits = useRefUnits();
  const latest = useMemo(() => [...(cycles.data ?? [])].sort((x, y) => y.year - x.year)[0] ?? null, [cycles.data]);
  const latestSetup = useCycleSetup(latest?.id ?? null);
  const [form] = Form.useForm<{ year: number; name: string; rubricVersionId: string } & DeadlineValues>();
  const [rows, setRows] = useState<UnitRow[] | null>(null);
  const { busy, error, setError, run } = useAction();

  // Units: every unit of the province, pre-ticked with its group when the latest cycle assessed it.
  useEffect(() => {
    if (rows || !refUnits.data || (latest && !latestSetup.data && !latestSetup.isError)) return;
    const prior = new Map((latestSetup.data?.units ?? []).map((u) => [u.unitId, u.peerGroup]));
    setRows(
      refUnits.data
        .map((u) => ({ unitId: u.id, code: u.code, name: u.name, include: prior.has(u.id), peerGroup: prior.get(u.id) ?? null }))
        .sort((x, y) => Number(y.include) - Number(x.include) || collator.compare(x.peerGroup ?? '', y.peerGroup ?? '') || collator.compare(x.name, y.name)),
    );
  }, [rows, refUnits.data, latest, latestSetup.data, latestSetup.isError]);

  useEffect(() => {
    if (!latest || !rubrics.data || form.getFieldValue('year')) return;
    const year = latest.year + 1;
    const rubric = rubrics.data.find((r) => r.year === year) ?? rubrics.data[0];
    form.setFieldsValue({ year, name: a.cycleNameDefault(year), rubricVersionId: rubric?.id });
  }, [latest, rubrics.data, form, a]);

  const groups = latestSetup.data?.peerGroups ?? [];
  const chosen = (rows ?? []).filter((r) => r.include);
  const update = (unitId: string, patch: Partial<UnitRow>) => setRows((rs) => (rs ?? []).map((r) => (r.unitId === unitId ? { ...r, ...patch } : r)));

  const submit = async (values: { year: number; name: string; rubricVersionId: string } & DeadlineValues) => {
    setError(null);
    if (chosen.length === 0) return setError(a.needUnits);
    const missing = chosen.find((r) => !r.peerGroup);
    if (missing) return setError(a.missingGroup(missing.name));
    await run(async () => {
      const body: NewCycleBody = {
        year: values.year,
        name: values.name.trim(),
        rubricVersionId: values.rubricVersionId,
        units: chosen.map((r) => ({ unitId: r.unitId, peerGroup: r.peerGroup! })),
        deadlines: toDeadlines(values),
      };
      const created = await send<WorkCycle>('POST', '/api/work/cycles', body);
      message.success(a.cycleCreated);
      await client.invalidateQueries({ queryKey: workKeys.cycles });
      navigate(`/work/cycles/${enc(created.id)}/setup`);
    });
  };

  const loadError = cycles.error ?? rubrics.error ?? refUnits.error;
  if (loadError) return <ErrorAlert error={loadError} onRetry={() => void Promise.all([cycles.refetch(), rubrics.refetch(), refUnits.refetch()])} />;
  if (!rows || !rubrics.data) return <Skeleton active />;

  const columns: TableColumnsType<UnitRow> = [
    {
      key: 'include',
      title: a.include,
      width: 90,
      render: (_, r) => <Checkbox checked={r.include} onChange={(e) => update(r.unitId, { include: e.target.checked })} aria-label={`${a.include}: ${r.name}`} />,
    },
    { key: 'name', title: w.colUnit, dataIndex: 'name' },
    {
      key: 'group',
      title: a.peerGroup,
      width: 300,
      render: (_, r) => (
        <Select
          style={{ width: '100%' }}
          placeholder={a.peerGroupPick}
          aria-label={`${a.peerGroup}: ${r.name}`}
          value={r.peerGroup ?? undefined}
          disabled={!r.include}
          status={r.include && !r.peerGroup ? 'error' : undefined}
          options={groups.map((g) => ({ value: g.code, label: g.name }))}
          onChange={(v: string) => update(r.unitId, { peerGroup: v })}
        />
      ),
    },
  ];

  return (
    <section aria-labelledby="new-cycle-title" className="setup">
      <h2 id="new-cycle-title">{a.newCycleTitle}</h2>
      <p className="work-muted">{a.newCycleIntro}</p>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark>
        <Card size="small" className="work-gap">
          <div className="setup-row">
            {/* The server's own rules (NewCycleBody), with the page's messages. */}
            <Form.Item label={a.year} name="year" required rules={[fieldRule(NewCycleBody, 'year', a.year)]}>
              <InputNumber min={2000} max={2100} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item label={a.cycleName} name="name" required rules={[fieldRule(NewCycleBody, 'name', a.cycleNameRequired)]} className="setup-grow">
              <Input maxLength={200} />
            </Form.Item>
          </div>
          <Form.Item label={a.rubric} name="rubricVersionId" required rules={[fieldRule(NewCycleBody, 'rubricVersionId', a.rubricRequired)]} extra={a.rubricGroupsNote}>
            <Select options={rubrics.data.map((r) => ({ value: r.id, label: a.rubricOption(r.name, r.version, r.year) }))} />
          </Form.Item>
        </Card>
        <Card size="small" title={a.deadlinesTitle} className="work-gap">
          <DeadlineFields />
        </Card>
        <Card size="small" title={a.unitsTitle} extra={<span className="work-muted">{a.unitsCount(chosen.length, rows.length)}</span>} className="work-gap">
          {latest && <p className="work-muted work-small">{a.copiedFrom(latest.name)}</p>}
          <Table size="small" rowKey="unitId" columns={columns} dataSource={rows} pagination={false} scroll={{ y: 420 }} />
        </Card>
        {error && <Alert type="error" showIcon role="alert" title={error} className="work-gap" />}
        <Button type="primary" size="large" htmlType="submit" loading={busy}>
          {a.createCycle}
        </Button>
      </Form>
    </section>
  );
}
