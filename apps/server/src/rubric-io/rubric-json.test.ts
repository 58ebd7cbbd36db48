import { describe, expect, it } from 'vitest';
import { exportRubricJson, importRubricJson } from './rubric-json.ts';
import { sampleRubric } from './sample-rubric.ts';

describe('rubric JSON', () => {
  it('round-trips exactly, pretty-printed', () => {
    const text = exportRubricJson(sampleRubric());
    expect(text).toContain('\n  "code": "LC-SO-2025",\n');
    const result = importRubricJson(text);
    expect(result.ok && result.doc).toStrictEqual(sampleRubric());
  });

  it('fills schema defaults the contract declares (pointDecimals, evidencePolicy), but never a "Không phát sinh" case the file does not state', () => {
    const doc = JSON.parse(exportRubricJson(sampleRubric()));
    delete doc.settings.pointDecimals;
    delete doc.fields[1].children[0].rule.whenNone;
    const result = importRubricJson(JSON.stringify(doc));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.doc.settings.pointDecimals).toBe(3);
    // Without the clause a zero denominator is refused at entry (engine: checkLeafInputs), not given full marks.
    expect(result.doc.fields[1].children![0].rule).not.toHaveProperty('whenNone');
  });

  it('names the line of a syntax error', () => {
    const text = exportRubricJson(sampleRubric()).replace('"year": 2025,', '"year": 2025,,');
    const line = text.split('\n').findIndex((l) => l.includes('2025,,')) + 1;
    const result = importRubricJson(text);
    expect(result).toEqual({ ok: false, issues: [{ row: line, message: expect.stringContaining(`Tệp JSON không hợp lệ ở dòng ${line}`) }] });
  });

  it('names the path of a schema error', () => {
    const doc = JSON.parse(exportRubricJson(sampleRubric()));
    doc.fields[2].children[0].max = '6,5';
    doc.fields[0].children[1].rule.type = 'guess';
    const result = importRubricJson(JSON.stringify(doc));
    if (result.ok) throw new Error('accepted');
    expect(result.issues).toContainEqual({
      field: 'fields[2].children[0].max',
      message: 'fields[2].children[0].max: Số thập phân không hợp lệ (tối đa 3 chữ số thập phân)',
    });
    expect(result.issues.map((i) => i.field)).toContain('fields[0].children[1].rule.type');
  });

  it('refuses labels the annex XLSX could not read back: " / " in a numerator, ";" in a level', () => {
    const doc = JSON.parse(exportRubricJson(sampleRubric()));
    const ratio = doc.fields[1].children[0].rule;
    expect(ratio.type).toMatch(/ratio_bands|proportional/);
    ratio.numeratorLabel = 'Hồ sơ trực tiếp / trực tuyến đúng hạn';
    type N = { rule?: { type: string; levels: { label: string }[] }; children?: N[] };
    const find = (nodes: N[]): N | undefined => nodes.map((n) => (n.rule?.type === 'levels' ? n : find(n.children ?? []))).find(Boolean);
    const levels = find(doc.fields)!.rule!;
    levels.levels[0].label = 'Ban hành đúng hạn; có báo cáo';
    const result = importRubricJson(JSON.stringify(doc));
    if (result.ok) throw new Error('accepted');
    expect(result.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('Tên tử số không được chứa " / "'), expect.stringContaining('không được chứa dấu chấm phẩy (;)')]),
    );
  });

  it("reports the rubric's own inconsistencies with the node's path", () => {
    const doc = sampleRubric();
    doc.fields[2].children![1].max = '4';
    const result = importRubricJson(exportRubricJson(doc));
    expect(result).toEqual({
      ok: false,
      issues: [{ field: 'fields[2].max', message: expect.stringContaining('(10,5) khác điểm tối đa của lĩnh vực 3 (10)') }],
    });
  });
});
