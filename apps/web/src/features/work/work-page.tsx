/**
 * The signed-in area (/work/…): a bar with the user, their role, notifications and sign-out, the
 * role's navigation for the chosen cycle, then the page. A visitor is sent to /login.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, List, Popover, Skeleton, Tag } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Link, navigate, type WorkPage as WorkPageName } from '../../app/router.tsx';
import { usePageMeta } from '../../app/page-meta.ts';
import { homePathFor, send, type Role, type SessionUser, useAuthActions, useSession } from '../../lib/session.ts';
import { useA } from './admin.messages.ts';
import { AppraisalPage } from './appraisal-page.tsx';
import { AnnouncementsWorkPage } from './announcements-page.tsx';
import { AuditPage } from './audit-page.tsx';
import { BoardPage } from './board-page.tsx';
import { CouncilPage } from './council-page.tsx';
import { ExternalIndicesPage } from './external-indices-page.tsx';
import { NewCyclePage } from './new-cycle-page.tsx';
import { RemediationPage } from './remediation-page.tsx';
import { CycleSetupPage } from './setup-page.tsx';
import { SheetPage } from './sheet-page.tsx';
import { UsersPage } from './users-page.tsx';
import { RubricsPage } from '../rubric/rubrics-page.tsx';
import { rubricMessages } from '../rubric/rubric.messages.ts';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { ErrorAlert, fmtDate, fmtDateTime, useW } from './work-common.tsx';
import { type WorkCycle, useNotifications, useWorkCycles, workKeys } from './work.api.ts';
import './work.css';

interface Props {
  page: WorkPageName;
  cycleId: string | null;
  unitId: string | null;
}

const enc = encodeURIComponent;

/** The pages a role works on, for one cycle. */
function navFor(user: SessionUser, cycleId: string, w: ReturnType<typeof useW>['w'], a: ReturnType<typeof useA>): { key: WorkPageName | 'surveys'; href: string; label: string }[] {
  const base = `/work/cycles/${enc(cycleId)}`;
  const items: { key: WorkPageName | 'surveys'; href: string; label: string; roles: Role[] }[] = [
    { key: 'sheet', href: user.unitId ? `${base}/units/${enc(user.unitId)}` : base, label: w.navSheet, roles: ['unit_officer', 'unit_head'] },
    { key: 'appraisal', href: `${base}/appraisal`, label: w.navAppraisal, roles: ['appraiser', 'secretariat'] },
    { key: 'council', href: `${base}/council`, label: w.navCouncil, roles: ['council_member', 'council_chair', 'secretariat'] },
    { key: 'board', href: `${base}/board`, label: w.navBoard, roles: ['secretariat', 'admin', 'leader'] },
    { key: 'surveys', href: `${base}/surveys`, label: w.navSurveys, roles: ['secretariat', 'admin', 'leader'] },
    { key: 'setup', href: `${base}/setup`, label: a.navSetup, roles: ['secretariat', 'admin'] },
    { key: 'audit', href: `${base}/audit`, label: a.navAudit, roles: ['secretariat', 'admin'] },
  ];
  return items.filter((i) => i.roles.includes(user.role));
}

/** A bell, drawn inline (the icon package is not a dependency of the web app). */
function BellIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.7 21a2 2 0 0 1-3.4 0" />
    </svg>
  );
}

