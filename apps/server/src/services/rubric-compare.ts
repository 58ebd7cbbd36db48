/**
 * Two rubric versions compared, for the rubric pages: the engine's change report (diffRubrics —
 * the same one a replacement inside a cycle shows and the CLI prints: added, removed, re-weighted,
 * rule changed, kept) with each changed rule written out before and after, plus what the report
 * does not look at: titles and evidence texts that changed, and the version's general settings
 * (classification bands, peer groups, ties, caps).
 */
import type { RubricComparisonDto, RubricDocument, RubricNode, RubricVersionDto } from '@parindex/contracts';
import { type IndexedLeaf, diffRubrics, indexRubric, sameRubricDocument, viPoints } from '@parindex/engine';
import { conditionSentence, leafNotes, ruleSentence, tiesSentence } from './rubric-sentences.ts';

export type { RubricComparisonDto };

function nodesByCode(doc: RubricDocument): Map<string, RubricNode> {
  const out = new Map<string, RubricNode>();
  const walk = (n: RubricNode) => {
    out.set(n.code, n);
    n.children?.forEach(walk);
  };
  doc.fields.forEach(walk);
  return out;
}

/** A leaf's whole scoring in words: the rule, its effect and evidence requirement, the groups it applies to. */
function scoringText(leaf: IndexedLeaf, doc: RubricDocument): string {
  const names = new Map(doc.peerGroups.map((g) => [g.code, g.name]));
  const groups = leaf.appliesTo ? `Áp dụng cho: ${[...leaf.appliesTo].map((g) => names.get(g) ?? g).join(', ') || '(không nhóm nào)'}.` : '';
  const source = leaf.source === 'survey' && leaf.rule.type !== 'survey' ? 'Điểm lấy từ điều tra xã hội học.' : '';
  return [ruleSentence({ max: leaf.max.toFixed(), effect: leaf.effect, rule: leaf.rule }), source, ...leafNotes(leaf, doc.settings), groups].filter(Boolean).join(' ');
}

function settingsChanges(a: RubricDocument, b: RubricDocument): RubricComparisonDto['settingsChanged'] {
  const bands = (d: RubricDocument) => d.settings.bands.map((x) => `${x.label} từ ${viPoints(x.min)}`).join('; ');
  const groups = (d: RubricDocument) => d.peerGroups.map((g) => `${g.code} — ${g.name}`).join('; ');
  const cap = (v: string | undefined) => (v === undefined ? 'tổng điểm tối đa của các tiêu chí' : `${viPoints(v)} điểm`);
  const policy = (d: RubricDocument) => (d.settings.evidencePolicy === 'explanation' ? 'thiếu tài liệu thì 0 điểm, trừ khi giải trình được chấp nhận' : 'thiếu tài liệu thì 0 điểm');
  const rows: [string, (d: RubricDocument) => string][] = [
    ['Tên bộ chỉ số', (d) => d.name],
    ['Năm', (d) => String(d.year)],
    ['Căn cứ ban hành', (d) => d.basis?.trim() || '(không ghi)'],
    ['Xếp loại theo chỉ số', bands],
    ['Nhóm đơn vị xếp hạng', groups],
    ['Xử lý đồng hạng', (d) => tiesSentence(d.settings.ties)],
    ['Tài liệu kiểm chứng bắt buộc', policy],
    ['Điểm thưởng tối đa', (d) => cap(d.settings.bonusCap)],
    ['Điểm trừ tối đa', (d) => cap(d.settings.deductionCap)],
    ['Số chữ số thập phân khi tính điểm', (d) => String(d.settings.pointDecimals)],
  ];
  return rows.flatMap(([what, f]) => (f(a) === f(b) ? [] : [{ what, before: f(a), after: f(b) }]));
}

/** Compares version `from` (older, or current) with `to`. */
export function compareRubrics(from: RubricVersionDto & { document: RubricDocument }, to: RubricVersionDto & { document: RubricDocument }): RubricComparisonDto {
  const { document: a, ...fromDto } = from;
  const { document: b, ...toDto } = to;
  const report = diffRubrics(a, b);
  const ia = indexRubric(a);
  const ib = indexRubric(b);
  const ruleChanged = report.ruleChanged.map((x) => ({ ...x, before: scoringText(ia.leafByCode.get(x.code)!, a), after: scoringText(ib.leafByCode.get(x.code)!, b) }));
  const na = nodesByCode(a);
  const textChanged: RubricComparisonDto['textChanged'] = [];
  for (const [code, node] of nodesByCode(b)) {
    const old = na.get(code);
    if (!old) continue;
    if (old.title.trim() !== node.title.trim()) textChanged.push({ code, what: 'title', before: old.title, after: node.title });
    const ev = (n: RubricNode) => n.evidence?.trim() ?? '';
    if (ev(old) !== ev(node)) textChanged.push({ code, what: 'evidence', before: ev(old), after: ev(node) });
    const cond = (n: RubricNode) => (n.conditions ?? []).map((c) => conditionSentence(c, !n.children?.length)).join(' ');
    if (cond(old) !== cond(node)) textChanged.push({ code, what: 'conditions', before: cond(old), after: cond(node) });
  }
  const settingsChanged = settingsChanges(a, b);
  const same = sameRubricDocument(a, b);
  return { from: fromDto, to: toDto, same, added: report.added, removed: report.removed, reweighted: report.reweighted, ruleChanged, textChanged, settingsChanged, kept: report.kept.length };
}
