/** Shared look of the charts; kept apart from echarts.ts so that importing it does not load ECharts. */
export const CHART_FONT = "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";
