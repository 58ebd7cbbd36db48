/** Strings of the public rubric page (/cycles/:id/rubric). `vi` defines the shape; `en` must match it. */
import type { Lang } from '../../app/messages.ts';

const vi = {
  breadcrumb: 'Vị trí trang',
  home: 'Trang chủ',
  resultsOf: (year: number) => `Kết quả năm ${year}`,
  here: 'Bộ chỉ số',
  heading: (year: number) => `Bộ chỉ số đánh giá năm ${year}`,
  intro: (year: number) =>
    `Các lĩnh vực, tiêu chí và tiêu chí thành phần dùng để chấm Chỉ số cải cách hành chính năm ${year}: điểm tối đa, cách chấm điểm và tài liệu kiểm chứng của từng tiêu chí. Đơn vị và người dân đối chiếu tại đây với phiếu kết quả để biết vì sao một tiêu chí bị trừ điểm.`,
  describe: (year: number, name: string) => `${name}: điểm tối đa, cách chấm điểm và tài liệu kiểm chứng của từng tiêu chí dùng để chấm Chỉ số CCHC năm ${year}.`,
  download: 'Tải bộ chỉ số (Excel .xlsx)',
  back: (year: number) => `Xem kết quả năm ${year}`,
  version: (code: string, v: number) => `Mã ${code}, phiên bản ${v}`,
  basis: 'Căn cứ',
  groups: 'Thang điểm theo nhóm',
  groupMax: (name: string, max: string) => `${name}: ${max} điểm`,
  bands: 'Xếp loại',
  bandFrom: (label: string, min: string) => `${label}: từ ${min}`,
  ties: 'Đồng hạng',
  contents: 'Mục lục',
  max: (v: string) => `tối đa ${v} điểm`,
  how: 'Cách chấm điểm',
  evidence: 'Tài liệu kiểm chứng',
  appliesTo: 'Áp dụng cho',
  survey: 'Điều tra xã hội học',
  bonus: 'Điểm thưởng',
  deduction: 'Điểm trừ',
  points: (v: string) => `${v} điểm`,
};
export type RubricPageMessages = typeof vi;

const en: RubricPageMessages = {
  breadcrumb: 'You are here',
  home: 'Home',
  resultsOf: (year) => `${year} results`,
  here: 'Rubric',
  heading: (year) => `The ${year} assessment rubric`,
  intro: (year) =>
    `The fields, criteria and sub-criteria the ${year} PAR Index was scored on: each criterion's maximum, how it is scored and the evidence expected. Units and citizens can read a scorecard against it to see why points were lost.`,
  describe: (year, name) => `${name}: maximum, scoring method and evidence of every criterion of the ${year} PAR Index.`,
  download: 'Download the rubric (Excel .xlsx)',
  back: (year) => `See the ${year} results`,
  version: (code, v) => `Code ${code}, version ${v}`,
  basis: 'Basis',
  groups: 'Maximum per group',
  groupMax: (name, max) => `${name}: ${max} points`,
  bands: 'Classes',
  bandFrom: (label, min) => `${label}: from ${min}`,
  ties: 'Ties',
  contents: 'Contents',
  max: (v) => `max ${v} points`,
  how: 'How it is scored',
  evidence: 'Evidence expected',
  appliesTo: 'Applies to',
  survey: 'Sociological survey',
  bonus: 'Bonus',
  deduction: 'Deduction',
  points: (v) => `${v} points`,
};

export const rubricPageMessages: Record<Lang, RubricPageMessages> = { vi, en };
