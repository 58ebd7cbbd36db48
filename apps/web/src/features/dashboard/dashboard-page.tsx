import type { CycleDto } from '@parindex/contracts';
import { Button, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageMeta } from '../../app/page-meta.ts';
import { Link, cyclePath, dashboardPath, navigate } from '../../app/router.tsx';
import { CycleSelect } from '../results/cycle-select.tsx';
import { EmptyState, ErrorState, ResultsSkeleton } from '../results/result-states.tsx';
import { defaultCycle, isPublic, useCycles } from '../results/results.queries.ts';
import '../results/results.css';
import { bandRanges, shownGroups } from './dashboard.logic.ts';
import { dashboardMessages } from './dashboard.messages.ts';
import { useDashboard } from './dashboard.queries.ts';
import { HeatmapPanel, RankingPanel } from './group-panels.tsx';
import { ClassPanel, FieldAveragesPanel, GroupTrendPanel } from './overview-panels.tsx';
import { SipasPanel } from './sipas-panel.tsx';
import './dashboard.css';
import { ExternalIndicesSection } from '../external/external-panels.tsx';

const GROUP_PARAM = 'nhom';

function initialGroup(): string | null {
  return new URLSearchParams(window.location.search).get(GROUP_PARAM);
}

/** Keeps the group filter in the address (?nhom=…), so a filtered view can be shared. */
function rememberGroup(code: string | null): void {
  const url = new URL(window.location.href);
  if (code) url.searchParams.set(GROUP_PARAM, code);
  else url.searchParams.delete(GROUP_PARAM);
  window.history.replaceState(null, '', url.pathname + url.search);
}

/** The province dashboard (`/dashboard`, `/cycles/:id/dashboard`): filters by year and group; every chart has its table. */
export function DashboardPage({ cycleId }: { cycleId: string | null }) {
  const m = useFeatureMessages(dashboardMessages);
  const { t } = useI18n();
  const cycles = useCycles();
  const publicCycles = cycles.data?.filter(isPublic);
  const selectedId = cycleId ?? (publicCycles ? (defaultCycle(publicCycles)?.id ?? null) : null);
  const q = useDashboard(selectedId);
  const cycle: CycleDto | undefined = q.data?.cycle ?? cycles.data?.find((c) => c.id === selectedId);
  const [group, setGroup] = useState<string | null>(initialGroup);
  usePageMeta(cycle ? m.heading(cycle.year) : m.headingAny, cycle ? m.describe(cycle.name) : null);

  const d = q.data;
  const groups = useMemo(() => (d ? shownGroups(d, group) : []), [d, group]);
  const ranges = useMemo(() => (d ? bandRanges(d.bands) : []), [d]);
  const classes = useMemo(() => ranges.map((r) => r.label), [ranges]);

  if (cycles.isPending) return <ResultsSkeleton />;
  if (cycles.isError) return <ErrorState error={cycles.error} onRetry={() => void cycles.refetch()} retrying={cycles.isFetching} />;
  if (selectedId === null) return <EmptyState />;

  const chooseGroup = (code: string) => {
    const next = code === '' ? null : code;
    setGroup(next);
    rememberGroup(next);
  };

  return (
    <div className="dashboard">
      <div className="results-head">
        <div className="results-head__text">
          <h2 className="page-title">{cycle ? m.heading(cycle.year) : m.headingAny}</h2>
          {cycle && <p className="results-head__name">{cycle.name}</p>}
        </div>
        <div className="dash-filters" role="group" aria-label={m.filters}>
          {publicCycles && publicCycles.length > 0 && (
            <CycleSelect cycles={publicCycles} value={selectedId} onChange={(id) => navigate(dashboardPath(id) + window.location.search)} />
          )}
          {d && d.groups.length > 1 && (
            <div className="cycle-select">
              <label htmlFor="group-select" className="cycle-select__label">
                {m.groupLabel}
              </label>
              <Select
                id="group-select"
                className="dash-group-select"
                value={group && d.groups.some((g) => g.summary.code === group) ? group : ''}
                onChange={chooseGroup}
                options={[{ value: '', label: m.allGroups }, ...d.groups.map((g) => ({ value: g.summary.code, label: g.summary.name }))]}
                popupMatchSelectWidth={false}
                aria-label={m.groupLabel}
              />
            </div>
          )}
        </div>
      </div>
      {cycle && (
        <div className="dash-actions no-print">
          <Link className="link-button" href={cyclePath(cycle.id)}>
            {m.resultsLink(cycle.year)}
          </Link>
          <Button onClick={() => window.print()}>{m.print}</Button>
        </div>
      )}
      {q.isPending ? (
        <ResultsSkeleton />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />
      ) : q.data.groups.length === 0 ? (
        <EmptyState hint={t.emptyCycle} />
      ) : (
        <>
          <div className="dash-grid">
            <div className="dash-card">
              <ClassPanel data={q.data} groups={groups} classes={classes} />
            </div>
            <div className="dash-card">
              <GroupTrendPanel data={q.data} groups={groups} />
            </div>
          </div>
          {q.data.fields.length > 0 && (
            <div className="dash-card">
              <FieldAveragesPanel data={q.data} groups={groups} />
            </div>
          )}
          {groups.map((g) => (
            <section key={g.summary.code} className="dash-card" aria-label={g.summary.name}>
              <RankingPanel data={q.data} group={g} classes={classes} />
              {q.data.fields.length > 0 ? (
                <HeatmapPanel data={q.data} group={g} ranges={ranges} />
              ) : (
                <p className="sc-muted">{m.heatmapNoData}</p>
              )}
            </section>
          ))}
          <SipasPanel data={q.data} groups={groups.map((g) => g.summary.code)} />
        </>
      )}
      <ExternalIndicesSection />
    </div>
  );
}
