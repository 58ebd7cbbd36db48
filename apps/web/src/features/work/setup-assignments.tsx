/** The appraiser assignments of a cycle by field / criterion / leaf, with the appraiser's own unit (never appraised). */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Modal, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { send } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { useA } from './admin.messages.ts';
import { type CycleSetup, type AssignableNode, adminKeys, useAccounts, useRefUnits, useRubricNodes } from './admin.api.ts';
import { collator, enc, nodeSearch } from './setup-common.tsx';
import { errorText, useW } from './work-common.tsx';
import { type WorkCycle, cycleApi, workKeys } from './work.api.ts';
import { ActionsHeader } from '../../app/table-a11y.tsx';

type Assignment = CycleSetup['assignments'][number];

export function AssignmentsCard({ cycle, setup, canEdit }: { cycle: WorkCycle; setup: CycleSetup; canEdit: boolean }) {
  const a = useA();
  const { w } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const users = useAccounts();
  const refUnits = useRefUnits();
  const nodes = useRubricNodes(cycle.id, setup);
  const [userId, setUserId] = useState<string | undefined>();
  const [nodeCode, setNodeCode] = useState<string | undefined>();
  const { busy, error, run } = useAction();

  const unitName = (id: string | null) => (id ? (refUnits.data?.find((u) => u.id === id)?.name ?? id) : null);
  const nodeOf = (code: string): AssignableNode | undefined => nodes.data?.find((n) => n.code === code);
  const appraisers = (users.data ?? []).filter((u) => u.role === 'appraiser' && u.active).sort((x, y) => collator.compare(x.fullName, y.fullName));
  const picked = appraisers.find((u) => u.id === userId);

  const refresh = () => client.invalidateQueries({ queryKey: adminKeys.setup(cycle.id) });
  const assign = async () => {
    if (!userId || !nodeCode) return;
    await run(async () => {
      await send('POST', `${cycleApi(cycle.id)}/assignments`, { userId, nodeCode });
      message.success(a.assigned(picked?.fullName ?? '', nodeCode));
      setNodeCode(undefined);
      await refresh();
      void client.invalidateQueries({ queryKey: workKeys.appraisal(cycle.id) });
    });
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
            title: <ActionsHeader />,
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
