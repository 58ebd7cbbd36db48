/**
 * What stops `parindex demo remove`: real data that references the demo province. Real data is
 * whatever the demo seed did not create (demo-record.ts): a real account, a real cycle, and
 * everything written by a real account. Removing the demo must never take real data with it, nor
 * leave real rows pointing at deleted ones, so each finding is named and the removal refused.
 */
import type { Db } from '../db/database.ts';
import { DemoRepository, type WrittenSource } from '../repositories/demo.repository.ts';
import type { DemoRecord } from './demo-record.ts';

/** One kind of real data referencing the demo, with a few examples. */
export interface DemoReference {
  what: string;
  count: number;
  examples: string[];
}

const EXAMPLES = 5;
const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];

/** Tables whose rows name their writer (an account id), in the order they are reported. */
const WRITTEN: [WrittenSource, string][] = [
  ['leaf_scores', 'điểm các tiêu chí'],
  ['evidence_documents', 'tài liệu kiểm chứng'],
  ['unit_stages', 'trạng thái nộp/trả của đơn vị'],
  ['publications', 'bản công bố kết quả'],
  ['appraiser_assignments', 'phân công thẩm định'],
  ['survey_paper_entries', 'phiếu giấy đã nhập'],
  ['survey_responses', 'phiếu khảo sát đã loại'],
  ['audit_log', 'nhật ký thao tác'],
  ['announcements', 'thông báo trên cổng'],
];

export async function findRealReferences(db: Db, rec: DemoRecord): Promise<DemoReference[]> {
  const repo = new DemoRepository(db);
  const out: DemoReference[] = [];
  const add = (what: string, n: number, examples: string[]) => {
    if (n > 0) out.push({ what, count: n, examples: examples.slice(0, EXAMPLES) });
  };

  // Real accounts of a demo unit.
  const accounts = await repo.realAccountsOfUnits(rec);
  add('Tài khoản thật gắn với đơn vị minh họa', accounts.length, accounts.map((a) => `${a.username} (${a.unit})`));

  // Real cycles using demo units or a demo rubric version.
  const members = await repo.realCyclesUsingUnits(rec);
  add('Kỳ đánh giá thật dùng đơn vị minh họa', members.length, members.map((m) => `${m.name} (${m.n} đơn vị)`));
  const rubricUsers = await repo.realCyclesUsingRubrics(rec);
  add('Kỳ đánh giá thật dùng bộ chỉ số minh họa', rubricUsers.length, rubricUsers.map((c) => c.name));

  // Real questionnaires (of real cycles) and remediation plans naming a demo unit.
  const surveyRows = await repo.realSurveyRowsForUnits(rec);
  add('Phiếu khảo sát thật (cỡ mẫu, quầy, đường dẫn) nhắm vào đơn vị minh họa', surveyRows.reduce((s, r) => s + Number(r.n), 0), distinct(surveyRows.map((r) => r.code)));
  const plans = await repo.realPlansForUnits(rec);
  add('Kế hoạch khắc phục của kỳ thật cho đơn vị minh họa', plans.length, distinct(plans.map((p) => p.unit)));

  // Lineage between a demo unit and a real one.
  const links = await repo.lineageAcross(rec);
  if (links.length) {
    const names = await repo.unitNames(distinct(links.flatMap((l) => [l.predecessor, l.successor])));
    add('Quan hệ sáp nhập giữa đơn vị minh họa và đơn vị thật', links.length, links.map((l) => `${names.get(l.predecessor) ?? l.predecessor} → ${names.get(l.successor) ?? l.successor}`));
  }

  // Who wrote what: real accounts inside the demo's cycles, demo accounts outside them.
  const names = await repo.usernames();
  for (const [source, label] of WRITTEN) {
    const byReal = await repo.writtenBy(rec, source, 'demo');
    add(`Dữ liệu do tài khoản thật nhập vào dữ liệu minh họa — ${label}`, byReal.n, byReal.writers.map((id) => names.get(id) ?? id));
    const byDemo = await repo.writtenBy(rec, source, 'real');
    add(`Dữ liệu thật do tài khoản minh họa nhập — ${label}`, byDemo.n, byDemo.writers.map((id) => names.get(id) ?? id));
  }
  return out;
}

/** The refusal's text: one line per kind, with examples. */
export function referencesText(refs: DemoReference[]): string {
  return refs.map((r) => `- ${r.what}: ${r.count} (${r.examples.join('; ')}${r.count > r.examples.length && r.examples.length ? '; …' : ''})`).join('\n');
}
