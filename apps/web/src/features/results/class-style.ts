/**
 * Colours of classification bands (xếp loại). Bands and their labels are rubric data, so this
 * only recognises the usual labels, best to worst; any other label gets a neutral grey.
 * `tag` is an antd preset (light background, dark text: readable); `bar` is for the chart.
 */
export interface ClassStyle {
  tag: string;
  bar: string;
  /** A light fill that keeps dark text readable (heatmap cells). */
  tint: string;
}

const NEUTRAL: ClassStyle = { tag: 'default', bar: '#666666', tint: '#e8e8e8' };

// Bars carry white counts (the dashboard), so each is ≥ 5:1 against white; neighbouring classes
// also differ in lightness, not hue alone, and every chart names the class (legend, tooltip).
const STYLES: Record<string, ClassStyle> = {
  'xuất sắc': { tag: 'green', bar: '#2e7d32', tint: '#b7eb8f' },
  'tốt': { tag: 'cyan', bar: '#00737a', tint: '#87e8de' },
  'khá': { tag: 'blue', bar: '#1f5fbf', tint: '#bae0ff' },
  'trung bình': { tag: 'gold', bar: '#8a6200', tint: '#ffe58f' },
  'yếu': { tag: 'orange', bar: '#b34700', tint: '#ffc69e' },
  'kém': { tag: 'red', bar: '#a8071a', tint: '#ffa39e' },
  // National groups (nhóm A ≥ 90, B 80–< 90, C 70–< 80, …).
  'a': { tag: 'green', bar: '#2e7d32', tint: '#b7eb8f' },
  'b': { tag: 'cyan', bar: '#00737a', tint: '#87e8de' },
  'c': { tag: 'blue', bar: '#1f5fbf', tint: '#bae0ff' },
  'd': { tag: 'gold', bar: '#8a6200', tint: '#ffe58f' },
};

function key(label: string): string {
  return label
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/^(loại|nhóm)\s+/, '');
}

export function classStyle(label: string): ClassStyle {
  return STYLES[key(label)] ?? NEUTRAL;
}
