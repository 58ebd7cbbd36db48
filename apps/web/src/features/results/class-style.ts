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

const NEUTRAL: ClassStyle = { tag: 'default', bar: '#8c8c8c', tint: '#e8e8e8' };

const STYLES: Record<string, ClassStyle> = {
  'xuất sắc': { tag: 'green', bar: '#389e0d', tint: '#b7eb8f' },
  'tốt': { tag: 'cyan', bar: '#08979c', tint: '#87e8de' },
  'khá': { tag: 'blue', bar: '#1677ff', tint: '#bae0ff' },
  'trung bình': { tag: 'gold', bar: '#d48806', tint: '#ffe58f' },
  'yếu': { tag: 'orange', bar: '#d46b08', tint: '#ffc69e' },
  'kém': { tag: 'red', bar: '#cf1322', tint: '#ffa39e' },
  // National groups (nhóm A ≥ 90, B 80–< 90, C 70–< 80, …).
  'a': { tag: 'green', bar: '#389e0d', tint: '#b7eb8f' },
  'b': { tag: 'cyan', bar: '#08979c', tint: '#87e8de' },
  'c': { tag: 'blue', bar: '#1677ff', tint: '#bae0ff' },
  'd': { tag: 'gold', bar: '#d48806', tint: '#ffe58f' },
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
