/**
 * Demo figures for the national indices, a remediation plan and a portal announcement of the demo
 * province — all labelled "(dữ liệu minh họa)": they are not any real province's results.
 */
import { dec, toExact } from '@parindex/engine';
import type { Db } from '../db/database.ts';
import { newId } from '../db/sql-helpers.ts';
import { AnnouncementRepository } from '../repositories/announcement.repository.ts';
import { ExternalIndexRepository, type NewExternalIndexResult } from '../repositories/external-index.repository.ts';
import { RemediationRepository } from '../repositories/remediation.repository.ts';

const SOURCE = 'Số liệu minh họa cho tỉnh Sơn Hà (dữ liệu minh họa)';
const PAPI_DIMENSIONS = [
  ['D1', 'Tham gia của người dân ở cấp cơ sở'],
  ['D2', 'Công khai, minh bạch trong việc ra quyết định'],
  ['D3', 'Trách nhiệm giải trình với người dân'],
  ['D4', 'Kiểm soát tham nhũng trong khu vực công'],
  ['D5', 'Thủ tục hành chính công'],
  ['D6', 'Cung ứng dịch vụ công'],
  ['D7', 'Quản trị môi trường'],
  ['D8', 'Quản trị điện tử'],
] as const;
const PAPI_VALUES: Record<number, string[]> = {
  2022: ['4.91', '5.12', '4.20', '6.35', '7.18', '7.41', '3.55', '3.02'],
  2023: ['4.98', '5.30', '4.11', '6.52', '7.25', '7.50', '3.48', '3.31'],
  2024: ['5.07', '5.41', '4.36', '6.61', '7.32', '7.56', '3.62', '3.58'],
};

