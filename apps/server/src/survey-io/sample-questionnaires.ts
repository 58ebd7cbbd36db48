import { Questionnaire, type QuestionnaireInput } from '@parindex/contracts';

/*
 * The demo province's 2025 questionnaires, modelled on PAR-INDEX.md §4: the SIPAS form for citizens
 * and organisations, and the sociological survey (điều tra xã hội học) of deputies, leaders and
 * civil servants. Their scoring questions link to the survey leaves of the demo rubric
 * (seed/demo-rubric.ts, field 8): 8.1.1–8.5.1 from SIPAS, 8.6.1–8.8.1 from the PAR survey.
 */

const SATISFACTION = [
  { code: '1', label: 'Rất không hài lòng', level: 1, weight: '0' },
  { code: '2', label: 'Không hài lòng', level: 2, weight: '25' },
  { code: '3', label: 'Bình thường', level: 3, weight: '50' },
  { code: '4', label: 'Hài lòng', level: 4, weight: '75' },
  { code: '5', label: 'Rất hài lòng', level: 5, weight: '100' },
];

type Q = QuestionnaireInput['questions'][number];
const item = (code: string, factor: string, leafCode: string, text: string, extra: Q['options'] = []): Q => ({
  code, section: 'C', text, type: 'scale', required: extra.length === 0,
  options: [...SATISFACTION, ...extra],
  scoring: { leafCode, evaluatedUnit: 'dealt_with' },
  sipas: { kind: 'satisfaction', factor },
});
const choices = (labels: string[]) => labels.map((label, i) => ({ code: String(i + 1), label }));

