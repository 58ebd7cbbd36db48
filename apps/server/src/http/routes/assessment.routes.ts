/**
 * The units' and appraisers' work over HTTP: the self-assessment sheet and its evidence, appraisal,
 * explanation, the council's decisions and minutes, and the chair's approval. Unit-scoped routes
 * refuse a unit officer or head of another unit.
 */
import multipart from '@fastify/multipart';
import {
  AppraisalAcceptBody,
  AppraisalAcceptResult,
  AppraisalQueue,
  ContentTypes,
  CouncilDecisionBody,
  CouncilDecisionsBody,
  CouncilDecisionsResult,
  CouncilItem,
  CycleDto,
  EmptyBody,
  EvidenceContentTypes,
  EvidenceLinkBody,
  EvidenceUpload,
  EvidenceUploadResult,
  LeafResponseBody,
  ProposalBody,
  SelfEntryBody,
  SelfReturnBody,
  SheetLeaf,
  StageState,
  UnitDocument,
  UnitSheet,
  fileResponse,
} from '@parindex/contracts';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { AssessmentService } from '../../services/workflow/assessment.service.ts';
import { CycleLifecycleService } from '../../services/workflow/cycle-lifecycle.service.ts';
import { EvidenceService, MAX_EVIDENCE_BYTES } from '../../services/workflow/evidence.service.ts';
import type { Notifier } from '../../services/workflow/notifier.ts';
import { userOf } from '../auth.ts';
import { sendDownload } from '../download.ts';
import { readUpload } from '../multipart.ts';
import { COUNCIL, CycleParams, Id, LeafParams, SECRETARIAT, STAFF, UNIT, UnitParams, tags } from './workflow-common.ts';

/** Sends a file's bytes with its headers (the 2xx schema only documents them: no serializer runs on a Buffer). */
const sendFile = (reply: FastifyReply, headers: Record<string, string>, body: Buffer) => reply.headers(headers).send(body);

