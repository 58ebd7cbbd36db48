/** The national indices (PAR Index, SIPAS, PAPI, PCI) of the province: types, query, words. */
import type { ExternalIndexSeries } from '@parindex/contracts';
import { useQuery } from '@tanstack/react-query';
import type { Lang } from '../../app/messages.ts';
import { getJson } from '../../lib/api.ts';

// The shapes GET /api/external-indices presents are defined once in packages/contracts (external-indices.ts).
export type {
  ExternalIndexCode as IndexCode,
  ExternalIndexComponent as Component,
  ExternalIndexSeries as IndexSeries,
  ExternalIndexYear as YearRow,
} from '@parindex/contracts';

export const EXTERNAL_KEY = ['external-indices'] as const;

export function useExternalIndices() {
  return useQuery({ queryKey: EXTERNAL_KEY, queryFn: ({ signal }) => getJson<ExternalIndexSeries[]>('/api/external-indices', { signal }) });
}

const vi = {
  sectionTitle: 'Vị trí của tỉnh trong các chỉ số quốc gia',
  sectionDesc: 'Kết quả của tỉnh ở Chỉ số CCHC cấp tỉnh (PAR Index), SIPAS, PAPI và PCI qua các năm, so với mục tiêu tỉnh đặt ra. Thứ hạng càng nhỏ càng tốt.',
  rankTitle: (short: string) => `${short}: thứ hạng qua các năm`,
  rankAria: (short: string) => `Biểu đồ đường thứ hạng của tỉnh ở ${short} qua các năm, với mục tiêu.`,
  rankAxis: 'Thứ hạng',
  rank: 'Thứ hạng',
  targetRank: 'Mục tiêu thứ hạng',
  colYear: 'Năm',
  colValue: 'Điểm / tỉ lệ',
  colRank: 'Thứ hạng',
  colGrade: 'Nhóm / xếp loại',
  colTarget: 'Mục tiêu',
  colGap: 'Khoảng cách tới mục tiêu',
  colChange: 'So với năm trước',
  colSource: 'Nguồn',
  of: (n: number) => `/${n}`,
  top: (n: number) => `top ${n}`,
  atLeast: (v: string) => `≥ ${v}`,
  met: 'Đạt',
  placesShort: (n: number) => `còn ${n} bậc`,
  placesAhead: (n: number) => `vượt ${n} bậc`,
  valueShort: (v: string) => `thiếu ${v}`,
  valueAhead: (v: string) => `vượt ${v}`,
  placesUp: (n: number) => `tăng ${n} bậc`,
  placesDown: (n: number) => `giảm ${n} bậc`,
  placesSame: 'giữ hạng',
  positions: (now: string, nowYear: number, before: string, beforeYear: number) => `${now} (${nowYear}) — ${before} (${beforeYear})`,
  noResults: 'Chưa có số liệu chỉ số quốc gia nào được nhập.',
  papiTitle: (year: number) => `PAPI ${year}: 8 chỉ số nội dung`,
  papiAria: 'Biểu đồ thanh điểm 8 chỉ số nội dung PAPI, năm mới nhất so với năm trước.',
  papiDesc: 'Mỗi chỉ số nội dung tối đa 10 điểm; tổng tối đa 80 điểm.',
  colDimension: 'Chỉ số nội dung',
  componentsTitle: (short: string, year: number) => `${short} ${year}: các chỉ số thành phần`,
  percent: '%',
  source: 'Nguồn',
};

const en: typeof vi = {
  sectionTitle: 'The province in the national indices',
  sectionDesc: "The province's results in the provincial PAR Index, SIPAS, PAPI and PCI over the years, against the province's targets. A lower rank is better.",
  rankTitle: (short) => `${short}: rank over the years`,
  rankAria: (short) => `Line chart of the province's rank in ${short} over the years, with the target.`,
  rankAxis: 'Rank',
  rank: 'Rank',
  targetRank: 'Target rank',
  colYear: 'Year',
  colValue: 'Score / rate',
  colRank: 'Rank',
  colGrade: 'Group / grade',
  colTarget: 'Target',
  colGap: 'Gap to target',
  colChange: 'On last year',
  colSource: 'Source',
  of: (n) => `/${n}`,
  top: (n) => `top ${n}`,
  atLeast: (v) => `≥ ${v}`,
  met: 'Met',
  placesShort: (n) => `${n} places short`,
  placesAhead: (n) => `${n} places ahead`,
  valueShort: (v) => `${v} short`,
  valueAhead: (v) => `${v} above`,
  placesUp: (n) => `up ${n}`,
  placesDown: (n) => `down ${n}`,
  placesSame: 'same rank',
  positions: (now, nowYear, before, beforeYear) => `${now} (${nowYear}) — ${before} (${beforeYear})`,
  noResults: 'No national index results have been entered yet.',
  papiTitle: (year) => `PAPI ${year}: the 8 dimensions`,
  papiAria: 'Bar chart of the 8 PAPI dimensions, latest year against the year before.',
  papiDesc: 'Each dimension is out of 10 points; the total is out of 80.',
  colDimension: 'Dimension',
  componentsTitle: (short, year) => `${short} ${year}: components`,
  percent: '%',
  source: 'Source',
};

export const externalMessages: Record<Lang, typeof vi> = { vi, en };
