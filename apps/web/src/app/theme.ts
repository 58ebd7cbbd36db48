import type { ThemeConfig } from 'antd';

/** Deep blue of the administration: 8:1 on white, 7:1 on the table header and the pale panels. */
export const BRAND_BLUE = '#0b4f9c';

/**
 * Text shade of each tag preset. antd keeps every palette colour under two names (green7 and
 * green-7) that become the same CSS variable, so both are set.
 */
const TAG_TEXT = Object.fromEntries(
  Object.entries({
    green: '#237804',
    cyan: '#006d75',
    blue: '#0958d9',
    geekblue: '#1d39c4',
    gold: '#874d00',
    orange: '#ad4e00',
    volcano: '#ad2102',
    red: '#a8071a',
    magenta: '#9e1068',
    pink: '#9e1068',
    purple: '#531dab',
    lime: '#3f6600',
    yellow: '#876800',
  }).flatMap(([name, text]) => [
    [`${name}7`, text],
    [`${name}-7`, text],
  ]),
);

/**
 * A sober administrative look: deep blue, system fonts that carry Vietnamese diacritics well.
 * Every text colour meets WCAG AA (4.5:1) on white and on the pale backgrounds the app uses
 * (#fafafa, #f4f6fa, #eef3fa): antd's defaults do not (#1677ff links 4.1:1, grey descriptions
 * 3.4:1, tag text such as gold 2.75:1 on its own tint).
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_BLUE,
    // Links and info derive from colorInfo (#1677ff) unless told.
    colorInfo: BRAND_BLUE,
    colorLink: BRAND_BLUE,
    colorLinkHover: '#1a63b8',
    colorLinkActive: '#083c78',
    // Danger buttons and links ("Bỏ gắn"): antd's #ff4d4f is 3.3:1.
    colorError: '#cf1322',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    // Descriptions and placeholders: antd's 45% / 25% black are 3.4:1 / 1.8:1.
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    // Tag presets write their text in shade 7 on shade 1: a shade that reaches 4.5:1 instead.
    ...TAG_TEXT,
    borderRadius: 6,
    fontFamily:
      "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
  },
  components: {
    Table: { headerBg: '#eef3fa', cellPaddingInlineSM: 8 },
  },
};
