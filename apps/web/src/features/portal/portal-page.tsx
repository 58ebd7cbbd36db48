import { useFeatureMessages } from '../../app/feature-messages.ts';
import { unitPath } from '../../app/router.tsx';
import { ResultsPage } from '../results/results-page.tsx';
import { LatestAnnouncement } from './announcements.tsx';
import { PortalBar } from './portal-bar.tsx';
import { PublicationRecord } from './publications.tsx';
import { isPublic } from '../results/results.queries.ts';
import { portalMessages } from './portal.messages.ts';
import './portal.css';

/**
 * The public portal's home (`/`, the newest published year) and each year's page (`/cycles/:id`):
 * the results per group with their charts, the published years, downloads, and each unit's name
 * linking to its scorecard. No login.
 */
export function PortalPage({ cycleId }: { cycleId: string | null }) {
  const m = useFeatureMessages(portalMessages);
  return (
    <ResultsPage
      cycleId={cycleId}
      unitHref={unitPath}
      describe={(c) => m.describe(c.name)}
      extras={(cycle, cycles) => (
        <>
          <LatestAnnouncement />
          <PortalBar cycle={cycle} cycles={cycles} />
          {isPublic(cycle) && <PublicationRecord cycle={cycle} />}
        </>
      )}
    />
  );
}
