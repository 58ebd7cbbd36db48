/**
 * The web app's index.html with the page's own <title>, description and Open Graph tags, for deep
 * links of the public portal (/, /dashboard, /thong-bao, /cycles/:id, /cycles/:id/units/:unitId,
 * /cycles/:id/dashboard): a shared link then previews as "Sở Tư pháp — Chỉ số CCHC năm 2025", not
 * as the generic app.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PageMeta, ScorecardService } from '../services/scorecard.service.ts';

export type PublicPage =
  | { cycleId: string; unitId?: string; page: 'results' | 'unit' | 'dashboard' }
  /** `/` and `/dashboard`: the newest published cycle's results or dashboard; `/thong-bao`: the announcements. */
  | { cycleId: null; page: 'results' | 'dashboard' | 'announcements' };

/** Which public page a path is, if any (the same addresses as the web app's router). */
export function publicPageOf(url: string): PublicPage | null {
  const pathname = url.split(/[?#]/)[0].replace(/\/+$/, '') || '/';
  if (pathname === '/') return { cycleId: null, page: 'results' };
  if (pathname === '/dashboard') return { cycleId: null, page: 'dashboard' };
  if (pathname === '/thong-bao') return { cycleId: null, page: 'announcements' };
  const m = /^\/cycles\/([^/]+)(?:\/(dashboard)|\/units\/([^/]+))?$/.exec(pathname);
  if (!m) return null;
  try {
    const cycleId = decodeURIComponent(m[1]);
    if (m[3] !== undefined) return { cycleId, unitId: decodeURIComponent(m[3]), page: 'unit' };
    return { cycleId, page: m[2] ? 'dashboard' : 'results' };
  } catch {
    return null;
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Replaces the title and the description and adds Open Graph tags (title, description, type, locale). */
export function injectPageMeta(html: string, meta: PageMeta): string {
  const title = escapeHtml(meta.title);
  const description = escapeHtml(meta.description);
  const og = [
    `<meta property="og:type" content="website" />`,
    `<meta property="og:locale" content="vi_VN" />`,
    `<meta property="og:site_name" content="ParIndex" />`,
    `<meta property="og:title" content="${title}" />`,
    `<meta property="og:description" content="${description}" />`,
    `<meta name="twitter:card" content="summary" />`,
  ].join('\n    ');
  return html
    .replace(/<title>[\s\S]*?<\/title>/, `<title>${title}</title>`)
    .replace(/<meta\s+name="description"[\s\S]*?\/?>/, `<meta name="description" content="${description}" />`)
    .replace('</head>', `    ${og}\n  </head>`);
}

/** index.html for a public deep link with its page's meta, or null to send the file as it is. */
export async function publicPageHtml(webDist: string, url: string, scorecard: ScorecardService): Promise<string | null> {
  const page = publicPageOf(url);
  if (!page) return null;
  const meta = await (page.cycleId === null ? scorecard.portalPageMeta(page.page) : scorecard.pageMeta(page.cycleId, page.unitId, page.page)).catch(() => null);
  if (!meta) return null;
  return injectPageMeta(await readFile(path.join(webDist, 'index.html'), 'utf8'), meta);
}
