import { expect, it } from 'vitest';
import { DOWNLOAD_FORMATS, exportHref } from './downloads.ts';

it('links every format to the export route of the cycle', () => {
  expect(DOWNLOAD_FORMATS.map((f) => exportHref('năm 2025', f))).toEqual([
    '/api/cycles/n%C4%83m%202025/results/export?format=xlsx',
    '/api/cycles/n%C4%83m%202025/results/export?format=pdf',
    '/api/cycles/n%C4%83m%202025/results/export?format=docx',
    '/api/cycles/n%C4%83m%202025/results/export?format=csv',
    '/api/cycles/n%C4%83m%202025/results/export?format=json',
  ]);
});
