import type { RubricDocument, RubricNode, ScoringRule } from '@parindex/contracts';

/*
 * The demo province's 2025 rubric, modelled on the national list of fields (PAR-INDEX.md §2):
 * 8 fields, 40 criteria, 90 scored leaves, 70 points appraised + 30 survey, plus a bonus and a
 * deduction criterion outside the 100-point scale. Leaves: [code suffix, title, max, rule, evidence?].
 */
type L = [string, string, string, ScoringRule | 'lv' | 'bin' | 'man' | 'sv' | 'pct' | 'band', string?];
const LV: ScoringRule = { type: 'levels', levels: [
  { code: 'dung_han', label: 'Ban hành/thực hiện đúng hạn, đầy đủ', points: '1' },
  { code: 'cham', label: 'Ban hành/thực hiện chậm hoặc chưa đầy đủ', points: '0.5' },
  { code: 'khong', label: 'Không ban hành/không thực hiện', points: '0' } ] };
const rule = (r: L[3], max: string): ScoringRule => {
  switch (r) {
    case 'lv': return { type: 'levels', levels: LV.type === 'levels' ? LV.levels.map((l) => ({ ...l, points: (Number(l.points) * Number(max)).toString() })) : [] };
    case 'bin': return { type: 'binary' };
    case 'man': return { type: 'manual' };
    case 'sv': return { type: 'survey' };
    case 'pct': return { type: 'proportional', numeratorLabel: 'Số đã thực hiện đúng yêu cầu', denominatorLabel: 'Tổng số phải thực hiện', whenNone: 'full' };
    case 'band': return { type: 'ratio_bands', numeratorLabel: 'Số nhiệm vụ hoàn thành', denominatorLabel: 'Tổng số nhiệm vụ', whenNone: 'full',
      bands: [{ minPercent: '100', points: max }, { minPercent: '80', points: (Number(max) / 2).toString() }, { minPercent: '0', points: '0' }] };
    default: return r;
  }
};
type C = [string, L[], string[]?];
const F: [string, C[]][] = [
  ['Công tác chỉ đạo, điều hành cải cách hành chính', [
    ['Kế hoạch CCHC năm', [['1', 'Ban hành kế hoạch CCHC năm đúng thời hạn', '1', 'lv', 'Kế hoạch CCHC năm 2025 của đơn vị'], ['2', 'Mức độ hoàn thành kế hoạch CCHC', '1.5', 'band', 'Báo cáo kết quả thực hiện kế hoạch CCHC'], ['3', 'Bố trí kinh phí thực hiện kế hoạch CCHC', '0.5', 'bin']]],
    ['Báo cáo CCHC', [['1', 'Thực hiện đầy đủ, đúng hạn báo cáo CCHC định kỳ (quý, 6 tháng, năm)', '0.5', 'bin', 'Các báo cáo CCHC trong năm'], ['2', 'Chất lượng báo cáo CCHC', '0.5', 'man']]],
    ['Kiểm tra công tác CCHC', [['1', 'Ban hành kế hoạch kiểm tra CCHC', '0.5', 'bin', 'Kế hoạch kiểm tra CCHC'], ['2', 'Tỷ lệ đơn vị trực thuộc được kiểm tra', '1', 'pct', 'Báo cáo kết quả kiểm tra'], ['3', 'Xử lý các vấn đề phát hiện qua kiểm tra', '0.5', 'pct']]],
    ['Thông tin, tuyên truyền CCHC', [['1', 'Ban hành kế hoạch tuyên truyền CCHC', '0.5', 'bin', 'Kế hoạch tuyên truyền'], ['2', 'Mức độ thực hiện kế hoạch tuyên truyền', '0.5', 'band']]],
    ['Sáng kiến, giải pháp mới trong CCHC', [['1', 'Có sáng kiến hoặc giải pháp mới được áp dụng', '1', 'bin', 'Quyết định công nhận sáng kiến'], ['2', 'Người đứng đầu chủ trì họp, đối thoại về CCHC', '1', 'lv']]],
  ]],
  ['Cải cách thể chế', [
    ['Xây dựng văn bản QPPL', [['1', 'Tham mưu ban hành văn bản QPPL đúng kế hoạch', '2.5', 'pct', 'Danh mục văn bản QPPL'], ['2', 'Lấy ý kiến, thẩm định dự thảo theo quy định', '0.5', 'bin']]],
    ['Rà soát, hệ thống hóa văn bản QPPL', [['1', 'Thực hiện rà soát văn bản QPPL theo quy định', '1', 'lv', 'Báo cáo rà soát'], ['2', 'Xử lý kết quả rà soát', '0.5', 'pct']]],
    ['Tổ chức thi hành văn bản QPPL', [['1', 'Ban hành kế hoạch theo dõi thi hành pháp luật', '0.5', 'bin', 'Kế hoạch theo dõi thi hành pháp luật'], ['2', 'Mức độ hoàn thành kế hoạch theo dõi thi hành pháp luật', '0.5', 'band']]],
    ['Kiểm tra, xử lý văn bản', [['1', 'Xử lý văn bản trái pháp luật được phát hiện', '1', 'pct', 'Văn bản xử lý'], ['2', 'Tự kiểm tra văn bản do đơn vị tham mưu ban hành', '1', 'bin']]],
  ]],
  ['Cải cách thủ tục hành chính', [
    ['Rà soát, đơn giản hóa TTHC', [['1', 'Ban hành kế hoạch rà soát, đơn giản hóa TTHC', '0.5', 'bin', 'Kế hoạch rà soát TTHC'], ['2', 'Tỷ lệ TTHC được rà soát, đề xuất phương án đơn giản hóa', '1', 'pct']]],
    ['Công bố, công khai TTHC', [['1', 'Công bố TTHC đúng thời hạn', '1', 'lv', 'Quyết định công bố TTHC'], ['2', 'Công khai TTHC đầy đủ tại Bộ phận Một cửa và trên Cổng dịch vụ công', '1', 'bin']]],
    ['Kết quả giải quyết TTHC', [['1', 'Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn', '4', 'pct', 'Số liệu trên Hệ thống thông tin giải quyết TTHC'], ['2', 'Xin lỗi người dân khi giải quyết hồ sơ quá hạn', '0.5', 'pct'], ['3', 'Cập nhật, đồng bộ hồ sơ lên Cổng dịch vụ công quốc gia', '1', 'pct']]],
    ['Thực hiện cơ chế một cửa, một cửa liên thông', [['1', 'Bộ phận Một cửa bảo đảm điều kiện theo quy định', '1', 'bin', 'Quyết định thành lập, bố trí nhân sự'], ['2', 'Tỷ lệ hồ sơ được số hóa khi tiếp nhận', '1.5', 'pct']]],
    ['Tiếp nhận, xử lý phản ánh, kiến nghị', [['1', 'Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn', '1', 'pct', 'Báo cáo xử lý phản ánh, kiến nghị'], ['2', 'Công khai kết quả xử lý phản ánh, kiến nghị', '0.75', 'bin']]],
  ]],
  ['Cải cách tổ chức bộ máy hành chính nhà nước', [
    ['Sắp xếp tổ chức bộ máy', [['1', 'Thực hiện sắp xếp tổ chức bộ máy theo quy định', '1', 'lv', 'Quyết định sắp xếp tổ chức'], ['2', 'Quy định chức năng, nhiệm vụ của các đơn vị trực thuộc', '0.5', 'bin']]],
    ['Quản lý biên chế', [['1', 'Sử dụng biên chế không vượt số được giao', '1', 'bin', 'Báo cáo biên chế'], ['2', 'Thực hiện tinh giản biên chế theo lộ trình', '1', 'band']]],
    ['Phân cấp, ủy quyền', [['1', 'Thực hiện các nhiệm vụ được phân cấp, ủy quyền', '1', 'pct'], ['2', 'Kiểm tra việc thực hiện nhiệm vụ phân cấp', '0.5', 'bin'], ['3', 'Thực hiện quy chế làm việc của đơn vị', '1', 'lv']]],
    ['Đơn vị sự nghiệp công lập trực thuộc', [['1', 'Sắp xếp, kiện toàn đơn vị sự nghiệp công lập', '1', 'lv', 'Đề án sắp xếp đơn vị sự nghiệp']]],
  ]],
  ['Cải cách chế độ công vụ', [
    ['Vị trí việc làm', [['1', 'Phê duyệt, điều chỉnh vị trí việc làm theo quy định', '1', 'lv', 'Quyết định phê duyệt vị trí việc làm'], ['2', 'Bố trí công chức theo đúng vị trí việc làm', '1', 'pct']]],
    ['Tuyển dụng, bổ nhiệm', [['1', 'Thực hiện tuyển dụng, bổ nhiệm đúng quy định', '1', 'bin'], ['2', 'Công khai kết quả tuyển dụng, bổ nhiệm', '0.5', 'bin'], ['3', 'Tỷ lệ lãnh đạo cấp phòng được bổ nhiệm đúng tiêu chuẩn', '1', 'pct']]],
    ['Đánh giá, xếp loại công chức', [['1', 'Đánh giá, xếp loại công chức đúng quy định và thời hạn', '1', 'lv', 'Kết quả đánh giá, xếp loại']]],
    ['Đào tạo, bồi dưỡng', [['1', 'Mức độ hoàn thành kế hoạch đào tạo, bồi dưỡng', '1', 'band', 'Báo cáo đào tạo, bồi dưỡng'], ['2', 'Tỷ lệ công chức được bồi dưỡng kỹ năng số', '1', 'pct']]],
    ['Kỷ luật, kỷ cương hành chính', [['1', 'Không có công chức bị kỷ luật do vi phạm công vụ', '1', 'man'], ['2', 'Thực hiện văn hóa công vụ, quy tắc ứng xử', '0.5', 'bin']]],
  ]],
  ['Cải cách tài chính công', [
    ['Quản lý, sử dụng ngân sách', [['1', 'Tỷ lệ giải ngân kế hoạch vốn đầu tư công được giao', '2.5', 'pct', 'Báo cáo giải ngân'], ['2', 'Công khai ngân sách theo quy định', '0.5', 'bin']]],
    ['Thực hiện cơ chế tự chủ tài chính', [['1', 'Ban hành quy chế chi tiêu nội bộ', '0.5', 'bin', 'Quy chế chi tiêu nội bộ'], ['2', 'Giao quyền tự chủ cho đơn vị sự nghiệp', '1', 'lv']]],
    ['Quản lý tài sản công', [['1', 'Quản lý, sử dụng tài sản công đúng quy định', '1', 'bin'], ['2', 'Báo cáo kê khai tài sản công đúng hạn', '0.75', 'lv']]],
    ['Thực hành tiết kiệm, chống lãng phí', [['1', 'Thực hiện kế hoạch tiết kiệm, chống lãng phí', '0.5', 'band'], ['2', 'Thực hiện kết luận thanh tra, kiểm toán về tài chính', '0.5', 'pct'], ['3', 'Thu hồi các khoản chi sai phát hiện qua kiểm tra', '1', 'pct']]],
  ]],
  ['Xây dựng và phát triển chính quyền điện tử, chính quyền số', [
    ['Kế hoạch chuyển đổi số', [['1', 'Ban hành kế hoạch chuyển đổi số năm', '0.5', 'lv', 'Kế hoạch chuyển đổi số'], ['2', 'Mức độ hoàn thành kế hoạch chuyển đổi số', '1', 'band']]],
    ['Dịch vụ công trực tuyến', [['1', 'Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình', '2.5', 'pct', 'Số liệu Cổng dịch vụ công'], ['2', 'Tỷ lệ hồ sơ nộp trực tuyến', '2', 'pct']]],
    ['Thanh toán trực tuyến', [['1', 'Tỷ lệ hồ sơ thanh toán phí, lệ phí trực tuyến', '1', 'pct'], ['2', 'Tỷ lệ kết quả giải quyết TTHC được số hóa', '1.5', 'pct']]],
    ['Văn bản điện tử, chữ ký số', [['1', 'Tỷ lệ văn bản đi được ký số và gửi nhận qua mạng', '1', 'pct'], ['2', 'Sử dụng hệ thống quản lý văn bản và điều hành', '0.5', 'bin']]],
    ['An toàn thông tin', [['1', 'Bảo đảm an toàn thông tin theo cấp độ', '0.5', 'bin', 'Hồ sơ đề xuất cấp độ'], ['2', 'Khai thác, sử dụng cơ sở dữ liệu quốc gia về dân cư', '1.5', 'pct'], ['3', 'Sử dụng nền tảng họp trực tuyến, làm việc số', '1', 'bin']]],
  ]],
  ['Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội', [
    ['Sự hài lòng về tiếp cận dịch vụ', [['1', 'Mức độ hài lòng về tiếp cận dịch vụ', '3', 'sv'], ['2', 'Mức độ hài lòng về cơ sở vật chất nơi tiếp nhận hồ sơ', '2', 'sv']]],
    ['Sự hài lòng về thủ tục hành chính', [['1', 'Mức độ hài lòng về công khai thủ tục hành chính', '2', 'sv'], ['2', 'Mức độ hài lòng về thời gian giải quyết', '2', 'sv']]],
    ['Sự hài lòng về công chức', [['1', 'Thái độ của công chức khi hướng dẫn, tiếp nhận', '2.5', 'sv'], ['2', 'Năng lực giải quyết công việc của công chức', '2.5', 'sv']]],
    ['Sự hài lòng về kết quả giải quyết', [['1', 'Kết quả đúng quy định, đúng hẹn', '3', 'sv'], ['2', 'Thông tin kết quả đầy đủ, chính xác', '2', 'sv']]],
    ['Tiếp nhận, xử lý góp ý, phản ánh', [['1', 'Mức độ hài lòng về tiếp nhận, xử lý góp ý, phản ánh', '2', 'sv']]],
    ['Đánh giá của đại biểu, lãnh đạo về chỉ đạo, điều hành', [['1', 'Đánh giá về chất lượng chỉ đạo, điều hành CCHC', '2', 'sv'], ['2', 'Đánh giá về chất lượng văn bản QPPL', '1.5', 'sv']]],
    ['Đánh giá về tổ chức bộ máy, công vụ', [['1', 'Đánh giá về tổ chức bộ máy', '1.5', 'sv'], ['2', 'Đánh giá về chất lượng đội ngũ công chức', '1.5', 'sv']]],
    ['Đánh giá về chính quyền số', [['1', 'Đánh giá về dịch vụ công trực tuyến', '2.5', 'sv']]],
    ['Tác động đến phát triển kinh tế - xã hội', [['1', 'Thực hiện chỉ tiêu phát triển kinh tế - xã hội được giao', '1', 'band', 'Báo cáo kinh tế - xã hội']]],
    ['Thu hút đầu tư, phát triển doanh nghiệp', [['1', 'Tỷ lệ hồ sơ đầu tư, doanh nghiệp giải quyết đúng hạn', '1', 'pct'], ['2', 'Tổ chức đối thoại với doanh nghiệp, người dân', '1', 'bin']]],
  ]],
];

