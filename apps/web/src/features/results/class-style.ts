/**
 * Colours of classification bands (xếp loại). Bands and their labels are rubric data, so this
 * only recognises the usual labels, best to worst; any other label gets a neutral grey.
 * `tag` is an antd preset (light background, dark text: readable); `bar` is for the chart.
 */
export interface ClassStyle {
  tag: string;
  bar: string;
}

const NEUTRAL: ClassStyle = { tag: 'default', bar: '#8c8c8c' };

const STYLES: Record<string, ClassStyle> = {
  'xuất sắc': { tag: 'green', bar: '#389e0d' },
  'tốt': { tag: 'cyan', bar: '#08979c' },
  'khá': { tag: 'blue', bar: '#1677ff' },
  'trung bình': { tag: 'gold', bar: '#d48806' },
  'yếu': { tag: 'orange', bar: '#d46b08' },
  'kém': { tag: 'red', bar: '#cf1322' },
  // National groups (nhóm A ≥ 90, B 80–< 90, C 70–< 80, …).
  'a': { tag: 'green', bar: '#389e0d' },
  'b': { tag: 'cyan', bar: '#08979c' },
  'c': { tag: 'blue', bar: '#1677ff' },
  'd': { tag: 'gold', bar: '#d48806' },
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