export async function seedPlanningDemo(tx: Db, cycle2025Id: string, demoUnitId: string, userId: string): Promise<void> {
  const rows: NewExternalIndexResult[] = [];
  const add = (indexCode: 'par_index' | 'sipas' | 'papi' | 'pci', year: number, value: string, maxValue: string, rank: number, rankOf: number, grade: string | null, components: { code: string; name: string; value: string; max?: string }[] = []) =>
    rows.push({ id: newId(), indexCode, year, value, maxValue, rank, rankOf, grade, components, source: SOURCE });
  // The eight fields of the national PAR Index (maxima summing to 100), varied around `base` per
  // cent of each maximum, then scaled so that they add up exactly to the year's stated total: the
  // last field takes the rounding remainder, as a published table's figures do.
  const parFields = (base: number, total: string) => {
    const fields = [['LV1', 'Công tác chỉ đạo, điều hành', '10'], ['LV2', 'Cải cách thể chế', '11'], ['LV3', 'Cải cách TTHC', '13'], ['LV4', 'Cải cách tổ chức bộ máy', '10'], ['LV5', 'Cải cách chế độ công vụ', '13'], ['LV6', 'Cải cách tài chính công', '9'], ['LV7', 'Xây dựng chính quyền số', '14'], ['LV8', 'Tác động của CCHC', '20']];
    const raw = fields.map(([, , max], i) => dec(max).times(dec(base).plus(i % 3).div(100)));
    const scale = dec(total).div(raw.reduce((s, v) => s.plus(v), dec(0)));
    const values = raw.map((v) => v.times(scale).toDecimalPlaces(2));
    const rest = values.slice(0, -1).reduce((s, v) => s.plus(v), dec(0));
    values[values.length - 1] = dec(total).minus(rest);
    return fields.map(([code, name, max], i) => ({ code, name, max, value: toExact(values[i]) }));
  };
  add('par_index', 2022, '84.12', '100', 31, 63, 'B', parFields(82, '84.12'));
  add('par_index', 2023, '86.05', '100', 27, 63, 'B', parFields(84, '86.05'));
  add('par_index', 2024, '87.40', '100', 24, 63, 'B', parFields(85, '87.40'));
  add('sipas', 2022, '80.35', '100', 38, 63, null);
  add('sipas', 2023, '82.10', '100', 33, 63, null);
  add('sipas', 2024, '83.96', '100', 29, 63, null);
  for (const year of [2022, 2023, 2024]) {
    const vals = PAPI_VALUES[year];
    const total = toExact(vals.reduce((s, v) => s.plus(dec(v)), dec(0)));
    add('papi', year, total, '80', year === 2022 ? 35 : year === 2023 ? 30 : 26, 63, null, PAPI_DIMENSIONS.map(([code, name], i) => ({ code, name, value: vals[i], max: '10' })));
  }
  add('pci', 2022, '64.20', '100', 28, 63, 'Khá');
  add('pci', 2023, '65.02', '100', 25, 63, 'Khá');
  add('pci', 2024, '66.31', '100', 21, 63, 'Khá');
  const indices = new ExternalIndexRepository(tx);
  await indices.addResults(rows);
  await indices.addTargets([
    { indexCode: 'par_index', year: 2024, targetRank: 20, targetValue: null, note: 'Nghị quyết của Tỉnh ủy: vào nhóm 20 tỉnh dẫn đầu (dữ liệu minh họa)' },
    { indexCode: 'par_index', year: 2025, targetRank: 20, targetValue: '88', note: 'Kế hoạch CCHC năm 2025 (dữ liệu minh họa)' },
    { indexCode: 'sipas', year: 2024, targetRank: null, targetValue: '85', note: 'Mức hài lòng tối thiểu 85% (dữ liệu minh họa)' },
    { indexCode: 'papi', year: 2024, targetRank: 25, targetValue: null, note: null },
    { indexCode: 'pci', year: 2024, targetRank: 20, targetValue: null, note: null },
  ]);

  // Sở Tư pháp's plan after 2025: the three leaves with the most points lost.
  const plans = new RemediationRepository(tx);
  const result = await plans.findUnitResult(cycle2025Id, demoUnitId);
  const leaves = ((result?.components as { leaves?: { code: string; lost: string }[] } | undefined)?.leaves ?? [])
    .filter((l) => dec(l.lost).gt(0))
    .sort((a, b) => dec(b.lost).comparedTo(dec(a.lost)))
    .slice(0, 3);
  const plan = [
    ['Rà soát, ban hành kế hoạch và báo cáo đúng hạn; giao một đầu mối theo dõi (dữ liệu minh họa)', 'Văn phòng Sở', '2026-06-30', 'done'],
    ['Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn tồn (dữ liệu minh họa)', 'Phòng Hành chính tư pháp', '2026-09-30', 'in_progress'],
    ['Tập huấn cán bộ một cửa về tiếp nhận hồ sơ trực tuyến (dữ liệu minh họa)', 'Phòng Tổ chức – Hành chính', '2026-10-31', 'planned'],
  ] as const;
  if (leaves.length)
    await plans.addActions(
      leaves.map((l, i) => ({ id: newId(), cycleId: cycle2025Id, unitId: demoUnitId, leafCode: l.code, pointsLost: l.lost, action: plan[i][0], owner: plan[i][1], deadline: plan[i][2], status: plan[i][3], updatedBy: 'Văn phòng Sở Nội vụ (minh họa)' })),
    );

  await new AnnouncementRepository(tx).add({
    id: newId(),
    title: 'Công bố Chỉ số CCHC năm 2025 của các sở, ban, ngành và UBND cấp xã (dữ liệu minh họa)',
    body: 'UBND tỉnh Sơn Hà đã phê duyệt và công bố Chỉ số cải cách hành chính năm 2025 (Quyết định số 312/QĐ-UBND ngày 27/02/2026, minh họa). Kết quả từng đơn vị, bảng tổng hợp và tệp tải về có trên cổng này.',
    publishedAt: new Date('2026-02-27T09:00:00+07:00'),
    createdBy: userId,
  });
}
