/**
 * "Chấm điểm khảo sát": scores every survey leaf of the cycle from the valid responses (the server
 * writes the points), and shows the stored result — also after a reload — per unit (survey points
 * with the 95% interval, answers, flags) and per unit × leaf, with the reason of every flag and of
 * every leaf left out of a unit's maximum.
 */
import type { SurveyLeafScoreDto, SurveyScoresDto, SurveyUnitScoreDto } from '@parindex/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Progress, Spin, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { getJson } from '../../lib/api.ts';
import { formatDecimal, formatInteger } from '../../lib/format.ts';
import { useBackgroundRun } from '../../lib/background-run.ts';
import { surveyUrls } from './surveys.api.ts';
import { surveysMessages } from './surveys.messages.ts';

const scoresKey = (cycleId: string) => ['work', 'survey-scores', cycleId] as const;

export function ScorePanel({ cycleId, canManage }: { cycleId: string; canManage: boolean }) {
  const m = useFeatureMessages(surveysMessages);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const stored = useQuery({ queryKey: scoresKey(cycleId), queryFn: () => getJson<SurveyScoresDto>(surveyUrls.score(cycleId)), staleTime: 10_000 });
  const [justRan, setJustRan] = useState(false);
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const d = (v: string | null) => (v === null ? '—' : formatDecimal(v, lang, { places: 2 }));
  const interval = (low: string | null, high: string | null) => (low !== null && high !== null ? `${d(low)} – ${d(high)}` : '—');

  // A background job on the server (POST …/surveys/score-jobs): polled, then the stored scores are reloaded.
  const scoring = useBackgroundRun(`survey-score:${cycleId}`, {
    onDone: async () => {
      await client.invalidateQueries({ queryKey: scoresKey(cycleId) });
      setJustRan(true);
    },
    onError: (reason) => void message.error(m.scoreFailed(reason), 10),
  });
  const run = () => {
    setJustRan(false);
    return scoring.start(surveyUrls.scoreJobs(cycleId));
  };

  const result = stored.data;
  const responses = result?.responses;
  const valid = responses ? responses.total - responses.excluded - responses.otherQuestionnaire : 0;
  const when = result?.scoredAt ? new Date(result.scoredAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }) : null;
  const leaves = (result?.leaves ?? []).filter((l) => !onlyFlagged || l.flagged || !l.applicable);
  const flaggedCount = (result?.leaves ?? []).filter((l) => l.flagged).length;
  const anyPartial = (result?.units ?? []).some((u) => !u.ciComplete && u.ciLow !== null);

  return (
    <Card className="sv-gap" title={m.scoreHeading} extra={canManage && <Button type="primary" loading={scoring.busy} onClick={() => void run()}>{m.scoreRun}</Button>}>
      <p className="sv-help">{m.scoreHelp}</p>
      {scoring.running && scoring.job && (
        <div className="sv-gap-sm" aria-live="polite">
          <Progress percent={scoring.job.progress} size="small" status="active" aria-label={m.scoreHeading} />
          <span className="sv-help">{scoring.job.status === 'queued' ? m.scoreQueued : m.scoreRunning(scoring.job.progress)}</span>
        </div>
      )}
      {stored.isLoading && <Spin />}
      {stored.error && <Alert type="error" showIcon title={(stored.error as Error).message} />}
      {result && !result.scoredAt && <p className="sv-help">{m.notScored}</p>}
      {result?.scoredAt && (
        <>
          <Alert className="sv-gap-sm" type={justRan ? 'success' : 'info'} showIcon title={justRan && responses ? m.scoreDone(formatInteger(valid, lang)) : m.scoredAt(when ?? '', result.scoredBy)} />
          {result.unlinkedLeaves.length > 0 && <Alert className="sv-gap-sm" type="warning" showIcon title={m.unlinkedLeaves(result.unlinkedLeaves.join(', '))} />}
          <h3 className="sv-h3">{m.scoreUnitsHeading}</h3>
          <Table<SurveyUnitScoreDto>
            size="small"
            rowKey="unitCode"
            dataSource={result.units}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            rowClassName={(u) => (u.flaggedLeaves > 0 ? 'sv-row--flagged' : '')}
            columns={[
              { title: m.unit, dataIndex: 'unitName' },
              { title: m.points, dataIndex: 'points', align: 'right', render: d },
              { title: m.max, dataIndex: 'max', align: 'right', render: d },
              { title: m.ci, key: 'ci', align: 'right', render: (_: unknown, u) => `${interval(u.ciLow, u.ciHigh)}${u.ciLow !== null && !u.ciComplete ? ' *' : ''}` },
              { title: m.answers, dataIndex: 'answers', align: 'right', render: (n: number) => formatInteger(n, lang) },
              { title: m.flaggedLeaves, dataIndex: 'flaggedLeaves', align: 'right', render: (n: number) => (n > 0 ? <Tag color="orange">{formatInteger(n, lang)}</Tag> : '0') },
              { title: m.notApplicableLeaves, dataIndex: 'notApplicableLeaves', align: 'right', render: (n: number) => formatInteger(n, lang) },
            ]}
          />
          {anyPartial && <p className="sv-help">* {m.ciPartial}</p>}
          <p className="sv-help">{m.notApplicableHelp}</p>
          <h3 className="sv-h3">{m.scoreLeavesHeading}</h3>
          <label className="sv-switch">
            <Switch size="small" checked={onlyFlagged} onChange={setOnlyFlagged} /> {m.onlyFlagged} ({formatInteger(flaggedCount, lang)})
          </label>
          <Table<SurveyLeafScoreDto>
            size="small"
            rowKey={(l) => `${l.unitCode}|${l.leafCode}`}
            dataSource={leaves}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            rowClassName={(l) => (l.flagged ? 'sv-row--flagged' : '')}
            columns={[
              { title: m.unit, dataIndex: 'unitName' },
              { title: m.leaf, dataIndex: 'leafCode' },
              { title: m.n, dataIndex: 'n', align: 'right', render: (n: number) => formatInteger(n, lang) },
              { title: m.points, dataIndex: 'points', align: 'right', render: (p: string | null, l) => (l.applicable ? d(p) : <Tag>{m.notApplicable}</Tag>) },
              { title: m.max, dataIndex: 'max', align: 'right', render: d },
              { title: m.ci, key: 'ci', align: 'right', render: (_: unknown, l) => interval(l.ciLow, l.ciHigh) },
              { title: m.flagged, dataIndex: 'reason', render: (r: string | null, l) => (l.flagged || !l.applicable ? <Tag color={l.flagged ? 'orange' : undefined}>{r ?? m.flagged}</Tag> : null) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