/** In-app reminders and stage changes ("Nhắc việc"), distinct from the announcements page ("Thông báo"). */
function Notifications() {
  const { w } = useW();
  const client = useQueryClient();
  const list = useNotifications(true);
  const read = useMutation({
    mutationFn: (id: string) => send('POST', `/api/notifications/${enc(id)}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: workKeys.notifications }),
  });
  const unread = (list.data ?? []).filter((n) => !n.read).length;
  const content = (
    <div className="work-notifications">
      {list.data && list.data.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w.noNotifications} />}
      {list.data && list.data.length > 0 && (
        <List
          size="small"
          dataSource={list.data.slice(0, 20)}
          renderItem={(n) => (
            <List.Item
              className={n.read ? 'is-read' : 'is-unread'}
              actions={n.read ? [] : [<Button key="r" size="small" type="link" onClick={() => read.mutate(n.id)}>{w.markRead}</Button>]}
            >
              <div>
                <div>{n.link ? <Link href={n.link}>{n.message}</Link> : n.message}</div>
                <div className="work-muted work-small">{fmtDateTime(n.createdAt)}</div>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover content={content} title={w.notifications} trigger="click" placement="bottomRight">
      <Button icon={<Badge dot={unread > 0} offset={[-1, 2]}><BellIcon /></Badge>} title={unread ? w.unreadCount(unread) : undefined} className="work-bar__reminders">
        {w.notifications}
        {unread > 0 ? ` (${unread})` : ''}
      </Button>
    </Popover>
  );
}

function WorkBar({ user, roleLabel, cycle, page }: { user: SessionUser; roleLabel: string; cycle: WorkCycle | null; page: WorkPageName }) {
  const { w } = useW();
  const a = useA();
  const rubricNav = useFeatureMessages(rubricMessages).nav;
  const { logout } = useAuthActions();
  const items = cycle ? navFor(user, cycle.id, w, a) : [];
  return (
    <div className="work-bar">
      <nav className="work-bar__nav" aria-label={w.workNav}>
        <Link href="/work" aria-current={page === 'home' ? 'page' : undefined}>
          {w.navHome}
        </Link>
        {cycle && <span className="work-bar__cycle">{cycle.year} · <Tag>{w.stage[cycle.status]}</Tag></span>}
        {items.map((i) => (
          <Link key={i.key} href={i.href} aria-current={page === i.key ? 'page' : undefined}>
            {i.label}
          </Link>
        ))}
        {user.role === 'secretariat' && (
          <Link href="/work/setup" aria-current={page === 'setup' && !cycle ? 'page' : undefined}>
            {a.navNewCycle}
          </Link>
        )}
        {(user.role === 'secretariat' || user.role === 'admin') && (
          <Link href="/work/rubrics" aria-current={page === 'rubrics' ? 'page' : undefined}>
            {rubricNav}
          </Link>
        )}
        {(user.role === 'secretariat' || user.role === 'leader' || user.role === 'admin') && (
          <Link href="/work/external-indices" aria-current={page === 'external' ? 'page' : undefined}>
            {w.navExternal}
          </Link>
        )}
        {user.role === 'secretariat' && (
          <Link href="/work/announcements" aria-current={page === 'announcements' ? 'page' : undefined}>
            {w.navAnnouncements}
          </Link>
        )}
        {user.role === 'admin' && (
          <Link href="/work/admin/users" aria-current={page === 'users' ? 'page' : undefined}>
            {a.navUsers}
          </Link>
        )}
      </nav>
      <div className="work-bar__user">
        <span>
          <strong>{user.fullName}</strong>
          <span className="work-muted"> · {roleLabel}</span>
        </span>
        <Notifications />
        <Button
          onClick={async () => {
            await logout().catch(() => undefined);
            navigate('/login');
          }}
        >
          {w.signOut}
        </Button>
      </div>
    </div>
  );
}

function CyclesHome({ cycles, user }: { cycles: WorkCycle[]; user: SessionUser }) {
  const { w } = useW();
  if (cycles.length === 0) return <Empty description={w.noCycles} />;
  return (
    <section aria-labelledby="work-cycles">
      <h2 id="work-cycles">{w.cyclesTitle}</h2>
      <div className="work-cycles">
        {cycles.map((c) => (
          <Card key={c.id} size="small" className="work-cycle-card" title={<h3 className="work-cycle-card__title">{c.name}</h3>}>
            <p>
              <Tag color={c.status === 'published' ? 'green' : 'blue'}>{w.stage[c.status]}</Tag>
            </p>
            <ul className="work-deadlines">
              {(['self', 'appraisal', 'explanation', 'council'] as const).filter((k) => c.deadlines[k]).map((k) => [k, c.deadlines[k]] as const).map(([k, v]) => (
                <li key={k}>
                  {w.deadline} {w.deadlines[k]?.toLowerCase() ?? k}: {fmtDate(v)}
                </li>
              ))}
            </ul>
            <Link href={homePathFor(user, c.id, c.status).replace(/^\/work$/, `/work/cycles/${enc(c.id)}/board`)} aria-label={`${w.openCycle}: ${c.name}`}>
              {w.openCycle}
            </Link>
          </Card>
        ))}
      </div>
    </section>
  );
}

/** The current cycle: the one named in the address, else the newest still being assessed. */
function currentCycle(cycles: WorkCycle[], cycleId: string | null): WorkCycle | null {
  if (cycleId) return cycles.find((c) => c.id === cycleId) ?? null;
  const active = cycles.filter((c) => !['published', 'closed'].includes(c.status)).sort((a, b) => b.year - a.year);
  return active[0] ?? null;
}

export function WorkPage({ page, cycleId, unitId }: Props) {
  const { w } = useW();
  const session = useSession();
  const user = session.data?.user ?? null;
  const cycles = useWorkCycles();
  usePageMeta(w.workArea);

  useEffect(() => {
    if (session.data && !user) navigate(`/login?next=${enc(window.location.pathname)}`, { replace: true });
  }, [session.data, user]);

  // A unit's officer lands on the unit's sheet; others on their role's page (home with a cycle id too).
  const cycle = cycles.data ? currentCycle(cycles.data, cycleId) : null;
  useEffect(() => {
    if (!user || !cycles.data || page !== 'home') return;
    if (cycleId === null && user.role !== 'unit_officer' && user.role !== 'unit_head') return;
    const target = homePathFor(user, cycle?.id ?? null, cycle?.status ?? null);
    if (target !== '/work') navigate(target, { replace: true });
  }, [user, cycles.data, page, cycle, cycleId]);

  if (session.isPending || (user && cycles.isPending)) return <Skeleton active />;
  if (session.isError) return <ErrorAlert error={session.error} onRetry={() => session.refetch()} />;
  if (!user) return <Skeleton active />;

  let body: ReactNode;
  if (cycles.isError) body = <ErrorAlert error={cycles.error} onRetry={() => cycles.refetch()} />;
  else if (page === 'home') body = <CyclesHome cycles={cycles.data ?? []} user={user} />;
  else if (page === 'users') body = <UsersPage user={user} />;
  else if (page === 'external') body = <ExternalIndicesPage user={user} />;
  else if (page === 'rubrics') body = <RubricsPage user={user} />;
  else if (page === 'announcements') body = <AnnouncementsWorkPage user={user} />;
  else if (page === 'remediation' && cycleId && unitId) body = <RemediationPage cycleId={cycleId} unitId={unitId} user={user} />;
  else if (page === 'setup' && cycleId === null) body = user.role === 'secretariat' ? <NewCyclePage /> : <Empty description={w.forbiddenPage} />;
  else if (!cycle) body = <Empty description={w.noCycles} />;
  else if (page === 'sheet') body = <SheetPage cycle={cycle} unitId={unitId!} user={user} />;
  else if (page === 'appraisal') body = <AppraisalPage cycle={cycle} user={user} />;
  else if (page === 'council') body = <CouncilPage cycle={cycle} user={user} />;
  else if (page === 'setup') body = <CycleSetupPage cycle={cycle} user={user} />;
  else if (page === 'audit') body = <AuditPage cycle={cycle} user={user} />;
  else body = <BoardPage cycle={cycle} user={user} />;

  return (
    <div className="work">
      <WorkBar user={user} roleLabel={w.roleNames[user.role] ?? session.data?.roleLabels[user.role] ?? user.role} cycle={page === 'home' || page === 'users' || page === 'external' || page === 'rubrics' || page === 'announcements' || (page === 'setup' && cycleId === null) ? null : cycle} page={page} />
      {body}
    </div>
  );
}
