/**
 * Cycle setup for the secretariat (Sở Nội vụ). /work/setup creates a cycle: year, name, rubric
 * version, the units assessed with their peer group (copied from the latest cycle to edit), the
 * stage deadlines. /work/cycles/:id/setup edits an existing cycle: deadlines, appraiser
 * assignments by field / criterion / leaf (with the appraiser's own unit, never appraised), and
 * per-unit exclusions with their legal basis. The administrator sees the same pages read-only.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Modal, Select, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, navigate } from '../../app/router.tsx';
import { send, type SessionUser } from '../../lib/session.ts';
import { useA } from './admin.messages.ts';
import { type CycleSetup, type RubricNode, adminKeys, useAccounts, useCycleSetup, useRefUnits, useRubricNodes, useRubrics } from './admin.api.ts';
import { ErrorAlert, errorText, useW } from './work-common.tsx';
import { type WorkCycle, cycleApi, useWorkCycles, workKeys } from './work.api.ts';

const STAGES = ['self', 'appraisal', 'explanation', 'council'] as const;
type Stage = (typeof STAGES)[number];
type DeadlineValues = Partial<Record<Stage, Dayjs | null>>;

const enc = encodeURIComponent;
const collator = new Intl.Collator('vi');

/**
 * Search of rubric nodes: a code typed ("5.1") finds that node and its children first, in code
 * order; words find titles. Without this "1.5.1" would come before "5.1".
 */
const nodeSearch = {
  showSearch: true,
  filterOption: (input: string, option?: { value?: string; label?: string }) => {
    const q = input.trim().toLowerCase();
    return !!option && (String(option.value ?? '').startsWith(q) || String(option.label ?? '').toLowerCase().includes(q));
  },
  filterSort: (x: { value?: string }, y: { value?: string }, info?: { searchValue: string }) => {
    const q = info?.searchValue.trim() ?? '';
    const px = String(x.value ?? '').startsWith(q) ? 0 : 1;
    const py = String(y.value ?? '').startsWith(q) ? 0 : 1;
    return px - py || String(x.value ?? '').localeCompare(String(y.value ?? ''), undefined, { numeric: true });
  },
};

function toDeadlines(values: DeadlineValues): Partial<Record<Stage, string>> {
  const out: Partial<Record<Stage, string>> = {};
  for (const k of STAGES) if (values[k]) out[k] = values[k]!.format('YYYY-MM-DD');
  return out;
}

function DeadlineFields() {
  const { w } = useW();
  return (
    <div className="setup-deadlines">
      {STAGES.map((k) => (
        <Form.Item key={k} label={`${w.deadline} ${w.deadlines[k]?.toLowerCase() ?? k}`} name={k}>
          <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
        </Form.Item>
      ))}
    </div>
  );
}

