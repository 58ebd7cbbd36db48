/** Thông báo on the public portal: the secretariat drafts and publishes; visitors see published ones only. */
import { type AnnouncementDto, AppError } from '@parindex/contracts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/sql-helpers.ts';
import { type AnnouncementPatch, AnnouncementRepository, type AnnouncementRow } from '../repositories/announcement.repository.ts';
import { audit } from './workflow/audit.ts';

// An announcement as presented (AnnouncementDto) is defined once in packages/contracts (announcements.ts).
export type { AnnouncementDto };

const present = (a: AnnouncementRow): AnnouncementDto => ({
  id: a.id,
  title: a.title,
  body: a.body,
  cycleId: a.cycleId,
  publishedAt: a.publishedAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
});

/** "2027-02-20" → "20/02/2027". */
const viDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

/** What a publication says on the portal; a correction (version > 1) says so with its reason. */
export function publicationNotice(p: { year: number; version: number; decisionNumber: string; decisionDate: string; reason: string | null }): { title: string; body: string } {
  const decision = `Quyết định số ${p.decisionNumber} ngày ${viDate(p.decisionDate)}`;
  if (p.version > 1)
    return {
      title: `Đính chính kết quả Chỉ số CCHC năm ${p.year} (phiên bản ${p.version})`,
      body: `UBND tỉnh đã công bố đính chính kết quả Chỉ số cải cách hành chính năm ${p.year} (${decision}).${p.reason ? ` Lý do: ${p.reason}` : ''} Kết quả trên cổng này là phiên bản ${p.version}.`,
    };
  return {
    title: `Công bố Chỉ số CCHC năm ${p.year}`,
    body: `UBND tỉnh đã phê duyệt và công bố Chỉ số cải cách hành chính năm ${p.year} (${decision}). Kết quả từng đơn vị, bảng tổng hợp và tệp tải về có trên cổng này.`,
  };
}

export class AnnouncementsService {
  private readonly repo: AnnouncementRepository;

  constructor(private readonly db: Db) {
    this.repo = new AnnouncementRepository(db);
  }

  async listPublished(limit = 50): Promise<AnnouncementDto[]> {
    return (await this.repo.listPublished(limit)).map(present);
  }

  async listAll(): Promise<AnnouncementDto[]> {
    return (await this.repo.listAll()).map(present);
  }

  async create(actor: SessionUser, input: { title: string; body: string; cycleId?: string | null; publish?: boolean }): Promise<AnnouncementDto> {
    await this.checkCycle(input.cycleId);
    return this.db.transaction(async (tx) => {
      const row = await new AnnouncementRepository(tx).add({ id: newId(), title: input.title.trim(), body: input.body.trim(), cycleId: input.cycleId ?? null, publishedAt: input.publish ? new Date() : null, createdBy: actor.id });
      await audit(tx, actor, { action: input.publish ? 'announcement.publish' : 'announcement.create', subject: row.title, cycleId: row.cycleId });
      return present(row);
    });
  }

  /**
   * Posts the notice of a publication, in the publishing transaction (the service's db): the
   * portal's "Thông báo mới" is then the newest year's, not last year's. Audited with the publication.
   */
  async announcePublication(actorId: string, p: { cycleId: string; year: number; version: number; decisionNumber: string; decisionDate: string; reason: string | null }): Promise<AnnouncementDto> {
    const { title, body } = publicationNotice(p);
    return present(await this.repo.add({ id: newId(), title, body, cycleId: p.cycleId, publishedAt: new Date(), createdBy: actorId }));
  }

  /** The cycle an announcement links to must exist. */
  private async checkCycle(cycleId: string | null | undefined): Promise<void> {
    if (!cycleId) return;
    if (!(await this.repo.cycleExists(cycleId))) throw new AppError('VALIDATION', 'Kỳ đánh giá gắn với thông báo không tồn tại.', [{ field: 'cycleId', message: 'không tồn tại' }]);
  }

  async update(actor: SessionUser, id: string, patch: { title?: string; body?: string; cycleId?: string | null; published?: boolean }): Promise<AnnouncementDto> {
    const before = await this.repo.findById(id);
    if (!before) throw new AppError('NOT_FOUND', 'Không có thông báo này.');
    const set: AnnouncementPatch = {};
    if (patch.title !== undefined) set.title = patch.title.trim();
    if (patch.body !== undefined) set.body = patch.body.trim();
    if (patch.cycleId !== undefined) set.cycleId = patch.cycleId;
    if (patch.published !== undefined) set.publishedAt = patch.published ? (before.publishedAt ?? new Date()) : null;
    await this.checkCycle(patch.cycleId);
    // Nothing to change: the announcement as it is.
    if (Object.keys(set).length === 0) return present(before);
    return this.db.transaction(async (tx) => {
      const row = await new AnnouncementRepository(tx).patch(id, set);
      await audit(tx, actor, { action: patch.published === false ? 'announcement.unpublish' : patch.published ? 'announcement.publish' : 'announcement.update', subject: row.title, cycleId: row.cycleId });
      return present(row);
    });
  }
}
