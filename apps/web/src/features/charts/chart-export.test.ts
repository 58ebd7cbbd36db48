import { describe, expect, it } from 'vitest';
import { EXPORT_BOTTOM, EXPORT_SIDE, EXPORT_TOP, fileNameOf, withExportFrame } from './chart-export.ts';

describe('chart images', () => {
  it('draw the title and the source in, and move the plot clear of them', () => {
    const o = withExportFrame(
      { grid: { left: 0, right: 40, top: 30, bottom: 24 }, legend: { top: 0 }, visualMap: { bottom: 0 }, toolbox: { feature: {} } },
      { title: 'Phân bố xếp loại', subtitle: 'Năm 2025', source: 'Nguồn: ParIndex' },
    );
    expect(o.grid).toEqual({ left: EXPORT_SIDE, right: 40 + EXPORT_SIDE, top: 30 + EXPORT_TOP, bottom: 24 + EXPORT_BOTTOM });
    expect(o.legend).toEqual({ top: EXPORT_TOP });
    expect(o.visualMap).toEqual({ bottom: EXPORT_BOTTOM });
    expect(o.toolbox).toEqual({ show: false });
    expect((o.title as { text: string }[]).map((t) => t.text)).toEqual(['Phân bố xếp loại', 'Nguồn: ParIndex']);
  });

  it('name files without diacritics, short, cut at a word', () => {
    expect(fileNameOf('Chỉ số thành phần — Đơn vị: Sở Tư pháp 2025')).toBe('chi-so-thanh-phan-don-vi-so-tu-phap-2025');
    const long = fileNameOf('Chỉ số trung bình nhóm qua các năm Chỉ số CCHC năm 2025 của tỉnh Sơn Hà (dữ liệu minh họa)');
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('-')).toBe(false);
    expect(long).toBe('chi-so-trung-binh-nhom-qua-cac-nam-chi-so-cchc-nam-2025-cua-tinh-son-ha-du-lieu');
    expect(fileNameOf('—')).toBe('bieu-do');
  });
});
