/**
 * The demo province's people and its cycle under way: demo accounts for every role, the 2025
 * publication record, and the 2026 cycle open for self-assessment — most units with a draft
 * (evidence attached as a small PDF report per unit), some already submitted, Sở Tư pháp with
 * two leaves still to do. Used by the first start and by the browser test.
 */
import { createHash } from 'node:crypto';
import { seedPlanningDemo } from './seed-planning.ts';
import type { RubricDocument } from '@parindex/contracts';
import { applicableLeaves, checkLeafInputs, evaluateLeaf, indexRubric, toExact } from '@parindex/engine';
import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/database.ts';
import type { leafEvidence, leafScores, Role } from '../db/schema.ts';
import { newId } from '../db/sql-helpers.ts';
import { DemoRepository } from '../repositories/demo.repository.ts';
import { UserRepository } from '../repositories/user.repository.ts';
import { repositories } from '../services/repositories.ts';
import { PublicationStore } from '../services/publication/publication-store.ts';
import { type DemoProvince, demoInputs } from './demo-province.ts';

/** Every demo account has this password (shown on the sign-in page of the demo and in the README). */
export const DEMO_PASSWORD = 'SonHa-CCHC-2026';

export const DEMO_ACCOUNTS: { username: string; fullName: string; role: Role; unitCode?: string; email?: string }[] = [
  { username: 'quantri', fullName: 'Trần Văn Quản (quản trị)', role: 'admin' },
  { username: 'sonoivu', fullName: 'Nguyễn Thị Thu Hà (Phòng CCHC, Sở Nội vụ)', role: 'secretariat', unitCode: 'so-noi-vu' },
  { username: 'sonoivu2', fullName: 'Trần Thị Bích (Phòng CCHC, Sở Nội vụ)', role: 'secretariat', unitCode: 'so-noi-vu' },
  { username: 'tuphap.daumoi', fullName: 'Lê Minh Tuấn (đầu mối CCHC, Sở Tư pháp)', role: 'unit_officer', unitCode: 'so-tu-phap' },
  { username: 'tuphap.giamdoc', fullName: 'Phạm Quốc Bảo (Giám đốc Sở Tư pháp)', role: 'unit_head', unitCode: 'so-tu-phap' },
  // Appraisers name their own unit: they never appraise it (conflict of interest).
  { username: 'thamdinh1', fullName: 'Hoàng Thị Mai (thẩm định, Văn phòng UBND tỉnh)', role: 'appraiser', unitCode: 'van-phong-ubnd-tinh' },
  { username: 'thamdinh2', fullName: 'Đỗ Văn Hùng (thẩm định, Sở Nội vụ)', role: 'appraiser', unitCode: 'so-noi-vu' },
  { username: 'hoidong.chutich', fullName: 'Vũ Đức Thắng (Chủ tịch Hội đồng)', role: 'council_chair' },
  { username: 'hoidong.thanhvien', fullName: 'Bùi Thị Lan (thành viên Hội đồng)', role: 'council_member' },
  { username: 'lanhdao', fullName: 'Ngô Văn Sơn (Phó Chủ tịch UBND tỉnh)', role: 'leader' },
];

/** The unit whose officer walks through the browser test; two of its leaves are left undone. */
export const DEMO_UNIT_CODE = 'so-tu-phap';

