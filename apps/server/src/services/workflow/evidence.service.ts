/**
 * Evidence documents (tài liệu kiểm chứng): PDF, DOCX, XLSX or images, the type checked from the
 * content (not the name), with the document's number/symbol, date, issuing body and signer. One
 * document can support several leaves; linking or unlinking re-scores leaves whose rule requires
 * evidence. Bytes are kept in the database, so the embedded data folder holds everything.
 *
 * Evidence follows the sheet's lock (stage-rules.ts): while the self-assessment may be edited,
 * documents are uploaded, linked and unlinked freely; once it is submitted they are fixed, except
 * that during the explanation a unit may upload and link new documents to a leaf that has a
 * proposal, in support of its answer (they never change the self-assessed score).
 */
import { createHash } from 'node:crypto';
import { AppError, EvidenceContentTypes, EvidenceMeta, type EvidenceUploadResult, type SheetLeaf } from '@parindex/contracts';
import { fileTypeFromBuffer } from 'file-type';
import { type SessionUser, UNIT_ROLES } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { newId } from '../../db/sql-helpers.ts';
import { EvidenceRepository } from '../../repositories/evidence.repository.ts';
import { LeafStagesRepository } from '../../repositories/leaf-stages.repository.ts';
import { repositories } from '../repositories.ts';
import { AssessmentService, outsideYear, viDate } from './assessment.service.ts';
import { audit } from './audit.ts';
import { assertCycleWritable, explanationLocked, selfLocked } from './stage-rules.ts';

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

const ALLOWED: Record<string, string> = EvidenceContentTypes;

export interface UploadMeta {
  numberSymbol?: string | null;
  issuedDate?: string | null;
  issuer?: string | null;
  signer?: string | null;
}

export class EvidenceService {
  private readonly assessment: AssessmentService;
  constructor(private readonly db: Db) {
    this.assessment = new AssessmentService(db);
  }

