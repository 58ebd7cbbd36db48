import type { Lang } from '../../app/messages.ts';

const vi = {
  downloadPng: 'Tải ảnh PNG',
  downloadSvg: 'Tải ảnh SVG',
  saveImage: 'Lưu ảnh (PNG)',
  showTable: 'Xem bảng số liệu',
  hideTable: 'Ẩn bảng số liệu',
  chartLoading: 'Đang tải biểu đồ…',
  source: (what: string) => `Nguồn: ${what} · ParIndex`,
};
export type ChartMessages = typeof vi;

const en: ChartMessages = {
  downloadPng: 'Download PNG',
  downloadSvg: 'Download SVG',
  saveImage: 'Save image (PNG)',
  showTable: 'Show the data table',
  hideTable: 'Hide the data table',
  chartLoading: 'Loading chart…',
  source: (what) => `Source: ${what} · ParIndex`,
};

export const chartMessages: Record<Lang, ChartMessages> = { vi, en };
