/** Public announcements: the page /thong-bao (newest first) and the latest one as a card on the portal home. */
import type { AnnouncementDto } from '@parindex/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import type { Lang } from '../../app/messages.ts';
import { usePageMeta } from '../../app/page-meta.ts';
import { Link } from '../../app/router.tsx';
import { getJson } from '../../lib/api.ts';
import './portal.css';

// An announcement as the server presents it is defined once in packages/contracts (announcements.ts).
export type { AnnouncementDto as Announcement } from '@parindex/contracts';

export const ANNOUNCEMENTS_KEY = ['announcements'] as const;

export function usePublishedAnnouncements() {
  return useQuery({ queryKey: ANNOUNCEMENTS_KEY, queryFn: ({ signal }) => getJson<AnnouncementDto[]>('/api/announcements', { signal }), staleTime: 60_000 });
}

const vi = {
  title: 'Thông báo',
  intro: 'Thông báo của Hội đồng thẩm định Chỉ số CCHC tỉnh, mới nhất ở trên.',
  none: 'Chưa có thông báo nào.',
  posted: (d: string) => `Đăng ngày ${d}`,
  latest: 'Thông báo mới',
  all: 'Xem tất cả thông báo →',
};
const en: typeof vi = {
  title: 'Announcements',
  intro: "Announcements of the province's PAR Index council, newest first.",
  none: 'No announcements yet.',
  posted: (d) => `Posted ${d}`,
  latest: 'Latest announcement',
  all: 'All announcements →',
};
const messages: Record<Lang, typeof vi> = { vi, en };
const day = (iso: string | null) => (iso ? dayjs(iso).format('DD/MM/YYYY') : '');

export function AnnouncementsPage() {
  const m = useFeatureMessages(messages);
  usePageMeta(m.title, m.intro);
  const list = usePublishedAnnouncements();
  return (
    <section aria-labelledby="ann-title" className="announcements">
      <h1 id="ann-title">{m.title}</h1>
      <p className="portal-hint">{m.intro}</p>
      {list.isPending && <Skeleton active />}
      {list.isError && <Alert type="error" showIcon role="alert" title={list.error.message} />}
      {list.data && list.data.length === 0 && <Empty description={m.none} />}
      {list.data?.map((a) => (
        <article key={a.id} className="announcement" id={`tb-${a.id}`}>
          <h2>{a.title}</h2>
          <p className="announcement__date">{m.posted(day(a.publishedAt))}</p>
          <div className="announcement__body">{a.body}</div>
        </article>
      ))}
    </section>
  );
}

/** The newest published announcement, as a small card; nothing when there is none. */
export function LatestAnnouncement() {
  const m = useFeatureMessages(messages);
  const list = usePublishedAnnouncements();
  const a = list.data?.[0];
  if (!a) return null;
  return (
    <Card size="small" className="announcement-card no-print" title={`${m.latest} · ${day(a.publishedAt)}`} extra={<Link href="/thong-bao">{m.all}</Link>}>
      <strong>{a.title}</strong>
      <p className="announcement-card__body">{a.body.length > 240 ? `${a.body.slice(0, 240)}…` : a.body}</p>
    </Card>
  );
}
