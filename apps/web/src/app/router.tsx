/**
 * A tiny router on window.history: the app has two addresses, `/` (the newest published
 * cycle) and `/cycles/:id`. The server answers index.html for both, so deep links work.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route = { name: 'results'; cycleId: string | null } | { name: 'notFound' };

const NAVIGATE_EVENT = 'parindex:navigate';

/** Maps a pathname to a route; a trailing slash is accepted. */
export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'results', cycleId: null };
  const m = /^\/cycles\/([^/]+)$/.exec(path);
  if (m) {
    try {
      return { name: 'results', cycleId: decodeURIComponent(m[1]) };
    } catch {
      return { name: 'notFound' };
    }
  }
  return { name: 'notFound' };
}

export function cyclePath(cycleId: string): string {
  return `/cycles/${encodeURIComponent(cycleId)}`;
}

/** Goes to a path inside the app without reloading the page. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
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
