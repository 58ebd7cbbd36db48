/**
 * The secretariat's correction of a published cycle (on the board page): list the leaves to
 * correct (unit, criterion, new points, reason), preview the results the engine gives (nothing is
 * saved), then publish them as the next version with the reason and the decision. Publishing is
 * offered only for the list exactly as previewed, against the version it was previewed on.
 */
import { type CorrectionOutcome, CorrectionPoints, CorrectionPublishRequest, type UnitScorecardDto } from '@parindex/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { getJson } from '../../lib/api.ts';
import { fieldRule, schemaRule } from '../../lib/form-rules.ts';
import { compareDecimal, formatDecimal } from '../../lib/format.ts';
import { send } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { correctionMessages } from './corrections.messages.ts';
import { fmtPoints, parsePoints, useW } from './work-common.tsx';
import { type WorkCycle, cycleApi, useWorkResults } from './work.api.ts';
import { ActionsHeader } from '../../app/table-a11y.tsx';

interface Item {
  unitId: string;
  unitName: string;
  leafCode: string;
  leafTitle: string;
  max: string;
  current: string;
  points: string;
  reason: string;
}

/** What a correction does (preview) or did (publish): the server's shape. */
type Outcome = CorrectionOutcome;

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, undefined, { numeric: true });

export function CorrectionSection({ cycle }: { cycle: WorkCycle }) {
  const m = useFeatureMessages(correctionMessages);
  const { lang } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const results = useWorkResults(cycle.id, true);
  const [itemForm] = Form.useForm<{ unitId: string; leafCode: string; points: string; reason?: string }>();
  const [pubForm] = Form.useForm<{ reason: string; decisionNumber: string; decisionDate: Dayjs }>();
  const unitId = Form.useWatch('unitId', itemForm);
  const [items, setItems] = useState<Item[]>([]);
  const [preview, setPreview] = useState<{ outcome: Outcome; key: string } | null>(null);
  const { busy, error, setError, run } = useAction();

  const units = useMemo(() => {
    const collator = new Intl.Collator('vi');
    return (results.data?.groups.flatMap((g) => g.units) ?? []).map((u) => ({ value: u.unitId, label: u.unitName })).sort((a, b) => collator.compare(a.label, b.label));
  }, [results.data]);
  // The unit's published points per leaf: its public scorecard (the cycle is published).
  const leaves = useQuery({
    queryKey: ['work', 'correction-leaves', cycle.id, unitId],
    queryFn: () => getJson<UnitScorecardDto>(`/api/cycles/${encodeURIComponent(cycle.id)}/units/${encodeURIComponent(unitId!)}`),
    enabled: !!unitId,
    staleTime: 0,
  });
  const leafOptions = useMemo(
    () => [...(leaves.data?.leaves ?? [])].sort(byCode).map((l) => ({ value: l.code, label: m.leafOption(l.code, l.title, fmtPoints(l.points, lang), fmtPoints(l.max, lang)) })),
    [leaves.data, m, lang],
  );

  const body = (reason: string) => ({ items: items.map((i) => ({ unitId: i.unitId, leafCode: i.leafCode, points: i.points, reason: i.reason || null })), reason: reason.trim() });
  const keyOf = (reason: string) => JSON.stringify(body(reason));
  const reasonNow = Form.useWatch('reason', pubForm) ?? '';
  const fresh = preview !== null && preview.key === keyOf(reasonNow);

  const add = (v: { unitId: string; leafCode: string; points: string; reason?: string }) => {
    const leaf = leaves.data?.leaves.find((l) => l.code === v.leafCode);
    const points = parsePoints(v.points);
    if (!leaf || points === null) return;
    if (items.some((i) => i.unitId === v.unitId && i.leafCode === v.leafCode)) return setError(m.duplicate);
    setError(null);
    setItems([...items, { unitId: v.unitId, unitName: units.find((u) => u.value === v.unitId)?.label ?? v.unitId, leafCode: leaf.code, leafTitle: leaf.title, max: leaf.max, current: leaf.points, points, reason: v.reason?.trim() ?? '' }]);
    itemForm.resetFields(['leafCode', 'points', 'reason']);
  };

  // A missing reason shows on its field (validateFields rejects; the caller ignores the rejection).
  const runPreview = async () => {
    const { reason } = await pubForm.validateFields(['reason']);
    const done = await run(async () => {
      const outcome = await send<Outcome>('POST', `${cycleApi(cycle.id)}/corrections/preview`, body(reason));
      setPreview({ outcome, key: keyOf(reason) });
    });
    if (!done) setPreview(null);
  };

  const publish = async () => {
    const v = await pubForm.validateFields();
    if (!preview) return;
    Modal.confirm({
      title: m.confirmTitle(preview.outcome.version),
      content: m.confirmBody,
      okText: m.publish,
      cancelText: m.cancel,
      onOk: async () => {
        await run(async () => {
          const res = await send<Outcome>('POST', `${cycleApi(cycle.id)}/corrections`, {
            ...body(v.reason),
            decisionNumber: v.decisionNumber.trim(),
            decisionDate: v.decisionDate.format('YYYY-MM-DD'),
            basedOnVersion: preview.outcome.basedOnVersion,
          });
          message.success(m.published(res.version));
          setItems([]);
          setPreview(null);
          pubForm.resetFields();
          void client.invalidateQueries({ queryKey: ['work'] });
          void client.invalidateQueries({ queryKey: ['cycles'] });
        });
      },
    });
  };

  const itemColumns: TableColumnsType<Item> = [
    { title: m.unit, dataIndex: 'unitName' },
    { title: m.leaf, render: (_, i) => `${i.leafCode} — ${i.leafTitle}` },
    { title: m.current, className: 'num', render: (_, i) => `${fmtPoints(i.current, lang)} / ${fmtPoints(i.max, lang)}` },
    { title: m.points, className: 'num', render: (_, i) => <strong>{fmtPoints(i.points, lang)}</strong> },
    { title: m.itemReason, dataIndex: 'reason' },
    {
      title: <ActionsHeader />,
      render: (_, i) => (
        <Button size="small" aria-label={m.removeLabel(i.unitName, i.leafCode)} onClick={() => setItems(items.filter((x) => x !== i))}>
          {m.remove}
        </Button>
      ),
    },
  ];
  const pct = (s: string) => formatDecimal(s, lang);
  const pair = (b: string | number, a: string | number) => (String(b) === String(a) ? String(a) : `${b} → ${a}`);
  const moveColumns: TableColumnsType<Outcome['units'][number]> = [
    { title: m.unit, dataIndex: 'unitName' },
    { title: m.total, className: 'num', render: (_, u) => pair(fmtPoints(u.before.total, lang), fmtPoints(u.after.total, lang)) },
    { title: m.index, className: 'num', render: (_, u) => pair(pct(u.before.indexRounded), pct(u.after.indexRounded)) },
    { title: m.classification, render: (_, u) => pair(u.before.classification, u.after.classification) },
    { title: m.rank, className: 'num', render: (_, u) => pair(u.before.rank, u.after.rank) },
  ];

  return (
    <section aria-label={m.title} className="work-gap">
      <p className="work-muted">{m.intro}</p>
      {error && <Alert type="error" showIcon role="alert" title={error} className="work-gap" />}
      <Form form={itemForm} name="correction-item" layout="inline" onFinish={add} className="publish-form">
        <Form.Item label={m.unit} name="unitId" rules={[{ required: true, message: m.required }]}>
          <Select showSearch optionFilterProp="label" options={units} placeholder={m.unitPlaceholder} style={{ width: 260 }} loading={results.isPending} onChange={() => itemForm.resetFields(['leafCode'])} />
        </Form.Item>
        <Form.Item label={m.leaf} name="leafCode" rules={[{ required: true, message: m.required }]}>
          <Select showSearch optionFilterProp="label" options={leafOptions} placeholder={m.leafPlaceholder} style={{ width: 360 }} loading={leaves.isFetching} disabled={!unitId} />
        </Form.Item>
        <Form.Item
          label={m.points}
          name="points"
          dependencies={['leafCode']}
          rules={[
            { required: true, message: m.required },
            schemaRule(CorrectionPoints, m.pointsInvalid),
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => {
                if (!value) return Promise.resolve();
                const points = parsePoints(value);
                if (points === null) return Promise.resolve(); // the format rule above says why
                const leaf = leaves.data?.leaves.find((l) => l.code === getFieldValue('leafCode'));
                if (leaf && compareDecimal(points, leaf.max) > 0) return Promise.reject(new Error(m.pointsAboveMax(leaf.code, fmtPoints(leaf.max, lang))));
                if (leaf && compareDecimal(points, leaf.points) === 0) return Promise.reject(new Error(m.pointsSame(leaf.code)));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <Input inputMode="decimal" style={{ width: 100 }} />
        </Form.Item>
        <Form.Item label={m.itemReason} name="reason">
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Button htmlType="submit">{m.add}</Button>
      </Form>
      <Table rowKey={(i) => `${i.unitId}|${i.leafCode}`} size="small" pagination={false} columns={itemColumns} dataSource={items} locale={{ emptyText: m.noItems }} className="work-gap" />
      <Form form={pubForm} name="correction-publish" layout="inline" className="publish-form work-gap">
        <Form.Item label={m.reason} name="reason" required rules={[fieldRule(CorrectionPublishRequest, 'reason', m.required)]}>
          <Input style={{ width: 320 }} />
        </Form.Item>
        <Form.Item label={m.decisionNumber} name="decisionNumber" required rules={[fieldRule(CorrectionPublishRequest, 'decisionNumber', m.required)]}>
          <Input placeholder={m.decisionNumberHint} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label={m.decisionDate} name="decisionDate" required rules={[fieldRule(CorrectionPublishRequest, 'decisionDate', m.required)]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Button onClick={() => void runPreview().catch(() => undefined)} loading={busy} disabled={items.length === 0}>
          {m.preview}
        </Button>
        <Button type="primary" onClick={() => void publish().catch(() => undefined)} loading={busy} disabled={!fresh}>
          {m.publish}
        </Button>
      </Form>
      {preview && (
        <div className="work-gap" aria-live="polite">
          <h4 className="work-h3">{m.previewTitle(preview.outcome.version)}</h4>
          {!fresh && <Alert type="warning" showIcon title={m.previewStale} className="work-gap" />}
          <Table rowKey="unitId" size="small" pagination={false} columns={moveColumns} dataSource={preview.outcome.units} locale={{ emptyText: m.noMoves }} />
        </div>
      )}
    </section>
  );
}
