/** Setting up collection: the sample plan and response rate, one-time links (also from a respondent list) and one-stop desks. */
import { randomBytes } from 'node:crypto';
import { AppError, type SurveyDeskCreated, type SurveyDeskView, type SurveyLink, type SurveyListLink, type SurveyProgressRow } from '@parindex/contracts';
import { dec, sampleSize, toFixedHalfUp } from '@parindex/engine';
import QRCode from 'qrcode';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { assertNoDuplicates } from '../../db/sql-helpers.ts';
import { SurveyResponseRepository } from '../../repositories/survey-response.repository.ts';
import { SurveyRepository } from '../../repositories/survey.repository.ts';
import { SurveyWindowRepository } from '../../repositories/survey-window.repository.ts';
import { readRespondentList } from '../../survey-io/respondent-list.ts';
import type { TableSource } from '../../io/table-rows.ts';
import { assertUnitsExist } from '../references.ts';
import { repositories } from '../repositories.ts';
import { audit } from '../workflow/audit.ts';
import { assertCycleWritable } from '../workflow/stage-rules.ts';
import { collator, getQuestionnaire, sha256 } from './survey-queries.ts';
import { windowDto } from './survey-windows.ts';

export class SurveyCollection {
  constructor(private readonly db: Db) {}

  // ---------- sample plan ----------

