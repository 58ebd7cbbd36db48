/**
 * The header's navigation: one line per page. Pages added later (announcements, sign-in, the
 * assessment workflow) add an item here; `visible` can hide an item from a visitor.
 */
import type { Messages } from './messages.ts';
import { dashboardPath, type Route } from './router.tsx';

export interface NavItem {
  key: string;
  href: string;
  label: (t: Messages) => string;
  /** Whether the current route belongs to this item (marked aria-current="page"). */
  isActive: (route: Route) => boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { key: 'results', href: '/', label: (t) => t.navResults, isActive: (r) => r.name === 'results' || r.name === 'unit' || r.name === 'rubric' },
  { key: 'dashboard', href: dashboardPath(), label: (t) => t.navDashboard, isActive: (r) => r.name === 'dashboard' },
  { key: 'announcements', href: '/thong-bao', label: (t) => t.navAnnouncements, isActive: (r) => r.name === 'announcements' },
  { key: 'work', href: '/work', label: (t) => t.navWork, isActive: (r) => r.name === 'work' || r.name === 'login' },
];
