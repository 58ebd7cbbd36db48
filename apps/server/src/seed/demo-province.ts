import type { LeafInputs, RubricDocument, UnitKind } from '@parindex/contracts';
import { applicableLeaves, indexRubric, prng } from '@parindex/engine';
import { slugify } from '../io/slug.ts';

export interface DemoUnit { code: string; name: string; kind: UnitKind; peerGroup: string }

const DEPARTMENTS = ['Sở Nội vụ', 'Sở Tư pháp', 'Sở Tài chính', 'Sở Công Thương', 'Sở Nông nghiệp và Môi trường', 'Sở Xây dựng',
  'Sở Khoa học và Công nghệ', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Dân tộc và Tôn giáo',
  'Thanh tra tỉnh', 'Sở Ngoại vụ', 'Ban Quản lý các khu công nghiệp', 'Ban Dân tộc tỉnh'].slice(0, 15);
/** Special departments: reduced scales, each exclusion with its legal basis. */
const SPECIAL: [string, [string, string][]][] = [
  ['Văn phòng UBND tỉnh', [['4.4', 'Không có đơn vị sự nghiệp công lập trực thuộc (Quyết định số 112/QĐ-UBND ngày 20/3/2025)'], ['6.2', 'Không giao quyền tự chủ cho đơn vị trực thuộc (Quyết định số 112/QĐ-UBND ngày 20/3/2025)']]],
  ['Ban Quản lý Khu kinh tế cửa khẩu', [['2.1', 'Không được giao tham mưu ban hành văn bản QPPL (Quyết định số 95/QĐ-UBND ngày 11/3/2025)']]],
  ['Đài Phát thanh và Truyền hình tỉnh', [['3', 'Không có TTHC thuộc thẩm quyền giải quyết (Quyết định công bố danh mục TTHC số 1502/QĐ-UBND)']]],
  ['Trường Cao đẳng Sơn Hà', [['3', 'Không có TTHC thuộc thẩm quyền giải quyết (Quyết định công bố danh mục TTHC số 1502/QĐ-UBND)'], ['2.1', 'Không được giao tham mưu ban hành văn bản QPPL']]],
  ['Ban Quản lý dự án đầu tư xây dựng tỉnh', [['2.1', 'Không được giao tham mưu ban hành văn bản QPPL'], ['4.4', 'Không có đơn vị sự nghiệp công lập trực thuộc']]],
];
/** 2025 communes: [new name, [pre-merger communes with population weights]]. */
const PLACES = ['Tân Lập', 'Nậm Cuổi', 'Mường Khoa', 'Bản Hon', 'Phúc Than', 'Tà Mung', 'Hua Nà', 'Khun Há', 'Bình Lư', 'Sơn Bình',
  'Nà Tăm', 'Bản Bo', 'Mường Kim', 'Pha Mu', 'Tà Gia', 'Khoen On', 'Mường Than', 'Phúc Khoa', 'Trung Đồng', 'Thân Thuộc',
  'Nậm Sỏ', 'Pắc Ta', 'Hố Mít', 'Tà Hừa', 'Mường Mít', 'Pha Mu Thượng', 'Kim Đồng', 'Đông Phong', 'Quyết Thắng', 'Tân Phong'];
const OLD = ['Nà Cang', 'Lùng Thàng', 'Phìn Hồ', 'Nậm Tăm', 'Chăn Nưa', 'Làng Mô', 'Ma Quai', 'Noong Hẻo', 'Pa Khóa', 'Tả Phìn',
  'Nậm Hăn', 'Pu Sam Cáp', 'Căn Co', 'Hồng Thu', 'Phăng Sô Lin', 'Tủa Sín Chải', 'Nậm Cha', 'Pa Tần', 'Xà Dề Phìn', 'Lê Lợi'];

export interface DemoProvince {
  units2024: DemoUnit[];
  units2025: DemoUnit[];
  lineage: { predecessor: string; successor: string; weight: string; effectiveDate: string }[];
  exclusions: { unitCode: string; nodeCode: string; basis: string }[];
}

