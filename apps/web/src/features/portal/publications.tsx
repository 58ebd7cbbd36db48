/**
 * The publication record of a published year on the portal: the decision that approved the
 * results (số …/QĐ-UBND, ngày …) and, once the results have been corrected, every version with
 * its decision, reason and the leaves it changed — an earlier version's tables can be opened
 * read-only, labelled as corrected, exactly as they were published (the server's frozen copy).
 */
import type { CycleDto, CycleResultsDto, PublishedVersion } from '@parindex/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Skeleton } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { getJson } from '../../lib/api.ts';
import { formatExact } from '../../lib/format.ts';
import { ResultsTable } from '../results/results-table.tsx';
import { publicationMessages } from './publications.messages.ts';
import './publications.css';

// A published version (decision, reason, corrected leaves) is defined once in packages/contracts (published-versions.ts).
export type { PublishedVersion };

const api = (cycleId: string) => `/api/cycles/${encodeURIComponent(cycleId)}`;

export function usePublishedVersions(cycleId: string) {
  return useQuery({ queryKey: ['cycles', cycleId, 'versions'], queryFn: ({ signal }) => getJson<PublishedVersion[]>(`${api(cycleId)}/versions`, { signal }) });
}

/** "2026-02-27" → "27/02/2026", as Vietnamese documents write dates. */
const viDate = (iso: string) => iso.split('-').reverse().join('/');
const two = (n: number) => String(n).padStart(2, '0');
const viDateTime = (iso: string) => {
  const d = new Date(iso);
  return `${two(d.getHours())}:${two(d.getMinutes())} ${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
};

export function PublicationRecord({ cycle }: { cycle: CycleDto }) {
  const m = useFeatureMessages(publicationMessages);
  const { lang } = useI18n();
  const versions = usePublishedVersions(cycle.id);
  const [viewing, setViewing] = useState<number | null>(null);
  // Nothing to say when the record cannot be read (e.g. an imported year): the tables speak for themselves.
  if (!versions.data || versions.data.length === 0) return null;
  const list = versions.data;
  const latest = list[0];
  const first = list[list.length - 1];
  return (
    <section className="portal-publications" aria-labelledby="publications-title">
      <p className="portal-decision">{m.decision(first.decisionNumber, viDate(first.decisionDate))}</p>
      {list.length > 1 && (
        <>
          <p className="portal-decision portal-decision--corrected">{m.corrected(latest.version, latest.decisionNumber, viDate(latest.decisionDate))}</p>
          <h3 id="publications-title" className="portal-publications__title">
            {m.versionsTitle}
          </h3>
          <ul className="portal-publications__list">
            {list.map((v) => (
              <li key={v.version}>
                <strong>{m.version(v.version)}</strong>
                {v.version === latest.version ? ` (${m.current})` : ''} — {m.decisionShort(v.decisionNumber, viDate(v.decisionDate))}, {m.publishedAt(viDateTime(v.publishedAt))}.
                {v.reason ? (
                  <div>
                    {m.reason}: {v.reason}
                  </div>
                ) : (
                  <div>{m.original}.</div>
                )}
                {v.corrections.length > 0 && (
                  <ul aria-label={m.corrections}>
                    {v.corrections.map((c) => (
                      <li key={`${c.unitId}|${c.leafCode}`}>
                        {m.change(c.unitName, c.leafCode, c.before === null ? '—' : formatExact(c.before, lang), formatExact(c.after, lang))}
                        {c.reason && c.reason !== v.reason ? ` (${c.reason})` : ''}
                      </li>
                    ))}
                  </ul>
                )}
                {v.version !== latest.version && (
                  <Button size="small" className="no-print" onClick={() => setViewing(viewing === v.version ? null : v.version)} aria-expanded={viewing === v.version}>
                    {viewing === v.version ? m.hide : m.view(v.version)}
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {viewing !== null && <EarlierVersion cycle={cycle} version={viewing} />}
        </>
      )}
    </section>
  );
}

/** One earlier version's tables, read-only (no links to today's unit pages), labelled as corrected. */
function EarlierVersion({ cycle, version }: { cycle: CycleDto; version: number }) {
  const m = useFeatureMessages(publicationMessages);
  const { t } = useI18n();
  const results = useQuery({
    queryKey: ['cycles', cycle.id, 'versions', version],
    queryFn: ({ signal }) => getJson<CycleResultsDto>(`${api(cycle.id)}/versions/${version}/results`, { signal }),
    staleTime: Infinity,
  });
  const titleId = `version-${version}-title`;
  return (
    <Card
      className="portal-old-version"
      aria-labelledby={titleId}
      title={
        <h3 id={titleId} className="portal-old-version__title">
          {m.oldTitle(version)}
        </h3>
      }
    >
      <Alert type="warning" showIcon title={m.oldHint} className="portal-old-version__hint" />
      {results.isPending && <Skeleton active />}
      {results.isError && <Alert type="error" showIcon role="alert" title={m.loadError} />}
      {results.data?.groups.map((g) => (
        <ResultsTable key={g.summary.code} caption={`${m.oldTitle(version)} · ${t.tableCaption(g.summary.name, cycle.year)}`} units={g.units} />
      ))}
    </Card>
  );
}