// ---------------------------------------------------------------- new cycle

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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
    setBusy(true);
    try {
      const created = await send<WorkCycle>('POST', '/api/work/cycles', {
        year: values.year,
        name: values.name.trim(),
        rubricVersionId: values.rubricVersionId,
        units: chosen.map((r) => ({ unitId: r.unitId, peerGroup: r.peerGroup! })),
        deadlines: toDeadlines(values),
      });
      message.success(a.cycleCreated);
      await client.invalidateQueries({ queryKey: workKeys.cycles });
      navigate(`/work/cycles/${enc(created.id)}/setup`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
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
            <Form.Item label={a.year} name="year" rules={[{ required: true, message: a.year }]}>
              <InputNumber min={2000} max={2100} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item label={a.cycleName} name="name" rules={[{ required: true, whitespace: true, message: a.cycleNameRequired }]} className="setup-grow">
              <Input maxLength={200} />
            </Form.Item>
          </div>
          <Form.Item label={a.rubric} name="rubricVersionId" rules={[{ required: true, message: a.rubricRequired }]} extra={a.rubricGroupsNote}>
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

// ---------------------------------------------------------------- existing cycle

export function CycleSetupPage({ cycle, user }: { cycle: WorkCycle; user: SessionUser }) {
  const a = useA();
  const setup = useCycleSetup(cycle.id);
  const canEdit = user.role === 'secretariat';
  if (setup.isPending) return <Skeleton active />;
  if (setup.isError) return <ErrorAlert error={setup.error} onRetry={() => setup.refetch()} />;
  return (
    <section aria-labelledby="setup-title" className="setup">
      <header className="sheet__head">
        <h2 id="setup-title">{a.setupTitle(cycle.year)}</h2>
        <span className="sheet__tags">
          <Link href={`/work/cycles/${enc(cycle.id)}/audit`}>{a.navAudit}</Link>
        </span>
      </header>
      {!canEdit && <Alert type="info" showIcon title={a.readOnlyAdmin} className="work-gap" />}
      <DeadlinesCard cycle={cycle} canEdit={canEdit} />
      <AssignmentsCard cycle={cycle} setup={setup.data} canEdit={canEdit} />
      <ExclusionsCard cycle={cycle} setup={setup.data} canEdit={canEdit} />
      <GroupsCard setup={setup.data} />
    </section>
  );
}

function DeadlinesCard({ cycle, canEdit }: { cycle: WorkCycle; canEdit: boolean }) {
  const a = useA();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<DeadlineValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const initial = useMemo(() => Object.fromEntries(STAGES.map((k) => [k, cycle.deadlines[k] ? dayjs(cycle.deadlines[k]) : null])) as DeadlineValues, [cycle.deadlines]);
  const save = async (values: DeadlineValues) => {
    setError(null);
    setBusy(true);
    try {
      await send('PUT', `${cycleApi(cycle.id)}/deadlines`, toDeadlines(values));
      message.success(a.deadlinesSaved);
      void client.invalidateQueries({ queryKey: workKeys.cycles });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={a.deadlinesTitle} className="work-gap">
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} disabled={!canEdit}>
        <DeadlineFields />
        {error && <Alert type="error" showIcon role="alert" title={error} className="work-gap" />}
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {a.saveDeadlines}
          </Button>
        )}
      </Form>
    </Card>
  );
}

type Assignment = CycleSetup['assignments'][number];

