import type { ThemeConfig } from 'antd';

/** A sober administrative look: deep blue, system fonts that carry Vietnamese diacritics well. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b4f9c',
    borderRadius: 6,
    fontFamily:
      "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
  },
  components: {
    Table: { headerBg: '#eef3fa', cellPaddingInlineSM: 8 },
  },
};
