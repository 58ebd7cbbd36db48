/**
 * A tiny router on window.history. Addresses (the server answers index.html for all of them, so
 * deep links work): `/` (the newest published cycle), `/cycles/:id`, `/cycles/:id/units/:unitId`
 * (a unit's scorecard), `/dashboard` and `/cycles/:id/dashboard` (the province dashboard),
 * `/cycles/:id/rubric` (the rubric a published year was scored on; `#tc-<code>` marks a leaf).
 * New pages add a line to ROUTES and a case to Route.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route =
  | { name: 'results'; cycleId: string | null }
  | { name: 'unit'; cycleId: string; unitId: string }
  | { name: 'dashboard'; cycleId: string | null }
  | { name: 'rubric'; cycleId: string }
  | { name: 'login' }
  | { name: 'work'; page: WorkPage; cycleId: string | null; unitId: string | null }
  | { name: 'surveys'; cycleId: string }
  | { name: 'surveyForm'; code: string }
  | { name: 'announcements' }
  | { name: 'notFound' };

/** The signed-in pages under /work (features/work). */
export type WorkPage = 'home' | 'sheet' | 'appraisal' | 'council' | 'board' | 'setup' | 'audit' | 'users' | 'external' | 'announcements' | 'remediation' | 'rubrics';

/** Path patterns, first match wins; captured segments are URI-decoded before `build` sees them. */
const ROUTES: { pattern: RegExp; build: (p: string[]) => Route }[] = [
  { pattern: /^\/$/, build: () => ({ name: 'results', cycleId: null }) },
  { pattern: /^\/cycles\/([^/]+)$/, build: ([cycleId]) => ({ name: 'results', cycleId }) },
  { pattern: /^\/cycles\/([^/]+)\/units\/([^/]+)$/, build: ([cycleId, unitId]) => ({ name: 'unit', cycleId, unitId }) },
  { pattern: /^\/dashboard$/, build: () => ({ name: 'dashboard', cycleId: null }) },
  { pattern: /^\/cycles\/([^/]+)\/dashboard$/, build: ([cycleId]) => ({ name: 'dashboard', cycleId }) },
  { pattern: /^\/cycles\/([^/]+)\/rubric$/, build: ([cycleId]) => ({ name: 'rubric', cycleId }) },
  { pattern: /^\/login$/, build: () => ({ name: 'login' }) },
  { pattern: /^\/work$/, build: () => ({ name: 'work', page: 'home', cycleId: null, unitId: null }) },
  { pattern: /^\/work\/setup$/, build: () => ({ name: 'work', page: 'setup', cycleId: null, unitId: null }) },
  { pattern: /^\/work\/external-indices$/, build: () => ({ name: 'work', page: 'external', cycleId: null, unitId: null }) },
  { pattern: /^\/work\/announcements$/, build: () => ({ name: 'work', page: 'announcements', cycleId: null, unitId: null }) },
  { pattern: /^\/work\/rubrics$/, build: () => ({ name: 'work', page: 'rubrics', cycleId: null, unitId: null }) },
  { pattern: /^\/work\/cycles\/([^/]+)\/units\/([^/]+)\/remediation$/, build: ([cycleId, unitId]) => ({ name: 'work', page: 'remediation', cycleId, unitId }) },
  { pattern: /^\/thong-bao$/, build: () => ({ name: 'announcements' }) },
  { pattern: /^\/work\/admin\/users$/, build: () => ({ name: 'work', page: 'users', cycleId: null, unitId: null }) },
  { pattern: /^\/work\/cycles\/([^/]+)$/, build: ([cycleId]) => ({ name: 'work', page: 'home', cycleId, unitId: null }) },
  { pattern: /^\/work\/cycles\/([^/]+)\/units\/([^/]+)$/, build: ([cycleId, unitId]) => ({ name: 'work', page: 'sheet', cycleId, unitId }) },
  { pattern: /^\/work\/cycles\/([^/]+)\/(appraisal|council|board|setup|audit)$/, build: ([cycleId, page]) => ({ name: 'work', page: page as WorkPage, cycleId, unitId: null }) },
  { pattern: /^\/work\/cycles\/([^/]+)\/surveys$/, build: ([cycleId]) => ({ name: 'surveys', cycleId }) },
  { pattern: /^\/khao-sat\/([^/]+)$/, build: ([code]) => ({ name: 'surveyForm', code }) },
];

const NAVIGATE_EVENT = 'parindex:navigate';

/** Maps a pathname to a route; a trailing slash is accepted. */
export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  for (const { pattern, build } of ROUTES) {
    const m = pattern.exec(path);
    if (!m) continue;
    try {
      return build(m.slice(1).map(decodeURIComponent));
    } catch {
      return { name: 'notFound' };
    }
  }
  return { name: 'notFound' };
}

export function cyclePath(cycleId: string): string {
  return `/cycles/${encodeURIComponent(cycleId)}`;
}

export function unitPath(cycleId: string, unitId: string): string {
  return `${cyclePath(cycleId)}/units/${encodeURIComponent(unitId)}`;
}

export function dashboardPath(cycleId?: string | null): string {
  return cycleId ? `${cyclePath(cycleId)}/dashboard` : '/dashboard';
}

/** The rubric page of a published year; with a leaf code, its anchor (`#tc-1.2.3`). */
export function rubricPath(cycleId: string, leafCode?: string): string {
  return `${cyclePath(cycleId)}/rubric${leafCode ? `#${rubricAnchor(leafCode)}` : ''}`;
}

/** The id of a node's element on the rubric page. */
export const rubricAnchor = (code: string) => `tc-${code}`;

/** Goes to a path inside the app without reloading the page. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else {
    window.history.pushState(null, '', path);
    // A new page starts at its top (back/forward keeps the browser's own scroll restoration).
    window.scrollTo(0, 0);
  }
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The current route; re-renders on back/forward and on navigate(). */
export function useRoute(): Route {
  return matchRoute(usePathname());
}

/** An <a> that navigates inside the app (a modified click still opens a new tab). */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handleClick} {...rest} />;
}
