/**
 * "Chấm điểm khảo sát": scores every survey leaf of the cycle from the valid responses (the server
 * writes the points), then shows per unit and leaf the answers, points, the 95% interval, and the
 * leaves flagged for too few answers (below the questionnaire's minimum) with the fallback used.
 */
import { Alert, App, Button, Card, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatDecimal, formatInteger } from '../../lib/format.ts';
import { send } from '../../lib/session.ts';
import { type ScoreLeaf, type ScoreResult, surveyUrls } from './surveys.api.ts';
import { surveysMessages } from './surveys.messages.ts';

export function ScorePanel({ cycleId, canManage }: { cycleId: string; canManage: boolean }) {
  const m = useFeatureMessages(surveysMessages);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [result, setResult] = useState<ScoreResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const d = (v: string | null) => (v === null ? '—' : formatDecimal(v, lang, { places: 2 }));

  const run = async () => {
    setBusy(true);
    try {
      setResult(await send<ScoreResult>('POST', surveyUrls.score(cycleId)));
    } catch (e) {
      message.error((e as Error).message, 8);
    } finally {
      setBusy(false);
    }
  };

  const leaves = (result?.leaves ?? []).filter((l) => !onlyFlagged || l.flagged);
  return (
    <Card className="sv-gap" title={m.scoreHeading} extra={canManage && <Button type="primary" loading={busy} onClick={() => void run()}>{m.scoreRun}</Button>}>
      <p className="sv-help">{m.scoreHelp}</p>
      {result && (
        <>
          <Alert className="sv-gap-sm" type="success" showIcon title={m.scoreDone(formatInteger(result.responses, lang))} />
          <label className="sv-switch">
            <Switch size="small" checked={onlyFlagged} onChange={setOnlyFlagged} /> {m.onlyFlagged} ({formatInteger(result.leaves.filter((l) => l.flagged).length, lang)})
          </label>
          <Table<ScoreLeaf>
            size="small"
            rowKey={(l) => `${l.unitCode}|${l.leafCode}`}
            dataSource={leaves}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            rowClassName={(l) => (l.flagged ? 'sv-row--flagged' : '')}
            columns={[
              { title: m.unit, dataIndex: 'unitCode' },
              { title: m.leaf, dataIndex: 'leafCode' },
              { title: m.n, dataIndex: 'n', align: 'right', render: (n: number) => formatInteger(n, lang) },
              { title: m.points, dataIndex: 'points', align: 'right', render: (p: string, l) => (l.applicable ? d(p) : <Tag>{m.notApplicable}</Tag>) },
              { title: m.max, dataIndex: 'max', align: 'right', render: d },
              { title: m.ci, key: 'ci', align: 'right', render: (_: unknown, l) => (l.ciLow !== null && l.ciHigh !== null ? `${d(l.ciLow)} – ${d(l.ciHigh)}` : '—') },
              { title: m.flagged, dataIndex: 'reason', render: (r: string | null, l) => (l.flagged ? <Tag color="orange">{r ?? m.flagged}</Tag> : null) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
