import type { CycleDto } from '@parindex/contracts';
import { Button } from 'antd';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { Link, cyclePath, dashboardPath, rubricPath } from '../../app/router.tsx';
import { ExportJobButton } from '../exports/export-job-button.tsx';
import { exportsMessages } from '../exports/exports.messages.ts';
import '../exports/exports.css';
import { isPublic } from '../results/results.queries.ts';
import { DOWNLOAD_FORMATS, exportHref, rubricExportHref } from './downloads.ts';
import { portalMessages } from './portal.messages.ts';

/** The portal's line under the heading: the published years, the dashboard, print, and the downloads. */
export function PortalBar({ cycle, cycles }: { cycle: CycleDto; cycles: CycleDto[] }) {
  const m = useFeatureMessages(portalMessages);
  const x = useFeatureMessages(exportsMessages);
  const published = cycles.filter(isPublic);
  return (
    <div className="portal-bar">
      {published.length > 1 && (
        <nav className="portal-years" aria-label={m.yearsLabel}>
          <span className="portal-years__label">{m.yearsLabel}:</span>
          <ul>
            {published.map((c) => (
              <li key={c.id}>
                <Link href={cyclePath(c.id)} aria-current={c.id === cycle.id ? 'page' : undefined}>
                  {c.year}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div className="portal-actions no-print">
        <Link className="link-button" href={dashboardPath(cycle.id)}>
          {m.dashboardLink(cycle.year)}
        </Link>
        {isPublic(cycle) && cycle.rubricCode && (
          <Link className="link-button" href={rubricPath(cycle.id)}>
            {m.rubricLink(cycle.year)}
          </Link>
        )}
        <Button onClick={() => window.print()}>{m.print}</Button>
      </div>
      <section className="portal-downloads no-print" aria-labelledby="downloads-title">
        <h3 id="downloads-title" className="portal-downloads__title">
          {m.downloadsTitle(cycle.year)}
        </h3>
        <p className="portal-downloads__hint">{m.downloadsHint}</p>
        <ul className="portal-downloads__list">
          {/* Quick files are direct links; the PDF report (a page per unit) is made as a background job. */}
          {DOWNLOAD_FORMATS.filter((f) => f !== 'pdf').map((f) => (
            <li key={f}>
              <a href={exportHref(cycle.id, f)} download>
                {m.formats[f]}
              </a>
            </li>
          ))}
          {isPublic(cycle) && cycle.rubricCode && (
            <li>
              <a href={rubricExportHref(cycle.id)} download>
                {m.rubricXlsx}
              </a>
            </li>
          )}
        </ul>
        <div className="portal-downloads__job">
          <ExportJobButton startUrl={`/api/cycles/${encodeURIComponent(cycle.id)}/exports`} jobsBase="/api/exports" request={{ format: 'pdf' }} label={x.portalPdf} />
          <p className="portal-downloads__hint--small">{x.portalPdfHint}</p>
        </div>
      </section>
      <p className="portal-hint no-print">{m.unitHint}</p>
    </div>
  );
}
