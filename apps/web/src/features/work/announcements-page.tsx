/** The secretariat's announcements (/work/announcements): write, publish, unpublish, edit. */
import { AnnouncementPatch, NewAnnouncementRequest } from '@parindex/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Popconfirm, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import type { Lang } from '../../app/messages.ts';
import { Link } from '../../app/router.tsx';
import { getJson } from '../../lib/api.ts';
import { send, type SessionUser } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { ANNOUNCEMENTS_KEY, type Announcement } from '../portal/announcements.tsx';
import { ErrorAlert, errorText, fmtDateTime } from './work-common.tsx';

const vi = {
  title: 'Thông báo trên cổng công khai',
  intro: 'Soạn thông báo; bản đã đăng hiện ở trang Thông báo và trên trang chủ cổng công khai.',
  forbidden: 'Trang này dành cho tổ thư ký.',
  newTitle: 'Soạn thông báo mới',
  editTitle: 'Sửa thông báo',
  fTitle: 'Tiêu đề',
  fBody: 'Nội dung',
  saveDraft: 'Lưu nháp',
  publishNow: 'Đăng ngay',
  saveEdit: 'Lưu thay đổi',
  cancelEdit: 'Huỷ',
  colTitle: 'Tiêu đề',
  colStatus: 'Trạng thái',
  colCreated: 'Soạn lúc',
  colPublished: 'Đăng lúc',
  colActions: 'Thao tác',
  published: 'Đã đăng',
  draft: 'Bản nháp',
  publish: 'Đăng',
  unpublish: 'Gỡ',
  confirmUnpublish: 'Gỡ thông báo này khỏi cổng công khai?',
  edit: 'Sửa',
  none: 'Chưa có thông báo nào.',
  savedDraft: 'Đã lưu bản nháp.',
  savedPublished: 'Đã đăng thông báo.',
  unpublished: 'Đã gỡ thông báo khỏi cổng.',
  saved: 'Đã lưu.',
  viewPublic: 'Xem trang Thông báo công khai →',
};
const en: typeof vi = {
  title: 'Announcements on the public portal',
  intro: 'Write announcements; published ones appear on the Announcements page and on the portal home.',
  forbidden: 'This page is for the secretariat.',
  newTitle: 'New announcement',
  editTitle: 'Edit announcement',
  fTitle: 'Title',
  fBody: 'Text',
  saveDraft: 'Save draft',
  publishNow: 'Publish now',
  saveEdit: 'Save changes',
  cancelEdit: 'Cancel',
  colTitle: 'Title',
  colStatus: 'Status',
  colCreated: 'Written',
  colPublished: 'Published',
  colActions: 'Actions',
  published: 'Published',
  draft: 'Draft',
  publish: 'Publish',
  unpublish: 'Unpublish',
  confirmUnpublish: 'Take this announcement off the public portal?',
  edit: 'Edit',
  none: 'No announcements yet.',
  savedDraft: 'Draft saved.',
  savedPublished: 'Announcement published.',
  unpublished: 'Announcement taken down.',
  saved: 'Saved.',
  viewPublic: 'See the public Announcements page →',
};
const messages: Record<Lang, typeof vi> = { vi, en };

const ALL_KEY = ['work', 'announcements'] as const;

