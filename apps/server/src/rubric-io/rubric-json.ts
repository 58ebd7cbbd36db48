import type { Issue, RubricDocument } from '@parindex/contracts';
import { validateRubric } from '@parindex/engine';
import { clip, clipIssues } from '../io/clip.ts';
import { checkRubricSchema, nodePaths } from './rubric-schema-check.ts';
import type { RubricImport } from './rubric-xlsx.ts';

/** The rubric as pretty-printed JSON (2 spaces, trailing newline): the lossless exchange format. */
export function exportRubricJson(doc: RubricDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** 1-based line of a character offset. */
const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** The line a JSON.parse error points at: V8 says "at position N" or "(line L column C)". */
function syntaxIssue(text: string, error: Error): Issue {
  const byLine = /line (\d+) column (\d+)/.exec(error.message);
  const byPos = /position (\d+)/.exec(error.message);
  const line = byLine ? Number(byLine[1]) : byPos ? lineAt(text, Number(byPos[1])) : undefined;
  const column = byLine ? Number(byLine[2]) : byPos ? Number(byPos[1]) - text.lastIndexOf('\n', Number(byPos[1]) - 1) : undefined;
  if (line === undefined) return { message: `Tệp JSON không hợp lệ: ${clip(error.message, 200)}. Kiểm tra dấu phẩy, ngoặc và dấu nháy.` };
  return {
    row: line,
    message: `Tệp JSON không hợp lệ ở dòng ${line}, cột ${column}: kiểm tra dấu phẩy, ngoặc và dấu nháy quanh vị trí này (${clip(error.message, 200)}).`,
  };
}

/**
 * Reads a rubric from JSON: syntax errors with their line, schema errors with their path
 * ("fields[2].children[0].max"), then the rubric's own consistency (validateRubric).
 */
export function importRubricJson(text: string): RubricImport {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, issues: [syntaxIssue(text, e as Error)] };
  }
  const schema = checkRubricSchema(data);
  if (!schema.ok) {
    return { ok: false, issues: schema.issues.map((i) => ({ field: i.pathText, message: `${i.pathText || '(gốc)'}: ${i.message}` })) };
  }
  const paths = nodePaths(schema.doc.fields);
  const problems = validateRubric(schema.doc);
  if (problems.length > 0) {
    return {
      ok: false,
      issues: clipIssues(problems.map((p) => {
        const base = p.nodeCode !== undefined ? paths.get(p.nodeCode) : undefined;
        const field = base ? (p.field ? `${base}.${p.field}` : base) : p.field;
        return { ...(field !== undefined && { field }), message: p.message };
      })),
    };
  }
  return { ok: true, doc: schema.doc };
}