export const assessmentRoutes: FastifyPluginAsync<{ db: Db; notifier: Notifier }> = async (app, { db, notifier }) => {
  await app.register(multipart, { limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 10 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const assessment = new AssessmentService(db, notifier);
  const lifecycle = new CycleLifecycleService(db, notifier);
  const evidence = new EvidenceService(db);

  // ----- self-assessment -----
  r.get(
    '/work/cycles/:id/units/:unitId/sheet',
    { config: { access: [...STAFF, ...UNIT], unitScoped: true }, schema: { tags, summary: 'Phiếu tự đánh giá của đơn vị (mọi tiêu chí áp dụng, điểm từng giai đoạn)', params: UnitParams, response: { 200: UnitSheet } } },
    (req) => assessment.sheet(req.params.id, req.params.unitId),
  );
  r.put(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/self',
    {
      config: { access: UNIT, unitScoped: true },
      schema: { tags, summary: 'Lưu số liệu tự đánh giá một tiêu chí (điểm do hệ thống tính)', params: LeafParams, body: SelfEntryBody, response: { 200: SheetLeaf } },
    },
    (req) => assessment.saveSelf(userOf(req), req.params.id, req.params.unitId, req.params.leafCode, req.body),
  );
  r.post('/work/cycles/:id/units/:unitId/submit', { config: { access: ['unit_head'], unitScoped: true }, schema: { tags, summary: 'Thủ trưởng phê duyệt và gửi kết quả tự đánh giá', params: UnitParams, body: EmptyBody, response: { 200: StageState } } }, (req) =>
    assessment.submitSelf(userOf(req), req.params.id, req.params.unitId),
  );
  r.post(
    '/work/cycles/:id/units/:unitId/return',
    { config: { access: SECRETARIAT }, schema: { tags, summary: 'Trả lại kết quả tự đánh giá để đơn vị sửa', params: UnitParams, body: SelfReturnBody, response: { 200: StageState } } },
    (req) => assessment.returnSelf(userOf(req), req.params.id, req.params.unitId, req.body.reason),
  );

  // ----- evidence -----
  r.get('/work/cycles/:id/units/:unitId/documents', { config: { access: [...STAFF, ...UNIT], unitScoped: true }, schema: { tags, summary: 'Tài liệu kiểm chứng của đơn vị', params: UnitParams, response: { 200: z.array(UnitDocument) } } }, (req) =>
    assessment.listDocuments(req.params.id, req.params.unitId),
  );
  r.post(
    '/work/cycles/:id/units/:unitId/documents',
    { config: { access: UNIT, unitScoped: true }, schema: { tags, summary: 'Tải lên tài liệu kiểm chứng (multipart: file, numberSymbol, issuedDate, issuer, signer)', params: UnitParams, multipartBody: EvidenceUpload, response: { 200: EvidenceUploadResult } } },
    async (req) => evidence.uploadForm(userOf(req), req.params.id, req.params.unitId, await readUpload(req, { maxBytes: MAX_EVIDENCE_BYTES, fields: ['numberSymbol', 'issuedDate', 'issuer', 'signer'] })),
  );
  r.put(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/evidence',
    { config: { access: UNIT, unitScoped: true }, schema: { tags, summary: 'Gắn tài liệu kiểm chứng với tiêu chí', params: LeafParams, body: EvidenceLinkBody, response: { 200: SheetLeaf } } },
    (req) => evidence.link(userOf(req), req.params.id, req.params.unitId, req.params.leafCode, req.body.documentId, req.body.page ?? null),
  );
  r.delete(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/evidence/:documentId',
    { config: { access: UNIT, unitScoped: true }, schema: { tags, summary: 'Bỏ tài liệu khỏi tiêu chí', params: LeafParams.extend({ documentId: Id }), response: { 200: SheetLeaf } } },
    (req) => evidence.unlink(userOf(req), req.params.id, req.params.unitId, req.params.leafCode, req.params.documentId),
  );
  r.get('/work/documents/:documentId/file', { config: { access: [...STAFF, ...UNIT] }, schema: { tags, summary: 'Xem tài liệu kiểm chứng', params: z.object({ documentId: Id }), response: { 200: fileResponse(Object.keys(EvidenceContentTypes), 'Tài liệu kiểm chứng') } } }, async (req, reply) => {
    const { doc, content } = await evidence.file(userOf(req), req.params.documentId);
    return sendFile(
      reply,
      {
        'content-type': doc.mime,
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
      },
      content,
    );
  });

  // ----- appraisal -----
  r.get('/work/cycles/:id/appraisal', { config: { access: ['appraiser', 'secretariat'] }, schema: { tags, summary: 'Hàng đợi thẩm định: các tiêu chí được phân công ở mọi đơn vị', params: CycleParams, response: { 200: AppraisalQueue } } }, (req) =>
    assessment.appraisalQueue(userOf(req), req.params.id),
  );
  r.put(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/proposal',
    {
      config: { access: ['appraiser', 'secretariat'] },
      schema: { tags, summary: 'Đề xuất điểm thẩm định: điểm theo phương pháp chấm của tiêu chí, hoặc số liệu để hệ thống tính điểm (lý do bắt buộc khi khác điểm tự chấm)', params: LeafParams, body: ProposalBody, response: { 200: SheetLeaf } },
    },
    (req) => assessment.propose(userOf(req), req.params.id, req.params.unitId, req.params.leafCode, req.body),
  );
  r.post(
    '/work/cycles/:id/appraisal/accept',
    {
      config: { access: ['appraiser', 'secretariat'] },
      schema: { tags, summary: 'Chấp nhận điểm tự chấm cho nhiều tiêu chí', params: CycleParams, body: AppraisalAcceptBody, response: { 200: AppraisalAcceptResult } },
    },
    (req) => assessment.acceptMany(userOf(req), req.params.id, req.body.items),
  );

  // ----- explanation -----
  r.put(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/response',
    {
      config: { access: UNIT, unitScoped: true },
      schema: { tags, summary: 'Giải trình: đồng ý với điểm đề xuất, hoặc giải trình', params: LeafParams, body: LeafResponseBody, response: { 200: SheetLeaf } },
    },
    (req) => assessment.respond(userOf(req), req.params.id, req.params.unitId, req.params.leafCode, req.body),
  );
  r.post('/work/cycles/:id/units/:unitId/explanation/submit', { config: { access: ['unit_head'], unitScoped: true }, schema: { tags, summary: 'Gửi giải trình', params: UnitParams, body: EmptyBody, response: { 200: StageState } } }, (req) =>
    assessment.submitExplanation(userOf(req), req.params.id, req.params.unitId),
  );

  // ----- council -----
  r.get('/work/cycles/:id/council', { config: { access: [...COUNCIL, 'secretariat'] }, schema: { tags, summary: 'Nội dung còn ý kiến khác nhau sau giải trình', params: CycleParams, response: { 200: z.array(CouncilItem) } } }, (req) => assessment.councilItems(req.params.id));
  r.put(
    '/work/cycles/:id/units/:unitId/leaves/:leafCode/council',
    { config: { access: COUNCIL }, schema: { tags, summary: 'Quyết định của Hội đồng cho một nội dung: điểm theo phương pháp chấm, hoặc số liệu để hệ thống tính điểm', params: LeafParams, body: CouncilDecisionBody, response: { 200: CouncilItem } } },
    (req) => assessment.decide(userOf(req), req.params.id, req.params.unitId, req.params.leafCode, req.body),
  );
  r.post(
    '/work/cycles/:id/council/decisions',
    {
      config: { access: COUNCIL },
      schema: {
        tags,
        summary: 'Quyết định của Hội đồng cho nhiều nội dung một lần (không nhập điểm: giữ điểm tự chấm), cùng một lý do',
        params: CycleParams,
        body: CouncilDecisionsBody,
        response: { 200: CouncilDecisionsResult },
      },
    },
    (req) => assessment.decideMany(userOf(req), req.params.id, req.body),
  );
  r.get('/work/cycles/:id/council/minutes', { config: { access: [...COUNCIL, 'secretariat'] }, schema: { tags, summary: 'Biên bản họp Hội đồng (DOCX)', params: CycleParams, response: { 200: fileResponse([ContentTypes.docx]) } } }, async (req, reply) => {
    const minutes = await assessment.councilMinutes(req.params.id);
    return sendDownload(reply, { contentType: ContentTypes.docx, ...minutes });
  });
  r.post('/work/cycles/:id/approve', { config: { access: ['council_chair'] }, schema: { tags, summary: 'Chủ tịch Hội đồng phê duyệt điểm cuối cùng', params: CycleParams, body: EmptyBody, response: { 200: CycleDto } } }, (req) => lifecycle.approve(userOf(req), req.params.id));
};
