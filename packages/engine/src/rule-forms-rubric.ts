import type { RubricDocument } from '@parindex/contracts';

/**
 * A rubric written the way provincial annexes word their rules (Cà Mau's Quyết định 1880/QĐ-UBND
 * completed with other provinces' wordings), using every rule form of issue 14: deduction per
 * occurrence inside a leaf with a floor, a tier table on a count, "Không phát sinh" on levels,
 * tiers and ratios (and none on 1.2.1), and conditions between leaves on a leaf and on a node.
 * Used by the engine's and the importer's tests, which compute units through it by hand.
 */
export function ruleFormsRubric(): RubricDocument {
  return {
    code: 'CM-2025-MAU',
    name: 'Bộ chỉ số CCHC mẫu (các cách chấm mới)',
    year: 2025,
    unitKinds: ['department'],
    basis: 'Quyết định số 1880/QĐ-UBND (minh họa)',
    settings: {
      bands: [{ label: 'Tốt', min: '80' }, { label: 'Khá', min: '50' }, { label: 'Trung bình', min: '0' }],
      ties: { mode: 'shared' },
      pointDecimals: 2,
      evidencePolicy: 'zero',
    },
    peerGroups: [{ code: 'so', name: 'Sở, ban, ngành' }],
    fields: [
      {
        code: '1', title: 'Công tác chỉ đạo, điều hành CCHC', max: '10',
        children: [
          { code: '1.1', title: 'Ban hành kế hoạch CCHC năm', max: '1', source: 'appraised',
            rule: { type: 'levels', levels: [
              { code: 'dung_han', label: 'Ban hành đúng hạn', points: '1' },
              { code: 'cham', label: 'Ban hành chậm', points: '0.5' },
              { code: 'khong_ban_hanh', label: 'Không ban hành', points: '0' },
            ] } },
          {
            code: '1.2', title: 'Thực hiện kế hoạch CCHC', max: '5',
            // "Không ban hành kế hoạch CCHC thì 1.2.1–1.2.3 được 0 điểm."
            conditions: [{ leaf: '1.1', op: 'equal', value: '0', then: 'zero' }],
            children: [
              { code: '1.2.1', title: 'Mức độ hoàn thành kế hoạch CCHC', max: '2', source: 'appraised',
                rule: { type: 'ratio_bands', numeratorLabel: 'Số nhiệm vụ hoàn thành', denominatorLabel: 'Số nhiệm vụ trong kế hoạch',
                  bands: [{ minPercent: '100', points: '2' }, { minPercent: '80', points: '1' }, { minPercent: '0', points: '0' }] } },
              { code: '1.2.2', title: 'Văn bản thực hiện kế hoạch ban hành chậm', max: '1', source: 'appraised',
                rule: { type: 'count_deduction', countLabel: 'văn bản ban hành chậm', perItem: '0.25', floor: '0' } },
              { code: '1.2.3', title: 'Họp Ban chỉ đạo CCHC', max: '2', source: 'appraised',
                rule: { type: 'count_tiers', countLabel: 'cuộc họp đã tổ chức', whenNone: 'zero', tiers: [
                  { count: 4, orMore: true, points: '2' }, { count: 3, points: '1.5' }, { count: 2, points: '0.75' }, { count: 1, points: '0.25' }, { count: 0, points: '0' },
                ] } },
            ],
          },
          {
            code: '1.3', title: 'Kiểm tra công tác CCHC', max: '4',
            children: [
              { code: '1.3.1', title: 'Ban hành kế hoạch kiểm tra CCHC', max: '1', source: 'appraised', rule: { type: 'binary' } },
              { code: '1.3.2', title: 'Kiểm tra các đơn vị trực thuộc', max: '2', source: 'appraised',
                rule: { type: 'levels', whenNone: 'not_applicable', levels: [
                  { code: 'du', label: 'Kiểm tra đủ các đơn vị', points: '2' },
                  { code: 'mot_phan', label: 'Kiểm tra một phần', points: '1' },
                  { code: 'khong', label: 'Không kiểm tra', points: '0' },
                ] } },
              // "Chỉ chấm 1.3.3 khi 1.3.1 đạt."
              { code: '1.3.3', title: 'Xử lý sau kiểm tra', max: '1', source: 'appraised', rule: { type: 'manual' },
                conditions: [{ leaf: '1.3.1', op: 'below', value: '1', then: 'not_applicable' }] },
            ],
          },
        ],
      },
      {
        code: '2', title: 'Cải cách thủ tục hành chính', max: '5',
        children: [
          { code: '2.1', title: 'Tỷ lệ hồ sơ giải quyết đúng hạn', max: '3', source: 'appraised',
            rule: { type: 'proportional', numeratorLabel: 'Số hồ sơ đúng hạn', denominatorLabel: 'Số hồ sơ đã giải quyết', whenNone: 'full' } },
          { code: '2.2', title: 'Xin lỗi khi trễ hẹn', max: '2', source: 'appraised',
            rule: { type: 'count_deduction', countLabel: 'hồ sơ trễ hẹn không có văn bản xin lỗi', perItem: '0.5', floor: '0.5' } },
        ],
      },
    ],
  };
}