function sumMax(nodes: RubricNode[]): string {
  return (nodes.reduce((s, n) => s + Math.round(Number(n.max) * 1000), 0) / 1000).toString();
}

/** Builds the demo rubric document (validated by the engine in tests). */
export function demoRubric(): RubricDocument {
  const fields: RubricNode[] = F.map(([title, criteria], fi) => {
    const children: RubricNode[] = criteria.map(([ctitle, leaves], ci) => {
      const code = `${fi + 1}.${ci + 1}`;
      const kids: RubricNode[] = leaves.map(([suffix, ltitle, max, r, evidence]) => {
        const survey = r === 'sv';
        const leaf: RubricNode = { code: `${code}.${suffix}`, title: ltitle, max, source: survey ? 'survey' : 'appraised', rule: rule(r, max) };
        if (evidence) { leaf.evidence = evidence; leaf.evidenceRequired = true; }
        return leaf;
      });
      return { code, title: ctitle, max: sumMax(kids), children: kids };
    });
    return { code: String(fi + 1), title, max: sumMax(children), children };
  });
  fields.push({
    code: '9', title: 'Điểm thưởng, điểm trừ', max: '0', children: [
      { code: '9.1', title: 'Sáng kiến CCHC được cấp có thẩm quyền công nhận', max: '2', source: 'appraised', effect: 'bonus', rule: { type: 'count', countLabel: 'Số sáng kiến được công nhận', perItem: '1' }, evidence: 'Quyết định công nhận sáng kiến', evidenceRequired: true },
      { code: '9.2', title: 'Bị cấp có thẩm quyền phê bình, nhắc nhở về CCHC', max: '2', source: 'appraised', effect: 'deduction', rule: { type: 'count', countLabel: 'Số lần bị phê bình, nhắc nhở', perItem: '0.5' } },
    ],
  });
  return {
    code: 'SH-CCHC-2025',
    name: 'Bộ Chỉ số cải cách hành chính các sở, ban, ngành và UBND cấp xã tỉnh Sơn Hà năm 2025 (dữ liệu minh họa)',
    year: 2025,
    unitKinds: ['department', 'special_department', 'commune'],
    basis: 'Quyết định số 1868/QĐ-UBND ngày 15/10/2025 của UBND tỉnh Sơn Hà (minh họa)',
    settings: {
      bands: [{ label: 'Xuất sắc', min: '90' }, { label: 'Tốt', min: '80' }, { label: 'Khá', min: '70' }, { label: 'Trung bình', min: '50' }, { label: 'Yếu', min: '0' }],
      ties: { mode: 'ordered', keys: ['appraised', 'survey'] },
      pointDecimals: 2,
      evidencePolicy: 'zero',
    },
    peerGroups: [
      { code: 'departments', name: 'Sở, ban, ngành' },
      { code: 'special_departments', name: 'Cơ quan đặc thù (thang điểm rút gọn)' },
      { code: 'communes', name: 'UBND xã, phường' },
    ],
    fields,
  };
}
