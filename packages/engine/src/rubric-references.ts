import type { RubricDocument, RubricNode, ScoringRule } from '@parindex/contracts';
import type { RubricProblem } from './rubric-validate.ts';

/**
 * Codes a text names as another part of the rubric: "như tiêu chí 2.1.3", "TCTP 3.2.1",
 * "lĩnh vực 4". A criterion's code must have a dot (a bare "tiêu chí 5" is too often a count in
 * a label); a field's code is a number alone.
 */
const REFERENCE = /(?<![\p{L}\p{N}])(?:(tiêu chí thành phần|tiêu chí|tctp|tc)\s+(?:số\s+)?(\d+(?:\.[0-9A-Za-z]+)+)|(lĩnh vực)\s+(?:số\s+)?(\d+(?:\.[0-9A-Za-z]+)*))(?![\p{L}\p{N}])/giu;

export function referencedCodes(text: string): string[] {
  const found: string[] = [];
  for (const m of text.normalize('NFC').matchAll(REFERENCE)) {
    const code = m[2] ?? m[4];
    if (!found.includes(code)) found.push(code);
  }
  return found;
}

/** The texts of a rule an official writes (labels of levels, of met/not met, of the ratio's terms, of what is counted), with their path inside the node. */
function ruleTexts(rule: ScoringRule): { field: string; text: string }[] {
  switch (rule.type) {
    case 'levels':
      return (rule.levels ?? []).map((l, i) => ({ field: `rule.levels[${i}].label`, text: l.label }));
    case 'binary':
      return [
        ...(rule.yesLabel !== undefined ? [{ field: 'rule.yesLabel', text: rule.yesLabel }] : []),
        ...(rule.noLabel !== undefined ? [{ field: 'rule.noLabel', text: rule.noLabel }] : []),
      ];
    case 'ratio_bands':
    case 'proportional':
      return [{ field: 'rule.numeratorLabel', text: rule.numeratorLabel }, { field: 'rule.denominatorLabel', text: rule.denominatorLabel }];
    case 'count':
    case 'count_tiers':
    case 'count_deduction':
      return [{ field: 'rule.countLabel', text: rule.countLabel }];
    default:
      return [];
  }
}

/**
 * A scoring rule that names a criterion the rubric does not have ("Mức: Như tiêu chí 9.9.9 = 1; …")
 * scores against nothing: each such name is a problem naming the rule's node, the text and the
 * missing code. Codes of any level count (a rule may point at a parent criterion).
 */
export function checkRuleReferences(doc: RubricDocument): RubricProblem[] {
  const codes = new Set<string>();
  const collect = (n: RubricNode) => {
    codes.add(n.code);
    n.children?.forEach(collect);
  };
  (doc.fields ?? []).forEach(collect);
  const problems: RubricProblem[] = [];
  const walk = (n: RubricNode) => {
    if (n.rule && typeof n.rule === 'object') {
      for (const { field, text } of ruleTexts(n.rule)) {
        if (typeof text !== 'string') continue;
        for (const code of referencedCodes(text)) {
          if (codes.has(code)) continue;
          problems.push({
            nodeCode: n.code,
            field,
            message: `Phương pháp chấm điểm của tiêu chí ${n.code} nhắc tới mã ${code} ("${text.length > 80 ? `${text.slice(0, 79)}…` : text}"), nhưng bộ chỉ số không có mã ${code}: sửa mã được nhắc tới hoặc thêm tiêu chí ${code}.`,
          });
        }
      }
    }
    n.children?.forEach(walk);
  };
  (doc.fields ?? []).forEach(walk);
  return problems;
}
