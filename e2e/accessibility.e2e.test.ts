/**
 * axe-core in Chromium on the pages people open: the public portal (home, a published year, a
 * unit's scorecard, the dashboard, notices, the rubric, the login form) and, signed in, the
 * secretariat's status board, a unit's self-assessment sheet, the appraisal queue, the council
 * page, the surveys page and a public survey form. Each page's violations go to
 * e2e/artifacts/accessibility/<page>.json beside a screenshot; any serious or critical violation
 * (and any return of a lesser one fixed before, FIXED_RULES) fails the page's test, naming the
 * rule and the first elements.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSession, e2eSession } from './session.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Lesser findings (moderate, minor) that were fixed at their source: they must not come back. */
const FIXED_RULES = new Set(['heading-order', 'landmark-unique', 'empty-table-header']);

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: AxeNode[];
}

describe('accessibility (axe-core) of the main pages', () => {
  const session = e2eSession('accessibility');
  let cycle2025: string;
  let cycle2026: string;
  let unit2025: string;
  let surveyLink: string;

  beforeAll(async () => {
    const url = session.server.url;
    const cycles = (await (await fetch(`${url}/api/cycles`)).json()) as { id: string; year: number }[];
    cycle2025 = cycles.find((c) => c.year === 2025)!.id;
    const results = (await (await fetch(`${url}/api/cycles/${cycle2025}/results`)).json()) as { groups: { units: { unitId: string }[] }[] };
    unit2025 = results.groups[0]!.units[0]!.unitId;
    const staff = await apiSession(url, 'sonoivu');
    const work = await staff.call<{ id: string; year: number }[]>('GET', '/api/work/cycles');
    cycle2026 = work.find((c) => c.year === 2026)!.id;
    const qid = (await staff.call<{ id: string }>('POST', `/api/work/cycles/${cycle2026}/surveys`, { sample: 'sipas' })).id;
    const setup = await staff.call<{ units: { unitId: string; name: string }[] }>('GET', `/api/work/cycles/${cycle2026}/setup`);
    const tuPhap = setup.units.find((u) => u.name === 'Sở Tư pháp')!;
    const [token] = await staff.call<{ url: string }[]>('POST', `/api/work/surveys/${qid}/tokens`, { unitId: tuPhap.unitId, respondentGroup: 'nguoi_dan', count: 1 });
    surveyLink = token!.url.replace(/^https?:\/\/[^/]+/, '');
  });

  /** Runs axe on the page as it stands, saves the findings and a screenshot, and checks them. */
  async function audit(page: Page, name: string) {
    // Lazy chunks, charts and their animation settle before the check.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1200);
    await page.evaluate(AXE_SOURCE);
    const violations = (await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations;
    })) as AxeViolation[];
    writeFileSync(path.join(session.artifacts, `${name}.json`), JSON.stringify(violations, null, 2));
    await session.shot(page, name, true);
    await page.context().close();
    const failing = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical' || FIXED_RULES.has(v.id))
      .map((v) => `${name}: ${v.id} (${v.impact}, ${v.nodes.length} nodes) — ${v.help}\n` + v.nodes.slice(0, 3).map((n) => `    ${n.target.join(' ')}  ${n.html.slice(0, 160)}`).join('\n'));
    expect(failing, failing.join('\n')).toEqual([]);
  }

  async function openPublic(pathname: string, name: string, ready?: (page: Page) => Promise<unknown>) {
    const page = await session.newPage(name, { bypassCSP: true });
    await page.goto(session.server.url + pathname, { waitUntil: 'networkidle' });
    if (ready) await ready(page);
    await audit(page, name);
  }

  it('portal home', () => openPublic('/', 'portal', (p) => p.locator('table').first().waitFor()));
  it('a published year', () => openPublic(`/cycles/${cycle2025}`, 'year-2025', (p) => p.locator('table').first().waitFor()));
  it("a unit's scorecard", () => openPublic(`/cycles/${cycle2025}/units/${unit2025}`, 'scorecard', (p) => p.locator('h1, h2').first().waitFor()));
  it('the dashboard', () => openPublic('/dashboard', 'dashboard', (p) => p.waitForFunction(() => document.querySelectorAll('canvas').length > 0, null, { timeout: 30_000 })));
  it('notices', () => openPublic('/thong-bao', 'notices'));
  it('the public rubric', () => openPublic(`/cycles/${cycle2025}/rubric`, 'rubric', (p) => p.locator('h1, h2').first().waitFor()));
  it('the login form', () => openPublic('/login', 'login', (p) => p.getByLabel('Tên đăng nhập').waitFor()));
  it('a public survey form', () => openPublic(surveyLink, 'survey-form', (p) => p.getByText('Bước 1/4').waitFor()));

  it("the secretariat's status board", async () => {
    const page = await session.signIn('sonoivu', { bypassCSP: true });
    await page.goto(`${session.server.url}/work/cycles/${cycle2026}/board`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: /Theo dõi tiến độ/ }).waitFor();
    // antd names its select-all box in English ("Select all"): here it is named in Vietnamese, once.
    expect(await page.getByRole('checkbox', { name: 'Chọn tất cả các dòng' }).count()).toBe(1);
    await audit(page, 'board');
  });
  it('the surveys page', async () => {
    const page = await session.signIn('sonoivu', { bypassCSP: true });
    await page.goto(`${session.server.url}/work/cycles/${cycle2026}/surveys`, { waitUntil: 'networkidle' });
    await audit(page, 'surveys');
  });
  it("a unit's self-assessment sheet", async () => {
    const page = await session.signIn('tuphap.daumoi', { bypassCSP: true });
    await page.getByRole('heading', { level: 2, name: /Tự đánh giá/ }).waitFor();
    await audit(page, 'sheet');
  });
  it('the appraisal queue', async () => {
    const page = await session.signIn('thamdinh1', { bypassCSP: true });
    await page.getByRole('heading', { name: /Thẩm định/ }).first().waitFor();
    await audit(page, 'appraisal');
  });
  it('the council page', async () => {
    // No demo cycle is at the council stage: the chair opens the 2026 cycle's council page.
    const page = await session.signIn('hoidong.chutich', { bypassCSP: true, waitForLanding: false });
    await page.goto(`${session.server.url}/work/cycles/${cycle2026}/council`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: /Hội đồng/ }).first().waitFor();
    await audit(page, 'council');
  });

  it('no page error', () => expect(session.errors).toEqual([]));
});
