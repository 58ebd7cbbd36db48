import type { RubricDocument } from '@parindex/contracts';

/**
 * A realistic province rubric for departments (sở, ban, ngành), shaped like the annexes provinces
 * issue: every rule type, a bonus and a deduction leaf, appliesTo, quarter/half points and a
 * 3-decimal maximum. Used by the import/export tests; a builder so each test gets a fresh copy.
 */
export function sampleRubric(): RubricDocument {
  return {
    code: 'LC-SO-2025',
    name: 'Bộ chỉ số CCHC các sở, ban, ngành tỉnh năm 2025',
    year: 2025,
    unitKinds: ['department', 'special_department'],
    basis: 'Quyết định số 1234/QĐ-UBND ngày 15/10/2025 của Chủ tịch UBND tỉnh',
    settings: {
      bands: [
        { label: 'Xuất sắc', min: '90' },
        { label: 'Tốt', min: '80' },
        { label: 'Khá', min: '70' },
        { label: 'Trung bình', min: '60' },
        { label: 'Yếu', min: '0' },
      ],
      ties: { mode: 'ordered', keys: ['appraised', 'survey'] },
      pointDecimals: 3,
      evidencePolicy: 'explanation',
      bonusCap: '2',
      deductionCap: '3.5',
    },
    peerGroups: [
      { code: 'so_nganh', name: 'Sở, ban, ngành' },
      { code: 'dac_thu', name: 'Cơ quan đặc thù (không có TTHC)' },
    ],
    fields: [
      {
        code: '1', title: 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH', max: '4.125',
        children: [
          {
            code: '1.1', title: 'Kế hoạch cải cách hành chính năm', max: '1.5',
            children: [
              { code: '1.1.1', title: 'Ban hành kế hoạch CCHC năm', max: '0.5', source: 'appraised', evidenceRequired: true,
                evidence: 'Kế hoạch CCHC năm 2025 (số, ký hiệu, ngày ban hành)',
                rule: { type: 'levels', levels: [
                  { code: 'ban_hanh_dung_han', label: 'Ban hành đúng hạn', points: '0.5' },
                  { code: 'late', label: 'Ban hành chậm', points: '0.25' },
                  { code: 'khong_ban_hanh', label: 'Không ban hành', points: '0' },
                ] } },
              { code: '1.1.2', title: 'Mức độ hoàn thành kế hoạch CCHC', max: '1', source: 'appraised', evidenceRequired: true,
                evidence: 'Báo cáo CCHC năm;\nDanh mục nhiệm vụ đã hoàn thành',
                rule: { type: 'ratio_bands', numeratorLabel: 'Số nhiệm vụ hoàn thành', denominatorLabel: 'Tổng số nhiệm vụ trong kế hoạch', whenNone: 'full',
                  bands: [{ minPercent: '90', exclusive: true, points: '1' }, { minPercent: '70', points: '0.5' }, { minPercent: '0', points: '0' }] } },
            ],
          },
          { code: '1.2', title: 'Báo cáo CCHC định kỳ (quý, 6 tháng, năm) đầy đủ, đúng hạn', max: '0.125', source: 'appraised', effect: 'score',
            evidenceRequired: false, rule: { type: 'binary', yesLabel: 'Đủ, đúng hạn', noLabel: 'Thiếu hoặc chậm' } },
          { code: '1.3', title: 'Tổ chức kiểm tra CCHC đối với các phòng, đơn vị trực thuộc', max: '2.5', source: 'appraised',
            rule: { type: 'manual' } },
          { code: '1.4', title: 'Sáng kiến, giải pháp CCHC được cấp có thẩm quyền công nhận', max: '1', source: 'appraised', effect: 'bonus',
            evidence: 'Quyết định công nhận sáng kiến', rule: { type: 'count', countLabel: 'sáng kiến được công nhận', perItem: '0.5' } },
        ],
      },
      {
        code: '2', title: 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', max: '6', appliesTo: ['so_nganh'],
        children: [
          { code: '2.1', title: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', max: '3', source: 'appraised',
            rule: { type: 'proportional', numeratorLabel: 'Số hồ sơ giải quyết đúng hạn', denominatorLabel: 'Tổng số hồ sơ đã giải quyết', whenNone: 'not_applicable' } },
          { code: '2.2', title: 'Công khai TTHC đầy đủ, đúng quy định', max: '0.25', source: 'appraised', rule: { type: 'binary' } },
          { code: '2.3', title: 'Tiếp nhận, xử lý phản ánh, kiến nghị về TTHC', max: '2.75', source: 'appraised',
            rule: { type: 'ratio_bands', numeratorLabel: 'Số phản ánh được xử lý đúng hạn', denominatorLabel: 'Số phản ánh tiếp nhận', whenNone: 'zero',
              bands: [{ minPercent: '100', points: '2.75' }, { minPercent: '80', points: '1.5' }, { minPercent: '0', points: '0' }] } },
          { code: '2.4', title: 'Bộ phận Một cửa không bảo đảm điều kiện theo quy định', max: '0.25', source: 'appraised', effect: 'deduction',
            rule: { type: 'count', countLabel: 'điều kiện không bảo đảm', perItem: '0.25' } },
        ],
      },
      {
        code: '3', title: 'TÁC ĐỘNG CỦA CẢI CÁCH HÀNH CHÍNH', max: '10',
        children: [
          { code: '3.1', title: 'Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan', max: '6.5', source: 'survey', rule: { type: 'survey' } },
          { code: '3.2', title: 'Đánh giá của lãnh đạo các cơ quan về chất lượng tham mưu', max: '3.5', source: 'survey', rule: { type: 'survey' } },
        ],
      },
    ],
  };
}
