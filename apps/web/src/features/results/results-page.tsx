import type { CycleDto } from '@parindex/contracts';
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { usePageMeta } from '../../app/page-meta.ts';
import { cyclePath, navigate } from '../../app/router.tsx';
import { CycleSelect } from './cycle-select.tsx';
import { GroupCard } from './group-card.tsx';
import { EmptyState, ErrorState, ResultsSkeleton } from './result-states.tsx';
import { defaultCycle, useCycleResults, useCycles } from './results.queries.ts';
import './results.css';

interface Props {
  cycleId: string | null;
  /** Links each unit's name to its page. */
  unitHref?: (cycleId: string, unitId: string) => string;
  /** Shown under the heading once the cycle is known (e.g. the portal's years and downloads). */
  extras?: (cycle: CycleDto, cycles: CycleDto[]) => ReactNode;
  /** The page's meta description for this cycle. */
  describe?: (cycle: CycleDto) => string;
}

/** Published results of one cycle: `/` shows the newest published cycle, `/cycles/:id` a chosen one. */
export function ResultsPage({ cycleId, unitHref, extras, describe }: Props) {
  const { t } = useI18n();
  const cycles = useCycles();
  const selectedId = cycleId ?? (cycles.data ? (defaultCycle(cycles.data)?.id ?? null) : null);
  const results = useCycleResults(selectedId);
  const cycle: CycleDto | undefined = results.data?.cycle ?? cycles.data?.find((c) => c.id === selectedId);

  usePageMeta(cycle?.name, cycle && describe ? describe(cycle) : undefined);

  if (cycles.isPending) return <ResultsSkeleton />;
  if (cycles.isError) {
    return <ErrorState error={cycles.error} onRetry={() => void cycles.refetch()} retrying={cycles.isFetching} />;
  }
  if (selectedId === null) return <EmptyState />;

  const known = cycles.data.some((c) => c.id === selectedId);
  return (
    <>
      <div className="results-head">
        <div className="results-head__text">
          <h2 className="page-title">{cycle ? t.resultsHeading(cycle.year) : t.resultsHeadingAny}</h2>
          {cycle && <CycleFacts cycle={cycle} />}
        </div>
        {cycles.data.length > 0 && (
          <CycleSelect
            cycles={cycles.data}
            value={known ? selectedId : null}
            onChange={(id) => navigate(cyclePath(id))}
          />
        )}
      </div>
      {cycle && extras?.(cycle, cycles.data)}
      {results.isPending ? (
        <ResultsSkeleton />
      ) : results.isError ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} retrying={results.isFetching} />
      ) : results.data.groups.length === 0 ? (
        <EmptyState hint={t.emptyCycle} />
      ) : (
        results.data.groups.map((g) => (
          <GroupCard
            key={g.summary.code}
            cycle={results.data.cycle}
            summary={g.summary}
            units={g.units}
            fullMax={g.fullMax}
            unitHref={unitHref && ((unitId) => unitHref(results.data.cycle.id, unitId))}
          />
        ))
      )}
    </>
  );
}

/** The cycle's own name (which carries the province), where the figures come from, and when computed. */
export function CycleFacts({ cycle }: { cycle: CycleDto }) {
  const { t, lang } = useI18n();
  const facts: string[] = [];
  facts.push(cycle.source === 'imported' ? t.sourceImported : t.sourceAssessed);
  if (cycle.rubricCode) facts.push(t.rubric(cycle.rubricCode, cycle.rubricVersion));
  if (cycle.computedAt) {
    const when = new Date(cycle.computedAt);
    if (!Number.isNaN(when.getTime())) {
      facts.push(t.computedAt(formatDateTime(when, lang)));
    }
  }
  return (
    <>
      <p className="results-head__name">{cycle.name}</p>
      <p className="results-head__facts">{facts.join(' · ')}</p>
    </>
  );
}

/** "30/06/2022 09:15" (date first, as Vietnamese documents write it) / "30 Jun 2022, 09:15". */
function formatDateTime(when: Date, lang: 'vi' | 'en'): string {
  if (lang === 'en') {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(when);
  }
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(when.getDate())}/${two(when.getMonth() + 1)}/${when.getFullYear()} ${two(when.getHours())}:${two(when.getMinutes())}`;
}
