import type { ScorecardLeafDto, UnitScorecardDto } from '@parindex/contracts';
import { Switch, Table, type TableColumnsType } from 'antd';
import { useEffect, useId, useState } from 'react';
import { flushSync } from 'react-dom';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatDecimal } from '../../lib/format.ts';
import { Link, rubricPath } from '../../app/router.tsx';
import { lostLeaves } from './scorecard.logic.ts';
import { scorecardMessages } from './scorecard.messages.ts';

/** True while the page is being printed, so that a paged table prints every row. */
function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return printing;
}

/** Every applicable sub-criterion, most points lost first; by default only those that lost points. */
export function LeavesTable({ data }: { data: UnitScorecardDto }) {
  const m = useFeatureMessages(scorecardMessages);
  const { lang } = useI18n();
  const switchId = useId();
  const [all, setAll] = useState(false);
  const printing = usePrinting();
  const lost = lostLeaves(data.leaves);
  const rows = all ? data.leaves : lost;
  const n = (v: string) => formatDecimal(v, lang);
  const opt = (v: string | null) => (v === null ? '—' : n(v));
  const source = (l: ScorecardLeafDto) =>
    l.effect === 'bonus' ? m.effectBonus : l.effect === 'deduction' ? m.effectDeduction : l.source === 'survey' ? m.sourceSurvey : m.sourceAppraised;
  const columns: TableColumnsType<ScorecardLeafDto> = [
    // The code opens the leaf on the year's rubric page: how it is scored, the evidence expected.
    { key: 'code', title: m.colCode, dataIndex: 'code', width: 70, render: (c: string) => (data.cycle.rubricCode ? <Link className="sc-code" href={rubricPath(data.cycle.id, c)} title={m.rubricLinkTitle(c)}>{c}</Link> : <span className="sc-code">{c}</span>) },
    { key: 'title', title: m.colLeaf, dataIndex: 'title', render: (t: string) => <span className="sc-title-cell">{t}</span> },
    { key: 'source', title: m.colSource, render: (_, l) => source(l) },
    { key: 'max', title: m.colMax, align: 'right', render: (_, l) => <span className="num">{n(l.max)}</span> },
    { key: 'self', title: m.colSelf, align: 'right', render: (_, l) => <span className="num">{opt(l.selfPoints)}</span> },
    {
      key: 'appraised',
      title: m.colAppraised,
      align: 'right',
      render: (_, l) => (
        <span className="num">
          {opt(l.appraisedPoints)}
          {l.appraisalStage && l.appraisalStage !== 'proposal' && <span className="sc-stage"> {m.stage[l.appraisalStage]}</span>}
        </span>
      ),
    },
    { key: 'survey', title: m.colSurveyPts, align: 'right', render: (_, l) => <span className="num">{opt(l.surveyPoints)}</span> },
    { key: 'points', title: m.colFinal, align: 'right', render: (_, l) => <strong className="num">{n(l.finalPoints)}</strong> },
    {
      key: 'lost',
      title: m.colLost,
      align: 'right',
      render: (_, l) => (l.effect === 'score' ? <strong className="num sc-lost">{n(l.lost)}</strong> : <span className="num">—</span>),
    },
  ];
  return (
    <section className="sc-card" aria-labelledby="sc-leaves">
      <div className="sc-card__head">
        <h3 id="sc-leaves" className="sc-card__title">
          {m.leavesTitle}
        </h3>
        <label htmlFor={switchId} className="sc-switch no-print">
          <Switch id={switchId} size="small" checked={all} onChange={setAll} /> {m.leavesAll}
        </label>
      </div>
      <p className="sc-muted">{m.leavesDesc(lost.length, n(data.recoverable))}</p>
      <p className="sc-muted sc-legend">{m.leavesLegend}</p>
      <Table<ScorecardLeafDto>
        size="small"
        bordered
        rowKey="code"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 20 && !printing ? { pageSize: 20, showSizeChanger: false, hideOnSinglePage: true } : false}
        scroll={{ x: 'max-content' }}
        caption={<span className="visually-hidden">{m.leavesCaption(data.unit.unitName)}</span>}
      />
    </section>
  );
}