/** A one-page PDF (ASCII text: the standard fonts carry no Vietnamese) standing for a unit's report. */
export function demoReportPdf(title: string): Buffer {
  const text = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export async function seedWorkflow(tx: Db, rubric: RubricDocument, province: DemoProvince, cycle2025Id: string): Promise<{ users: number; cycle2026: string }> {
  const r = repositories(tx);
  const demo = new DemoRepository(tx);
  const idOf = new Map((await r.units.listAll()).map((u) => [u.code, u.id]));
  const unitIdOf = (code: string) => {
    const id = idOf.get(code);
    if (!id) throw new Error(`demo account: no unit ${code}`);
    return id;
  };
  const userIds = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) {
    const id = newId();
    userIds.set(a.username, id);
    await new UserRepository(tx).add({ id, username: a.username, fullName: a.fullName, email: a.email ?? null, passwordHash: await hashPassword(DEMO_PASSWORD), role: a.role, unitId: a.unitCode ? unitIdOf(a.unitCode) : null });
  }
  const secretariat = userIds.get('sonoivu')!;

  // 2025: the decision that approved and published the results (illustrative number and date).
  // Frozen through the same writer as a real publication (publication-store.ts).
  await new PublicationStore(tx).publish({ cycleId: cycle2025Id, publishedBy: secretariat, decisionNumber: '312/QĐ-UBND', decisionDate: '2026-02-27', reason: null });

  // 2026: the same rubric re-issued for the year, the cycle open for self-assessment.
  const reissued = JSON.parse(JSON.stringify(rubric).replaceAll('năm 2025', 'năm 2026').replaceAll('SH-CCHC-2025', 'SH-CCHC-2026')) as RubricDocument;
  const doc2026: RubricDocument = { ...reissued, year: 2026, basis: 'Quyết định số 1458/QĐ-UBND ngày 15/10/2026 của UBND tỉnh (minh họa)' };
  const version = await r.rubrics.insertVersion(doc2026);
  const cycle = await r.cycles.create({ year: 2026, name: 'Chỉ số CCHC năm 2026 của tỉnh Sơn Hà (dữ liệu minh họa)', source: 'assessed', status: 'open', rubricVersionId: version.id });
  await r.cycles.setDeadlines(cycle.id, { self: '2026-12-20', appraisal: '2027-01-15', explanation: '2027-01-25', council: '2027-02-10' });
  await r.cycles.setCycleUnits(cycle.id, province.units2025.map((u) => ({ unitId: idOf.get(u.code)!, peerGroup: u.peerGroup })));
  await r.cycles.setExclusions(cycle.id, province.exclusions.map((e) => ({ unitId: idOf.get(e.unitCode)!, nodeCode: e.nodeCode, basis: e.basis })));
  for (const [username, fields] of [['thamdinh1', ['1', '2', '3', '4', '9']], ['thamdinh2', ['5', '6', '7', '8']]] as const)
    for (const nodeCode of fields) await demo.addAppraiserAssignment({ cycleId: cycle.id, userId: userIds.get(username)!, nodeCode });

  // Drafts: every unit's inputs, except survey leaves (surveys still running) and two of Sở Tư pháp's leaves.
  const index = indexRubric(doc2026);
  const inputs = demoInputs(doc2026, province.units2025, province.exclusions, 2026);
  const demoLeaves = applicableLeaves(index, 'departments').filter((l) => l.source === 'appraised' && l.effect === 'score');
  const leftUndone = new Set([demoLeaves.find((l) => !l.evidenceRequired)!.code, demoLeaves.find((l) => l.evidenceRequired)!.code]);
  const now = new Date();
  const rows: (typeof leafScores.$inferInsert)[] = [];
  const docs = new Map<string, string>();
  const links: (typeof leafEvidence.$inferInsert)[] = [];
  for (const s of inputs) {
    const leaf = index.leafByCode.get(s.leafCode)!;
    if (leaf.source === 'survey') continue;
    if (s.unitCode === DEMO_UNIT_CODE && leftUndone.has(s.leafCode)) continue;
    const unitId = idOf.get(s.unitCode)!;
    const hasEvidence = !!s.inputs.hasEvidence;
    if (leaf.evidenceRequired && hasEvidence) {
      let docId = docs.get(unitId);
      if (!docId) {
        docId = newId();
        docs.set(unitId, docId);
        const unitName = province.units2025.find((u) => u.code === s.unitCode)!.name;
        const pdf = demoReportPdf(`Bao cao ket qua cai cach hanh chinh nam 2026 - ${unitName} (du lieu minh hoa)`);
        await demo.addEvidenceDocument({ id: docId, cycleId: cycle.id, unitId, fileName: 'bao-cao-cchc-2026.pdf', mime: 'application/pdf', size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex'), numberSymbol: '15/BC-UBND', issuedDate: '2026-11-10', issuer: unitName, signer: null, uploadedBy: secretariat }, pdf.toString('base64'));
      }
      links.push({ cycleId: cycle.id, unitId, leafCode: s.leafCode, documentId: docId, page: '2' });
    }
    const own = { ...s.inputs, hasEvidence };
    const complete = checkLeafInputs(leaf, own).length === 0;
    rows.push({ cycleId: cycle.id, unitId, leafCode: s.leafCode, inputs: own, points: null, selfPoints: complete ? toExact(evaluateLeaf(leaf, own, doc2026.settings).points) : null, updatedAt: now });
  }
  await demo.addScoresAndLinks(rows, links);
  // A third of the departments have already submitted.
  const submitted = province.units2025.filter((u, i) => u.kind !== 'commune' && u.code !== DEMO_UNIT_CODE && i % 3 === 0);
  for (const u of submitted) await demo.addUnitStage({ cycleId: cycle.id, unitId: idOf.get(u.code)!, stage: 'self', status: 'submitted', changedBy: secretariat, changedAt: now });
  await seedPlanningDemo(tx, cycle2025Id, idOf.get(DEMO_UNIT_CODE)!, secretariat);
  return { users: DEMO_ACCOUNTS.length, cycle2026: cycle.id };
}