export function AnnouncementsWorkPage({ user }: { user: SessionUser }) {
  const m = useFeatureMessages(messages);
  const { message } = App.useApp();
  const client = useQueryClient();
  const allowed = user.role === 'secretariat';
  const list = useQuery({ queryKey: ALL_KEY, queryFn: ({ signal }) => getJson<Announcement[]>('/api/work/announcements', { signal }), enabled: allowed });
  const [editingId, setEditingId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const { busy, error, setError, run } = useAction();
  const [rowError, setRowError] = useState<string | null>(null);

  if (!allowed) return <Alert type="warning" showIcon title={m.forbidden} />;

  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ALL_KEY }), client.invalidateQueries({ queryKey: ANNOUNCEMENTS_KEY })]);
  const reset = () => {
    setEditingId(null);
    setTitle('');
    setBody('');
    setError(null);
  };

  async function submit(publish: boolean) {
    // The server's own rules (required title and body, lengths), checked before sending.
    const checked = (editingId ? AnnouncementPatch : NewAnnouncementRequest).safeParse({ title, body });
    if (!checked.success) return setError(checked.error.issues[0]?.message ?? null);
    await run(async () => {
      if (editingId) {
        await send('PATCH', `/api/work/announcements/${encodeURIComponent(editingId)}`, { title, body });
        message.success(m.saved);
      } else {
        await send('POST', '/api/work/announcements', { title, body, publish });
        message.success(publish ? m.savedPublished : m.savedDraft);
      }
      reset();
      await refresh();
    });
  }

  async function setPublished(a: Announcement, published: boolean) {
    setRowError(null);
    try {
      await send('PATCH', `/api/work/announcements/${encodeURIComponent(a.id)}`, { published });
      message.success(published ? m.savedPublished : m.unpublished);
      await refresh();
    } catch (e) {
      setRowError(errorText(e));
    }
  }

  const columns: TableColumnsType<Announcement> = [
    { key: 'title', title: m.colTitle, render: (_, a) => <strong>{a.title}</strong> },
    { key: 'status', title: m.colStatus, width: 110, render: (_, a) => (a.publishedAt ? <Tag color="green">{m.published}</Tag> : <Tag>{m.draft}</Tag>) },
    { key: 'created', title: m.colCreated, width: 150, render: (_, a) => fmtDateTime(a.createdAt) },
    { key: 'published', title: m.colPublished, width: 150, render: (_, a) => fmtDateTime(a.publishedAt) },
    {
      key: 'actions',
      title: m.colActions,
      width: 170,
      render: (_, a) => (
        <span>
          <Button size="small" onClick={() => { setEditingId(a.id); setTitle(a.title); setBody(a.body); setError(null); window.scrollTo(0, 0); }}>
            {m.edit}
          </Button>{' '}
          {a.publishedAt ? (
            <Popconfirm title={m.confirmUnpublish} okText={m.unpublish} cancelText={m.cancelEdit} onConfirm={() => setPublished(a, false)}>
              <Button size="small" danger>{m.unpublish}</Button>
            </Popconfirm>
          ) : (
            <Button size="small" type="primary" onClick={() => setPublished(a, true)}>{m.publish}</Button>
          )}
        </span>
      ),
    },
  ];

  return (
    <section aria-labelledby="ann-work-title" className="setup">
      <header className="sheet__head">
        <div>
          <h2 id="ann-work-title">{m.title}</h2>
          <p className="work-muted">{m.intro}</p>
        </div>
        <Link href="/thong-bao">{m.viewPublic}</Link>
      </header>
      <form
        className="ann-form"
        aria-labelledby="ann-form-title"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <h3 id="ann-form-title">{editingId ? m.editTitle : m.newTitle}</h3>
        <label className="ext-field">
          <span className="setup-label">{m.fTitle}</span>
          <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} />
        </label>
        <label className="ext-field">
          <span className="setup-label">{m.fBody}</span>
          <Input.TextArea value={body} onChange={(e) => setBody(e.target.value)} autoSize={{ minRows: 4, maxRows: 14 }} maxLength={20000} />
        </label>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 8 }} />}
        <div className="sheet__toolbar">
          {editingId ? (
            <>
              <Button type="primary" loading={busy} onClick={() => submit(false)}>{m.saveEdit}</Button>
              <Button onClick={reset}>{m.cancelEdit}</Button>
            </>
          ) : (
            <>
              <Button type="primary" loading={busy} onClick={() => submit(true)}>{m.publishNow}</Button>
              <Button loading={busy} onClick={() => submit(false)}>{m.saveDraft}</Button>
            </>
          )}
        </div>
      </form>
      {rowError && <Alert type="error" showIcon role="alert" title={rowError} style={{ marginBottom: 8 }} />}
      {list.isPending && <Skeleton active />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
      {list.data && <Table size="small" rowKey="id" columns={columns} dataSource={list.data} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: m.none }} />}
    </section>
  );
}