/** Phiếu khảo sát SIPAS: profile, the service used, 15 satisfaction items in five factors, expectations. */
export function sampleSipasQuestionnaire(): Questionnaire {
  const noFeedback = [{ code: '0', label: 'Không góp ý, phản ánh, kiến nghị' }];
  return Questionnaire.parse({
    code: 'SH-SIPAS-2025',
    year: 2025,
    title: 'Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước năm 2025',
    kind: 'sipas',
    description: 'Phiếu không ghi tên người trả lời. Mỗi phiếu đánh giá cơ quan mà Ông/Bà đã trực tiếp giải quyết thủ tục hành chính.',
    respondentGroups: [
      { code: 'nguoi_dan', name: 'Người dân', description: 'Cá nhân đã giải quyết thủ tục hành chính trong năm' },
      { code: 'to_chuc', name: 'Tổ chức, doanh nghiệp', description: 'Người đại diện tổ chức, doanh nghiệp đã giải quyết thủ tục hành chính' },
    ],
    sections: [
      { code: 'A', title: 'Phần A. Thông tin về người trả lời' },
      { code: 'B', title: 'Phần B. Thông tin về thủ tục hành chính đã giải quyết' },
      { code: 'C', title: 'Phần C. Đánh giá sự phục vụ của cơ quan' },
      { code: 'D', title: 'Phần D. Mong đợi của người dân, tổ chức' },
    ],
    questions: [
      { code: 'A1', section: 'A', text: 'Giới tính', type: 'single', groups: ['nguoi_dan'], options: choices(['Nam', 'Nữ', 'Khác']), sipas: { kind: 'profile' } },
      { code: 'A2', section: 'A', text: 'Độ tuổi', type: 'single', groups: ['nguoi_dan'], options: choices(['Dưới 25 tuổi', 'Từ 25 đến 40 tuổi', 'Từ 41 đến 60 tuổi', 'Trên 60 tuổi']), sipas: { kind: 'profile' } },
      { code: 'A3', section: 'A', text: 'Trình độ học vấn', type: 'single', groups: ['nguoi_dan'], options: choices(['Tiểu học trở xuống', 'Trung học cơ sở', 'Trung học phổ thông', 'Cao đẳng, đại học trở lên']), sipas: { kind: 'profile' } },
      { code: 'A4', section: 'A', text: 'Loại hình tổ chức', type: 'single', groups: ['to_chuc'], options: choices(['Doanh nghiệp', 'Hợp tác xã', 'Hộ kinh doanh', 'Tổ chức khác']), sipas: { kind: 'profile' } },
      { code: 'B1', section: 'B', text: 'Ông/Bà nộp hồ sơ bằng hình thức nào?', type: 'single', required: true, options: choices(['Trực tiếp tại Bộ phận Một cửa', 'Qua dịch vụ bưu chính công ích', 'Trực tuyến trên Cổng dịch vụ công']), sipas: { kind: 'profile' } },
      { code: 'B2', section: 'B', text: 'Số lần Ông/Bà phải đi lại để giải quyết hồ sơ', type: 'single', options: choices(['1 lần', '2 lần', '3 lần trở lên']), sipas: { kind: 'profile' } },
      item('C1', 'tiep_can', '8.1.1', 'Thông tin về thủ tục, cách nộp hồ sơ (trực tiếp, bưu chính, trực tuyến) dễ tìm hiểu, dễ tiếp cận'),
      item('C2', 'tiep_can', '8.1.2', 'Nơi tiếp nhận hồ sơ có đủ chỗ ngồi, thoáng mát'),
      item('C3', 'tiep_can', '8.1.2', 'Trang thiết bị phục vụ người dân, tổ chức đầy đủ, dễ sử dụng'),
      item('C4', 'thu_tuc', '8.2.1', 'Thủ tục hành chính được niêm yết công khai đầy đủ, chính xác'),
      item('C5', 'thu_tuc', '8.2.1', 'Thành phần hồ sơ, mức phí, lệ phí phải nộp đúng như công khai'),
      item('C6', 'thu_tuc', '8.2.2', 'Thời hạn giải quyết hồ sơ đúng như công khai'),
      item('C7', 'cong_chuc', '8.3.1', 'Công chức có thái độ giao tiếp lịch sự, chú ý lắng nghe'),
      item('C8', 'cong_chuc', '8.3.1', 'Công chức không gây phiền hà, nhũng nhiễu'),
      item('C9', 'cong_chuc', '8.3.2', 'Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo, dễ hiểu'),
      item('C10', 'cong_chuc', '8.3.2', 'Công chức tuân thủ đúng quy định trong giải quyết công việc'),
      item('C11', 'ket_qua', '8.4.1', 'Kết quả giải quyết đúng quy định'),
      item('C12', 'ket_qua', '8.4.1', 'Nhận kết quả đúng hẹn'),
      item('C13', 'ket_qua', '8.4.2', 'Thông tin của kết quả đầy đủ, chính xác'),
      item('C14', 'phan_anh', '8.5.1', 'Cơ quan bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị', noFeedback),
      item('C15', 'phan_anh', '8.5.1', 'Góp ý, phản ánh, kiến nghị được tiếp nhận, xử lý và phản hồi kịp thời', noFeedback),
      {
        code: 'D1', section: 'D', text: 'Để phục vụ tốt hơn, Ông/Bà mong cơ quan cải thiện những nội dung nào? (chọn nhiều phương án)', type: 'multiple',
        options: choices(['Mở rộng các hình thức thông tin về thủ tục', 'Tăng cường ứng dụng công nghệ thông tin', 'Đơn giản hóa thủ tục hành chính', 'Cải thiện thái độ phục vụ của công chức', 'Rút ngắn thời gian giải quyết', 'Tiếp nhận, xử lý tốt góp ý, phản ánh']),
        sipas: { kind: 'expectation' },
      },
      { code: 'D2', section: 'D', text: 'Ý kiến khác của Ông/Bà', type: 'text', sipas: { kind: 'expectation' } },
    ],
    // Favourable = "hài lòng" or "rất hài lòng" (weight ≥ 75%), as the SIPAS index counts.
    leafScoring: ['8.1.1', '8.1.2', '8.2.1', '8.2.2', '8.3.1', '8.3.2', '8.4.1', '8.4.2', '8.5.1'].map((leafCode) => ({
      leafCode, formula: { type: 'share_at_least', threshold: '75' }, minAnswers: 20, fallback: 'group_mean',
    })),
    sipas: { satisfiedLevels: [4, 5], factorIndex: 'mean_of_items', overall: 'mean_of_factors' },
  } satisfies QuestionnaireInput);
}

