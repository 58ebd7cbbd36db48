import type { Lang } from '../../app/messages.ts';

const vi = {
  heading: (year: number) => `Bảng tổng hợp Chỉ số CCHC năm ${year}`,
  headingAny: 'Bảng tổng hợp Chỉ số CCHC',
  describe: (cycleName: string) =>
    `${cycleName}: xếp hạng theo nhóm, chỉ số thành phần của từng đơn vị theo lĩnh vực, phân bố xếp loại, trung bình lĩnh vực và diễn biến qua các năm.`,
  filters: 'Bộ lọc',
  groupLabel: 'Nhóm',
  allGroups: 'Tất cả các nhóm',
  print: 'In trang',
  resultsLink: (year: number) => `Bảng kết quả năm ${year}`,

  rankingTitle: (group: string) => `Xếp hạng — ${group}`,
  rankingAria: (group: string) => `Biểu đồ thanh ngang chỉ số CCHC của các đơn vị nhóm ${group}, theo thứ hạng.`,
  mean: 'Trung bình',

  heatmapTitle: (group: string) => `Chỉ số thành phần theo lĩnh vực — ${group}`,
  heatmapDesc: 'Mỗi ô là chỉ số thành phần (%) của một đơn vị ở một lĩnh vực; ô trống: lĩnh vực không áp dụng cho đơn vị. Màu theo khoảng điểm.',
  heatmapAria: (group: string) => `Bản đồ nhiệt chỉ số thành phần của các đơn vị nhóm ${group} theo từng lĩnh vực.`,
  heatmapNoData: 'Năm này chỉ có bảng tổng điểm đã công bố, không có chỉ số thành phần theo lĩnh vực.',
  fieldKey: 'Các lĩnh vực',
  range: (from: string, to: string | null) => (to === null ? `từ ${from}` : `${from} – dưới ${to}`),

  classTitle: 'Phân bố xếp loại theo nhóm',
  classAria: 'Biểu đồ thanh chồng: số đơn vị theo xếp loại ở mỗi nhóm.',
  fieldAvgTitle: 'Chỉ số thành phần trung bình theo lĩnh vực',
  fieldAvgAria: 'Biểu đồ thanh: chỉ số thành phần trung bình của mỗi lĩnh vực theo nhóm.',
  fieldAvgDesc: 'Trung bình chỉ số thành phần của các đơn vị trong nhóm (chỉ tính đơn vị áp dụng lĩnh vực đó).',
  trendTitle: 'Chỉ số trung bình nhóm qua các năm',
  trendAria: 'Biểu đồ đường: chỉ số CCHC trung bình của mỗi nhóm qua các năm.',
  trendNote: 'Số đơn vị của nhóm có thể khác giữa các năm do sắp xếp, hợp nhất đơn vị hành chính.',

  colRank: 'Xếp hạng',
  colUnit: 'Đơn vị',
  colIndex: 'Chỉ số (%)',
  colClass: 'Xếp loại',
  colChange: 'So với năm trước',
  colGroup: 'Nhóm',
  colTotal: 'Tổng số',
  colField: 'Lĩnh vực',
  colYear: 'Năm',
  units: (n: number) => `${n} đơn vị`,
  noData: '—',
  loading: 'Đang tải bảng tổng hợp…',
};
export type DashboardMessages = typeof vi;

const en: DashboardMessages = {
  heading: (year) => `PAR Index dashboard ${year}`,
  headingAny: 'PAR Index dashboard',
  describe: (cycleName) => `${cycleName}: ranking per group, each unit’s component index per field, classes, field averages and trends over the years.`,
  filters: 'Filters',
  groupLabel: 'Group',
  allGroups: 'All groups',
  print: 'Print',
  resultsLink: (year) => `${year} results table`,

  rankingTitle: (group) => `Ranking — ${group}`,
  rankingAria: (group) => `Horizontal bar chart of the PAR Index of the units in group ${group}, by rank.`,
  mean: 'Average',

  heatmapTitle: (group) => `Component index per field — ${group}`,
  heatmapDesc: 'Each cell is a unit’s component index (%) in one field; an empty cell: the field does not apply to the unit. Colours by range.',
  heatmapAria: (group) => `Heatmap of the component index of each unit in group ${group} per field.`,
  heatmapNoData: 'For this year only the published totals exist, without component indices per field.',
  fieldKey: 'Fields',
  range: (from, to) => (to === null ? `from ${from}` : `${from} – under ${to}`),

  classTitle: 'Classes per group',
  classAria: 'Stacked bar chart: number of units per class in each group.',
  fieldAvgTitle: 'Average component index per field',
  fieldAvgAria: 'Bar chart: average component index of each field per group.',
  fieldAvgDesc: 'Mean of the component indices of the group’s units (only units to which the field applies).',
  trendTitle: 'Group averages over the years',
  trendAria: 'Line chart: average PAR Index of each group over the years.',
  trendNote: 'The number of units in a group may differ between years because of mergers.',

  colRank: 'Rank',
  colUnit: 'Unit',
  colIndex: 'Index (%)',
  colClass: 'Classification',
  colChange: 'Change on last year',
  colGroup: 'Group',
  colTotal: 'Total',
  colField: 'Field',
  colYear: 'Year',
  units: (n) => `${n} ${n === 1 ? 'unit' : 'units'}`,
  noData: '—',
  loading: 'Loading the dashboard…',
};

export const dashboardMessages: Record<Lang, DashboardMessages> = { vi, en };