  async setTargets(actor: SessionUser, questionnaireId: string, rows: { unitId: string; respondentGroup: string; transactions?: number | null; margin?: string | null; target?: number | null }[]) {
    const q = await getQuestionnaire(this.db, questionnaireId);
    assertCycleWritable(await repositories(this.db).cycles.getById(q.cycleId), 'sửa cỡ mẫu khảo sát');
    const groups = new Set(q.document.respondentGroups.map((g) => g.code));
    const values = rows.map((r, i) => {
      if (!groups.has(r.respondentGroup)) throw new AppError('VALIDATION', `Dòng ${i + 1}: nhóm đối tượng "${r.respondentGroup}" không có trong phiếu.`, [{ row: i + 1, field: 'respondentGroup', message: 'không có' }]);
      let target = r.target ?? null;
      if (target === null) {
        if (!r.transactions || !r.margin) throw new AppError('VALIDATION', `Dòng ${i + 1}: cần cỡ mẫu, hoặc số giao dịch N và sai số e để tính n = N/(1+N·e²).`, [{ row: i + 1, field: 'target', message: 'thiếu' }]);
        target = sampleSize(r.transactions, r.margin);
      }
      return { questionnaireId, unitId: r.unitId, respondentGroup: r.respondentGroup, transactions: r.transactions ?? null, margin: r.margin ?? null, target };
    });
    await assertUnitsExist(this.db, rows.map((r) => r.unitId));
    assertNoDuplicates(values, (v) => `${v.unitId} × ${v.respondentGroup}`, 'Cỡ mẫu của đơn vị × nhóm đối tượng');
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await new SurveyRepository(tx).replaceTargets(questionnaireId, values);
      await audit(tx, actor, { action: 'survey.targets', cycleId: q.cycleId, subject: q.code, after: { rows: values.length } });
    });
    return this.progress(questionnaireId);
  }

  /** Response rate against target per unit × group (valid responses only). */
  async progress(questionnaireId: string): Promise<SurveyProgressRow[]> {
    const targets = await new SurveyRepository(this.db).listTargetsWithUnit(questionnaireId);
    const counts = await new SurveyResponseRepository(this.db).countValidByUnitAndGroup(questionnaireId);
    return targets
      .map((t) => {
        const n = Number(counts.find((c) => c.unitId === t.unitId && c.group === t.group)?.n ?? 0);
        return { unitId: t.unitId, unitName: t.name, respondentGroup: t.group, transactions: t.transactions, margin: t.margin, target: t.target, responses: n, ratePercent: t.target ? toFixedHalfUp(dec(n).times(100).dividedBy(t.target), 1) : '0' };
      })
      .sort((a, b) => collator.compare(a.unitName, b.unitName) || a.respondentGroup.localeCompare(b.respondentGroup));
  }

  // ---------- one-time links and desks ----------

  /** Makes one-time links; the tokens are shown once (only their hash is kept), each with its QR code (SVG). */
  async makeTokens(actor: SessionUser, questionnaireId: string, body: { unitId?: string | null; respondentGroup: string; count?: number; labels?: string[]; links?: { label: string; unitId: string | null }[]; baseUrl: string }): Promise<SurveyLink[]> {
    const q = await getQuestionnaire(this.db, questionnaireId);
    assertCycleWritable(await repositories(this.db).cycles.getById(q.cycleId), 'tạo đường dẫn khảo sát');
    if (!q.document.respondentGroups.some((g) => g.code === body.respondentGroup)) throw new AppError('VALIDATION', `Nhóm đối tượng "${body.respondentGroup}" không có trong phiếu.`, [{ field: 'respondentGroup', message: 'không có' }]);
    const unitId = body.unitId ?? null;
    const links = body.links ?? (body.labels?.length ? body.labels : Array.from({ length: body.count ?? 1 }, () => null)).map((label) => ({ label, unitId }));
    if (links.length > 5000) throw new AppError('VALIDATION', 'Tối đa 5.000 đường dẫn mỗi lần.');
    // The links' unit when one is chosen (a respondent list's own units come from its unit codes, already checked against the cycle's units).
    await assertUnitsExist(this.db, [unitId]);
    // The route's base is PUBLIC_URL when configured: links and QR codes must open from a respondent's phone, not 127.0.0.1.
    const base = body.baseUrl.replace(/\/+$/, '');
    const out = await Promise.all(
      links.map(async (link) => {
        const token = randomBytes(18).toString('base64url');
        const url = `${base}/khao-sat/${encodeURIComponent(q.code)}?t=${token}`;
        return { token, ...link, url, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, width: 160 }) };
      }),
    );
    // One statement: every link of the list is made, or none.
    await new SurveyRepository(this.db).insertTokens(out.map((o) => ({ tokenHash: sha256(o.token), questionnaireId, unitId: o.unitId, respondentGroup: body.respondentGroup, label: q.identified ? o.label : null })));
    await audit(this.db, actor, { action: 'survey.tokens', cycleId: q.cycleId, subject: q.code, after: { count: out.length, unitId, group: body.respondentGroup, fromList: !!body.links } });
    return out.map(({ label, unitId: u, url, qrSvg }) => ({ label, unitId: u, url, qrSvg }));
  }

  /**
   * One one-time link per person of a respondent list (survey-io/respondent-list.ts): nothing is
   * made when any row is bad. Names are printed on the QR sheet; they are kept with the link only
   * for an identified survey.
   */
  async tokensFromList(actor: SessionUser, questionnaireId: string, file: TableSource, body: { unitId?: string | null; respondentGroup?: string; baseUrl: string }): Promise<SurveyListLink[]> {
    // The multipart form's fields: the group is required, an empty unit means none.
    const respondentGroup = body.respondentGroup;
    if (!respondentGroup) throw new AppError('VALIDATION', 'Hãy chọn nhóm đối tượng của danh sách (trường "respondentGroup", gửi trước tệp).', [{ field: 'respondentGroup', message: 'bắt buộc' }]);
    const listUnit = body.unitId || null;
    const q = await getQuestionnaire(this.db, questionnaireId);
    assertCycleWritable(await repositories(this.db).cycles.getById(q.cycleId), 'tạo đường dẫn khảo sát');
    const cycleUnits = await repositories(this.db).cycles.listCycleUnits(q.cycleId);
    const people = await readRespondentList(file, cycleUnits);
    const idOf = new Map(cycleUnits.map((u) => [u.code, u.unitId]));
    const links = await this.makeTokens(actor, questionnaireId, { unitId: listUnit, respondentGroup, baseUrl: body.baseUrl, links: people.map((p) => ({ label: p.unit ? `${p.name} — ${p.unit}` : p.name, unitId: p.evaluatedUnitCode ? idOf.get(p.evaluatedUnitCode)! : listUnit })) });
    return links.map((l, i) => ({ ...l, row: people[i].row, name: people[i].name, unit: people[i].unit ?? null, email: people[i].email ?? null }));
  }

  async createDesk(actor: SessionUser, questionnaireId: string, body: { unitId: string; name: string; respondentGroup: string; requireDossier?: boolean; baseUrl: string }): Promise<SurveyDeskCreated> {
    const q = await getQuestionnaire(this.db, questionnaireId);
    assertCycleWritable(await repositories(this.db).cycles.getById(q.cycleId), 'tạo quầy khảo sát');
    if (!q.document.respondentGroups.some((g) => g.code === body.respondentGroup)) throw new AppError('VALIDATION', `Nhóm đối tượng "${body.respondentGroup}" không có trong phiếu.`, [{ field: 'respondentGroup', message: 'không có' }]);
    await assertUnitsExist(this.db, [body.unitId]);
    const code = randomBytes(5).toString('base64url').replace(/[-_]/g, 'x').toUpperCase();
    await new SurveyWindowRepository(this.db).insertDesk({ code, questionnaireId, unitId: body.unitId, name: body.name, respondentGroup: body.respondentGroup, requireDossier: body.requireDossier ? 1 : 0 });
    await audit(this.db, actor, { action: 'survey.desk', cycleId: q.cycleId, subject: q.code, after: { code, name: body.name } });
    const url = `${body.baseUrl.replace(/\/+$/, '')}/khao-sat/${encodeURIComponent(q.code)}?quay=${code}`;
    return { code, name: body.name, url, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, width: 220 }) };
  }

  async listDesks(questionnaireId: string): Promise<SurveyDeskView[]> {
    const rows = await new SurveyWindowRepository(this.db).listDeskViews(questionnaireId);
    return rows.map(({ opensOn, closesOn, closedAt, ...d }) => ({ ...d, window: windowDto({ open: d.active, opensOn, closesOn, closedAt }) }));
  }
}