function AssignmentsCard({ cycle, setup, canEdit }: { cycle: WorkCycle; setup: CycleSetup; canEdit: boolean }) {
  const a = useA();
  const { w } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const users = useAccounts();
  const refUnits = useRefUnits();
  const nodes = useRubricNodes(cycle.id, setup);
  const [userId, setUserId] = useState<string | undefined>();
  const [nodeCode, setNodeCode] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const unitName = (id: string | null) => (id ? (refUnits.data?.find((u) => u.id === id)?.name ?? id) : null);
  const nodeOf = (code: string): RubricNode | undefined => nodes.data?.find((n) => n.code === code);
  const appraisers = (users.data ?? []).filter((u) => u.role === 'appraiser' && u.active).sort((x, y) => collator.compare(x.fullName, y.fullName));
  const picked = appraisers.find((u) => u.id === userId);

  const refresh = () => client.invalidateQueries({ queryKey: adminKeys.setup(cycle.id) });
  const assign = async () => {
    if (!userId || !nodeCode) return;
    setError(null);
    setBusy(true);
    try {
      await send('POST', `${cycleApi(cycle.id)}/assignments`, { userId, nodeCode });
      message.success(a.assigned(picked?.fullName ?? '', nodeCode));
      setNodeCode(undefined);
      await refresh();
      void client.invalidateQueries({ queryKey: workKeys.appraisal(cycle.id) });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const unassign = (row: Assignment) =>
    Modal.confirm({
      title: a.unassignConfirm(row.fullName, row.nodeCode),
      okText: a.unassign,
      cancelText: w.cancel,
      onOk: async () => {
        try {
          await send('DELETE', `${cycleApi(cycle.id)}/assignments?userId=${enc(row.userId)}&nodeCode=${enc(row.nodeCode)}`);
          message.success(a.unassigned);
        } catch (e) {
          Modal.error({ title: errorText(e) });
        } finally {
          await refresh();
        }
      },
    });

  const columns: TableColumnsType<Assignment> = [
    {
      key: 'node',
      title: a.node,
      render: (_, r) => {
        const n = nodeOf(r.nodeCode);
        return (
          <span>
            <strong>{r.nodeCode}</strong> {n ? <span>{n.title}</span> : null} {n && <Tag>{a.nodeKind[n.kind]}</Tag>}
          </span>
        );
      },
    },
    { key: 'who', title: a.appraiser, width: 300, render: (_, r) => r.fullName },
    { key: 'unit', title: a.ownUnit, width: 240, render: (_, r) => unitName(r.unitId) ?? <span className="work-muted">{a.noUnit}</span> },
    ...(canEdit
      ? [
          {
            key: 'x',
            title: '',
            width: 120,
            render: (_: unknown, r: Assignment) => (
              <Button size="small" danger onClick={() => unassign(r)} aria-label={`${a.unassign}: ${r.fullName} — ${r.nodeCode}`}>
                {a.unassign}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card size="small" title={a.assignmentsTitle} className="work-gap" id="assignments">
      <Alert type="info" showIcon title={a.assignmentsNote} className="work-gap" />
      {canEdit && (
        <div className="setup-row setup-assign" role="group" aria-label={a.assign}>
          <div>
            <label htmlFor="assign-user" className="setup-label">{a.appraiser}</label>
            <Select
              id="assign-user"
              showSearch
              optionFilterProp="label"
              style={{ width: 340 }}
              placeholder={a.appraiserPick}
              value={userId}
              onChange={setUserId}
              loading={users.isPending}
              options={appraisers.map((u) => ({ value: u.id, label: u.fullName }))}
            />
            {picked && (
              <div className="work-muted work-small setup-hint">
                {a.ownUnit}: {unitName(picked.unitId) ?? a.noUnit}
              </div>
            )}
          </div>
          <div className="setup-grow">
            <label htmlFor="assign-node" className="setup-label">{a.node}</label>
            <Select
              id="assign-node"
              {...nodeSearch}
              style={{ width: '100%' }}
              placeholder={a.nodePick}
              value={nodeCode}
              onChange={setNodeCode}
              loading={nodes.isPending}
              options={(nodes.data ?? []).map((n) => ({ value: n.code, label: `${n.code} — ${n.title} (${a.nodeKind[n.kind]})` }))}
            />
          </div>
          <Button type="primary" onClick={assign} loading={busy} disabled={!userId || !nodeCode} className="setup-assign__btn">
            {a.assign}
          </Button>
        </div>
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} className="work-gap" />}
      {setup.assignments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={a.noAssignments} />
      ) : (
        <Table size="small" rowKey={(r) => `${r.userId}|${r.nodeCode}`} columns={columns} dataSource={setup.assignments} pagination={false} />
      )}
    </Card>
  );
}

interface ExclusionRow {
  key: number;
  nodeCode: string | undefined;
  basis: string;
}

function ExclusionsCard({ cycle, setup, canEdit }: { cycle: WorkCycle; setup: CycleSetup; canEdit: boolean }) {
  const a = useA();
  const { w } = useW();
  const [editing, setEditing] = useState<CycleSetup['units'][number] | null>(null);
  const counts = new Map<string, number>();
  for (const e of setup.exclusions) counts.set(e.unitId, (counts.get(e.unitId) ?? 0) + 1);
  const units = [...setup.units].sort((x, y) => (counts.get(y.unitId) ?? 0) - (counts.get(x.unitId) ?? 0) || collator.compare(x.name, y.name));
  const columns: TableColumnsType<CycleSetup['units'][number]> = [
    { key: 'unit', title: a.exclusionUnit, render: (_, u) => u.name },
    {
      key: 'ex',
      title: a.exclusionsTitle,
      render: (_, u) => {
        const rows = setup.exclusions.filter((e) => e.unitId === u.unitId);
        if (rows.length === 0) return <span className="work-muted">{a.exclusionCount(0)}</span>;
        return (
          <ul className="setup-list">
            {rows.map((e) => (
              <li key={e.nodeCode}>
                <strong>{e.nodeCode}</strong> — <span className="work-muted">{e.basis}</span>
              </li>
            ))}
          </ul>
        );
      },
    },
    ...(canEdit
      ? [
          {
            key: 'x',
            title: '',
            width: 90,
            render: (_: unknown, u: CycleSetup['units'][number]) => (
              <Button size="small" onClick={() => setEditing(u)} aria-label={`${a.edit}: ${u.name}`}>
                {a.edit}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card size="small" title={a.exclusionsTitle} className="work-gap">
      <p className="work-muted work-small">{a.exclusionsNote}</p>
      <Table size="small" rowKey="unitId" columns={columns} dataSource={units} pagination={false} scroll={{ y: 420 }} />
      {editing && <ExclusionsModal cycle={cycle} setup={setup} unit={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function ExclusionsModal({ cycle, setup, unit, onClose }: { cycle: WorkCycle; setup: CycleSetup; unit: CycleSetup['units'][number]; onClose: () => void }) {
  const a = useA();
  const { w } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const nodes = useRubricNodes(cycle.id, setup);
  const [rows, setRows] = useState<ExclusionRow[]>(() => setup.exclusions.filter((e) => e.unitId === unit.unitId).map((e, i) => ({ key: i, nodeCode: e.nodeCode, basis: e.basis })));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const patch = (key: number, p: Partial<ExclusionRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...p } : r)));
  // Excluded leaves are not on this unit's sheet: keep their codes selectable.
  const options = useMemo(() => {
    const list = (nodes.data ?? []).map((n) => ({ value: n.code, label: `${n.code} — ${n.title}` }));
    for (const r of rows) if (r.nodeCode && !list.some((o) => o.value === r.nodeCode)) list.push({ value: r.nodeCode, label: r.nodeCode });
    return list;
  }, [nodes.data, rows]);

  const save = async () => {
    setError(null);
    const body = rows.filter((r) => r.nodeCode || r.basis.trim()).map((r) => ({ nodeCode: r.nodeCode ?? '', basis: r.basis.trim() }));
    const blank = body.findIndex((r) => !r.nodeCode || !r.basis);
    if (blank >= 0) return setError(`${a.row(blank + 1)}: ${!body[blank].nodeCode ? a.nodeRequired : a.basisRequired}`);
    setBusy(true);
    try {
      await send('PUT', `${cycleApi(cycle.id)}/units/${enc(unit.unitId)}/exclusions`, body);
      message.success(a.exclusionsSaved(unit.name));
      await client.invalidateQueries({ queryKey: adminKeys.setup(cycle.id) });
      void client.invalidateQueries({ queryKey: workKeys.board(cycle.id) });
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open width={860} title={`${a.exclusionsTitle} — ${unit.name}`} onCancel={onClose} onOk={save} okText={a.saveExclusions} cancelText={w.cancel} confirmLoading={busy}>
      <p className="work-muted work-small">{a.exclusionsNote}</p>
      {rows.map((r, i) => (
        <div key={r.key} className="setup-row setup-exclusion">
          <span className="setup-rownum">{i + 1}.</span>
          <Select
            {...nodeSearch}
            style={{ width: 300 }}
            placeholder={a.nodePick}
            aria-label={`${a.row(i + 1)}: ${a.node}`}
            value={r.nodeCode}
            onChange={(v: string) => patch(r.key, { nodeCode: v })}
            options={options}
          />
          <Input className="setup-grow" placeholder={a.basisPlaceholder} aria-label={`${a.row(i + 1)}: ${a.basis}`} value={r.basis} maxLength={500} onChange={(e) => patch(r.key, { basis: e.target.value })} />
          <Button onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} aria-label={`${a.removeRow} ${i + 1}`}>
            {a.removeRow}
          </Button>
        </div>
      ))}
      <Button onClick={() => setRows((rs) => [...rs, { key: Math.max(-1, ...rs.map((x) => x.key)) + 1, nodeCode: undefined, basis: '' }])}>{a.addRow}</Button>
      {error && <Alert type="error" showIcon role="alert" title={error} className="work-section" />}
    </Modal>
  );
}

function GroupsCard({ setup }: { setup: CycleSetup }) {
  const a = useA();
  return (
    <Card size="small" title={a.unitsAndGroups} className="work-gap">
      <div className="setup-groups">
        {setup.peerGroups.map((g) => {
          const units = setup.units.filter((u) => u.peerGroup === g.code);
          return (
            <div key={g.code}>
              <h3 className="work-h3">
                {g.name} <span className="work-muted work-small">({a.unitsInGroup(units.length)})</span>
              </h3>
              <ul className="setup-list">
                {units.map((u) => (
                  <li key={u.unitId}>{u.name}</li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </Card>
  );
}