/** The demo province's units: 15 departments and 5 special ones after the early-2025 mergers, 30 communes after 1 July 2025, and their predecessors. */
export function demoProvince(): DemoProvince {
  const dept = (name: string, peerGroup = 'departments'): DemoUnit => ({ code: slugify(name), name, kind: peerGroup === 'departments' ? 'department' : 'special_department', peerGroup });
  const units2025: DemoUnit[] = [...DEPARTMENTS.map((n) => dept(n)), ...SPECIAL.map(([n]) => dept(n, 'special_departments'))];
  const units2024: DemoUnit[] = units2025.filter((u) => !['so-noi-vu', 'so-tai-chinh', 'so-nong-nghiep-va-moi-truong', 'so-xay-dung', 'so-khoa-hoc-va-cong-nghe'].includes(u.code));
  const lineage: DemoProvince['lineage'] = [];
  const merged: [string, [string, string][]][] = [
    ['Sở Nội vụ', [['Sở Nội vụ (trước hợp nhất)', '0.6'], ['Sở Lao động - Thương binh và Xã hội', '0.4']]],
    ['Sở Tài chính', [['Sở Tài chính (trước hợp nhất)', '0.55'], ['Sở Kế hoạch và Đầu tư', '0.45']]],
    ['Sở Nông nghiệp và Môi trường', [['Sở Nông nghiệp và Phát triển nông thôn', '0.6'], ['Sở Tài nguyên và Môi trường', '0.4']]],
    ['Sở Xây dựng', [['Sở Xây dựng (trước hợp nhất)', '0.5'], ['Sở Giao thông vận tải', '0.5']]],
    ['Sở Khoa học và Công nghệ', [['Sở Khoa học và Công nghệ (trước hợp nhất)', '0.5'], ['Sở Thông tin và Truyền thông', '0.5']]],
  ];
  for (const [succ, preds] of merged)
    for (const [pred, weight] of preds) {
      units2024.push({ code: `${slugify(pred)}-2024`, name: pred, kind: 'department', peerGroup: 'departments' });
      lineage.push({ predecessor: `${slugify(pred)}-2024`, successor: slugify(succ), weight, effectiveDate: '2025-03-01' });
    }
  const rnd = prng(7);
  PLACES.forEach((place, i) => {
    const name = i < 6 ? `Phường ${place}` : `Xã ${place}`;
    const code = slugify(name);
    units2025.push({ code, name, kind: 'commune', peerGroup: 'communes' });
    if (i % 6 === 5) {
      units2024.push({ code, name, kind: 'commune', peerGroup: 'communes' }); // unchanged 1:1, same code
      return;
    }
    const w = (0.35 + rnd() * 0.3).toFixed(2);
    for (const [k, old] of [[0, `Xã ${place} (cũ)`], [1, `Xã ${OLD[i % OLD.length]}`]] as [number, string][]) {
      const oldCode = `${slugify(old)}-${i}-2024`;
      units2024.push({ code: oldCode, name: k === 0 ? old : `${old} (${place})`, kind: 'commune', peerGroup: 'communes' });
      lineage.push({ predecessor: oldCode, successor: code, weight: k === 0 ? w : (1 - Number(w)).toFixed(2), effectiveDate: '2025-07-01' });
    }
  });
  const exclusions = SPECIAL.flatMap(([n, ex]) => ex.map(([nodeCode, basis]) => ({ unitCode: slugify(n), nodeCode, basis })));
  return { units2024, units2025, lineage, exclusions };
}

/** The 2024 published table of the pre-merger units (CSV): appraised and survey points out of each unit's scale. */
export function demoHistoryCsv(units: DemoUnit[]): Buffer {
  const rnd = prng(2024);
  const lines = ['group,unit_code,unit,appraised_points,survey_points,max_points'];
  for (const u of units) {
    const max = u.peerGroup === 'special_departments' ? [78.5, 80, 71.5, 76, 82][lines.length % 5] : 100;
    const q = u.kind === 'commune' ? 0.66 + rnd() * 0.24 : 0.72 + rnd() * 0.22;
    const appraised = (max * 0.7 * Math.min(1, q + (rnd() - 0.5) * 0.06)).toFixed(2);
    const survey = (max * 0.3 * Math.min(1, q + 0.04 + (rnd() - 0.5) * 0.08)).toFixed(2);
    lines.push([u.peerGroup, u.code, `"${u.name}"`, appraised, survey, String(max)].join(','));
  }
  return Buffer.from(lines.join('\n') + '\n');
}

/** Each unit's raw inputs for every applicable leaf, as its focal officer would enter them; survey leaves get points = max × favourable share. */
export function demoInputs(rubric: RubricDocument, units: DemoUnit[], exclusions: DemoProvince['exclusions'], seed = 2025) {
  const index = indexRubric(rubric);
  const rnd = prng(seed);
  const out: { unitCode: string; leafCode: string; inputs: LeafInputs }[] = [];
  for (const u of units) {
    const q = u.kind === 'commune' ? 0.7 + rnd() * 0.25 : 0.76 + rnd() * 0.2;
    const excluded = exclusions.filter((e) => e.unitCode === u.code).map((e) => e.nodeCode);
    for (const leaf of applicableLeaves(index, u.peerGroup, excluded)) {
      const good = rnd() < q;
      const r = leaf.rule;
      let inputs: LeafInputs;
      switch (r.type) {
        case 'levels': inputs = { level: good ? r.levels[0].code : r.levels[rnd() < 0.7 ? 1 : 2].code }; break;
        case 'binary': inputs = { met: good }; break;
        case 'manual': inputs = { points: leaf.max.times(good ? 1 : Math.round(rnd() * 4) / 4).toFixed(2) }; break;
        case 'count': inputs = { count: leaf.effect === 'deduction' ? (rnd() < 0.15 ? 1 : 0) : rnd() < 0.25 ? 1 : 0 }; break;
        case 'survey': inputs = { points: leaf.max.times((q + (rnd() - 0.5) * 0.12).toFixed(4)).toFixed() }; break;
        default: {
          const den = rnd() < 0.05 ? 0 : Math.round(20 + rnd() * (u.kind === 'commune' ? 1500 : 6000));
          const share = Math.min(1, q + 0.08 + (rnd() - 0.5) * 0.15);
          inputs = { numerator: Math.round(den * share), denominator: den };
        }
      }
      if (leaf.evidenceRequired) inputs.hasEvidence = rnd() < 0.96;
      out.push({ unitCode: u.code, leafCode: leaf.code, inputs });
    }
  }
  return out;
}
