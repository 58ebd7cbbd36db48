/** Per-unit exclusions of a cycle with their legal basis: the table of units and the editing dialog. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Modal, Select, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { send } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { useA } from './admin.messages.ts';
import { type CycleSetup, adminKeys, useRubricNodes } from './admin.api.ts';
import { collator, enc, nodeSearch } from './setup-common.tsx';
import { useW } from './work-common.tsx';
import { type WorkCycle, cycleApi, workKeys } from './work.api.ts';
import { ActionsHeader } from '../../app/table-a11y.tsx';

interface ExclusionRow {
  key: number;
  nodeCode: string | undefined;
  basis: string;
}

export function ExclusionsCard({ cycle, setup, canEdit }: { cycle: WorkCycle; setup: CycleSetup; canEdit: boolean }) {
  const a = useA();
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
            title: <ActionsHeader />,
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
  const { busy, error, setError, run } = useAction();
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
    await run(async () => {
      await send('PUT', `${cycleApi(cycle.id)}/units/${enc(unit.unitId)}/exclusions`, body);
      message.success(a.exclusionsSaved(unit.name));
      await client.invalidateQueries({ queryKey: adminKeys.setup(cycle.id) });
      void client.invalidateQueries({ queryKey: workKeys.board(cycle.id) });
      onClose();
    });
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