  /** The upload form (file and text fields as read from the request): its identity checked by the contract, then stored. */
  uploadForm(actor: SessionUser, cycleId: string, unitId: string, form: { name: string; content: Buffer; fields: Record<string, string | undefined> }): Promise<EvidenceUploadResult> {
    const field = (name: keyof EvidenceMeta) => form.fields[name] ?? null;
    const meta = EvidenceMeta.safeParse({ numberSymbol: field('numberSymbol'), issuedDate: field('issuedDate'), issuer: field('issuer'), signer: field('signer') });
    if (!meta.success)
      throw new AppError('VALIDATION', meta.error.issues.map((i) => i.message).join(' '), meta.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })));
    return this.upload(actor, cycleId, unitId, form.name, form.content, meta.data);
  }

  /** Checks and stores a file; returns it with a warning when its date lies outside the assessment year. */
  async upload(actor: SessionUser, cycleId: string, unitId: string, fileName: string, content: Buffer, meta: UploadMeta): Promise<EvidenceUploadResult> {
    const cycle = await repositories(this.db).cycles.getById(cycleId);
    const closed = await this.lockReason(this.db, cycleId, unitId, 'upload');
    if (closed) throw new AppError('CONFLICT', closed);
    if (content.length === 0) throw new AppError('INVALID_FILE', `Tệp "${fileName}" rỗng (0 byte).`, [{ field: 'file', message: 'tệp rỗng' }]);
    if (content.length > MAX_EVIDENCE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `Tệp "${fileName}" vượt quá ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB.`, [{ field: 'file', message: 'quá lớn' }]);
    const detected = await fileTypeFromBuffer(content);
    if (!detected || !ALLOWED[detected.mime])
      throw new AppError(
        'INVALID_FILE',
        `Tệp "${fileName}" không phải PDF, DOCX, XLSX hay ảnh PNG/JPEG${detected ? ` (nội dung thực là ${detected.ext.toUpperCase()})` : ''}. Chỉ nhận các loại tệp này, kiểm tra theo nội dung tệp chứ không theo tên.`,
        [{ field: 'file', message: 'loại tệp không được chấp nhận' }],
      );
    if (meta.issuedDate && !/^\d{4}-\d{2}-\d{2}$/.test(meta.issuedDate)) throw new AppError('VALIDATION', 'Ngày ban hành không hợp lệ (dạng YYYY-MM-DD).', [{ field: 'issuedDate', message: 'không hợp lệ' }]);
    const id = newId();
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await new EvidenceRepository(tx).insertDocument(
        {
          id,
          cycleId,
          unitId,
          fileName: fileName.slice(0, 200),
          mime: detected.mime,
          size: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
          numberSymbol: meta.numberSymbol?.trim() || null,
          issuedDate: meta.issuedDate || null,
          issuer: meta.issuer?.trim() || null,
          signer: meta.signer?.trim() || null,
          uploadedBy: actor.id,
        },
        content.toString('base64'),
      );
      await audit(tx, actor, { action: 'evidence.upload', cycleId, unitId, subject: fileName, after: { documentId: id, size: content.length, type: ALLOWED[detected.mime], ...meta } });
    });
    const warnings = outsideYear(meta.issuedDate ?? null, cycle.year)
      ? [`Ngày ban hành ${viDate(meta.issuedDate!)} nằm ngoài năm đánh giá ${cycle.year}: tài liệu có thể không được tính.`]
      : [];
    return { id, fileName, mime: detected.mime, size: content.length, warnings };
  }

  async link(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, documentId: string, page: string | null): Promise<SheetLeaf> {
    assertCycleWritable(await repositories(this.db).cycles.getById(cycleId), 'gắn tài liệu kiểm chứng');
    const doc = await new EvidenceRepository(this.db).findDocument(documentId);
    if (!doc || doc.cycleId !== cycleId || doc.unitId !== unitId) throw new AppError('NOT_FOUND', 'Không tìm thấy tài liệu của đơn vị trong kỳ này.');
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const closed = await this.lockReason(tx, cycleId, unitId, 'link', leafCode);
      if (closed) throw new AppError('CONFLICT', closed);
      await new EvidenceRepository(tx).link({ cycleId, unitId, leafCode, documentId, page: page?.trim() || null });
      await audit(tx, actor, { action: 'evidence.link', cycleId, unitId, subject: leafCode, after: { documentId, fileName: doc.fileName, page } });
      await this.assessment.refreshEvidence(tx, actor, cycleId, unitId, leafCode);
    });
    return this.assessment.sheetLeaf(cycleId, unitId, leafCode);
  }

  async unlink(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, documentId: string): Promise<SheetLeaf> {
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const closed = await this.lockReason(tx, cycleId, unitId, 'unlink', leafCode);
      if (closed) throw new AppError('CONFLICT', closed);
      await new EvidenceRepository(tx).unlink(cycleId, unitId, leafCode, documentId);
      await audit(tx, actor, { action: 'evidence.unlink', cycleId, unitId, subject: leafCode, before: { documentId } });
      await this.assessment.refreshEvidence(tx, actor, cycleId, unitId, leafCode);
    });
    return this.assessment.sheetLeaf(cycleId, unitId, leafCode);
  }

  /** Why the unit may not make this evidence change now (see the module comment), or null. */
  private async lockReason(db: Db, cycleId: string, unitId: string, change: 'upload' | 'link' | 'unlink', leafCode?: string): Promise<string | null> {
    const cycle = await repositories(db).cycles.getById(cycleId);
    const self = selfLocked(cycle, await this.assessment.stageOf(db, cycleId, unitId, 'self'));
    if (!self) return null;
    if (cycle.status !== 'appraisal') return cycle.status === 'open' ? self : 'Kỳ đánh giá không nhận thay đổi tài liệu kiểm chứng ở giai đoạn này.';
    if (change === 'unlink') return 'Tài liệu đã gửi kèm kết quả tự đánh giá không gỡ được; khi giải trình chỉ bổ sung được tài liệu mới.';
    const explanation = explanationLocked(cycle, await this.assessment.stageOf(db, cycleId, unitId, 'explanation'));
    if (explanation) return `${explanation} Không bổ sung được tài liệu kiểm chứng.`;
    if (change === 'link') {
      if ((await new LeafStagesRepository(db).findProposedPoints(cycleId, unitId, leafCode!)) == null) return `Tiêu chí ${leafCode} chưa có điểm đề xuất thẩm định: khi giải trình chỉ gắn thêm tài liệu cho tiêu chí có điểm đề xuất.`;
    }
    return null;
  }

  /** The file, for whoever may see the unit's assessment: a unit's officer and head see only their own unit's. */
  async file(actor: SessionUser, documentId: string) {
    const repo = new EvidenceRepository(this.db);
    const doc = await repo.findDocument(documentId);
    if (!doc) throw new AppError('NOT_FOUND', 'Không tìm thấy tài liệu.');
    if (UNIT_ROLES.has(actor.role) && doc.unitId !== actor.unitId) throw new AppError('FORBIDDEN', 'Bạn chỉ được xem tài liệu của đơn vị mình.');
    return { doc, content: Buffer.from((await repo.findContent(documentId))!, 'base64') };
  }
}