const ABCD = [
  { code: 'A', label: 'Rất tốt', weight: '100' },
  { code: 'B', label: 'Tốt', weight: '60' },
  { code: 'C', label: 'Chưa tốt', weight: '20' },
  { code: 'D', label: 'Kém', weight: '0' },
  { code: 'E', label: 'Không đánh giá được' },
];
const rate = (code: string, section: string, leafCode: string, text: string, groups?: string[]): Q => ({
  code, section, text, type: 'single', required: true, options: ABCD, scoring: { leafCode, evaluatedUnit: 'dealt_with' }, ...(groups && { groups }),
});

/** Phiếu điều tra xã hội học: four respondent groups rate the unit the form is about, A–D = 100/60/20/0%. */
export function sampleParQuestionnaire(): Questionnaire {
  return Questionnaire.parse({
    code: 'SH-XHH-2025',
    year: 2025,
    title: 'Phiếu điều tra xã hội học phục vụ xác định Chỉ số cải cách hành chính năm 2025',
    kind: 'par',
    description: 'Mỗi phiếu đánh giá một cơ quan, đơn vị ghi ở đầu phiếu. Chọn một phương án cho mỗi câu.',
    respondentGroups: [
      { code: 'dai_bieu', name: 'Đại biểu Hội đồng nhân dân tỉnh' },
      { code: 'lanh_dao_so', name: 'Lãnh đạo sở, ban, ngành và lãnh đạo phòng thuộc sở' },
      { code: 'lanh_dao_xa', name: 'Lãnh đạo UBND cấp xã, lãnh đạo Văn phòng HĐND và UBND cấp xã' },
      { code: 'cong_chuc', name: 'Công chức, viên chức' },
    ],
    sections: [
      { code: 'I', title: 'I. Thông tin người trả lời' },
      { code: 'II', title: 'II. Công tác chỉ đạo, điều hành và cải cách thể chế' },
      { code: 'III', title: 'III. Tổ chức bộ máy và chế độ công vụ' },
      { code: 'IV', title: 'IV. Chính quyền số', groups: ['dai_bieu', 'lanh_dao_so', 'lanh_dao_xa'] },
      { code: 'V', title: 'V. Ý kiến khác' },
    ],
    questions: [
      { code: 'I1', section: 'I', text: 'Số năm công tác của Ông/Bà', type: 'single', options: choices(['Dưới 5 năm', 'Từ 5 đến 10 năm', 'Trên 10 năm']) },
      rate('II1', 'II', '8.6.1', 'Ông/Bà đánh giá thế nào về chất lượng chỉ đạo, điều hành cải cách hành chính của cơ quan, đơn vị?'),
      rate('II2', 'II', '8.6.2', 'Ông/Bà đánh giá thế nào về chất lượng văn bản quy phạm pháp luật do cơ quan, đơn vị tham mưu ban hành?', ['dai_bieu', 'lanh_dao_so', 'lanh_dao_xa']),
      rate('III1', 'III', '8.7.1', 'Ông/Bà đánh giá thế nào về sự hợp lý của cơ cấu tổ chức, chức năng, nhiệm vụ của cơ quan, đơn vị?'),
      rate('III2', 'III', '8.7.2', 'Ông/Bà đánh giá thế nào về năng lực, trách nhiệm của đội ngũ công chức của cơ quan, đơn vị?'),
      rate('IV1', 'IV', '8.8.1', 'Ông/Bà đánh giá thế nào về chất lượng, hiệu quả dịch vụ công trực tuyến do cơ quan, đơn vị cung cấp?'),
      { code: 'V1', section: 'V', text: 'Ý kiến khác để nâng cao hiệu quả cải cách hành chính của cơ quan, đơn vị', type: 'text' },
    ],
    leafScoring: ['8.6.1', '8.6.2', '8.7.1', '8.7.2', '8.8.1'].map((leafCode) => ({
      leafCode, formula: { type: 'mean_weight' }, minAnswers: 5, fallback: 'group_mean',
    })),
  } satisfies QuestionnaireInput);
}
