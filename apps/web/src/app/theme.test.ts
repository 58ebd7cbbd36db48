import { presetPalettes } from '@ant-design/colors';
import { describe, expect, it } from 'vitest';
import { classStyle } from '../features/results/class-style.ts';
import { theme } from './theme.ts';

/** WCAG relative luminance of #rrggbb, or of rgba(0,0,0,a) laid over white. */
function luminance(colour: string): number {
  const alpha = /^rgba\(0, 0, 0, ([\d.]+)\)$/.exec(colour);
  const rgb = alpha ? [0, 0, 0].map(() => 1 - Number(alpha[1])) : [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16) / 255);
  const [r, g, b] = rgb.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

const token = theme.token as Record<string, string>;
/** The pale backgrounds of the app: white, antd's #fafafa, the page, the table header. */
const BACKGROUNDS = ['#ffffff', '#fafafa', '#f4f6fa', '#eef3fa'];

describe('theme contrast (WCAG AA, 4.5:1 for text)', () => {
  it.each(['colorPrimary', 'colorLink', 'colorError', 'colorTextTertiary', 'colorTextDescription', 'colorTextPlaceholder'])('%s on every background', (name) => {
    for (const bg of BACKGROUNDS) expect(contrast(token[name]!, bg), `${name} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it('every tag preset writes readable text on its own tint, under both palette names', () => {
    for (const [name, palette] of Object.entries(presetPalettes)) {
      if (name === 'grey') continue;
      expect(token[`${name}7`], name).toBe(token[`${name}-7`]);
      expect(contrast(token[`${name}7`]!, palette[0]!), name).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('class bars carry readable white counts, one colour per class', () => {
    const labels = ['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu', 'Kém'];
    for (const label of labels) expect(contrast(classStyle(label).bar, '#ffffff'), label).toBeGreaterThanOrEqual(4.5);
    expect(new Set(labels.map((l) => classStyle(l).bar)).size).toBe(labels.length);
  });
});
