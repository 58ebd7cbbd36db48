import type { RubricDocument } from '@parindex/contracts';

/** A small rubric with every rule type, used by the engine's tests. */
export function sampleRubric(): RubricDocument {
  return {
    code: 'TEST',
    name: 'Bộ chỉ số thử nghiệm',
    year: 2025,
    unitKinds: ['department', 'commune'],
    settings: {
      bands: [
        { label: 'Tốt', min: '80' },
        { label: 'Khá', min: '70' },
        { label: 'Trung bình', min: '0' },
      ],
      ties: { mode: 'ordered', keys: ['appraised', 'survey'] },
      pointDecimals: 2,
      evidencePolicy: 'zero',
    },
    peerGroups: [
      { code: 'departments', name: 'Sở, ban, ngành' },
      { code: 'communes', name: 'UBND xã, phường' },
    ],
    fields: [
      {
        code: '1', title: 'Công tác chỉ đạo, điều hành CCHC', max: '6',
        children: [
          { code: '1.1', title: 'Kế hoạch CCHC năm', max: '1', source: 'appraised', evidenceRequired: true,
            rule: { type: 'levels', levels: [{ code: 'on_time', label: 'Ban hành đúng hạn', points: '1' }, { code: 'late', label: 'Ban hành chậm', points: '0.5' }, { code: 'none', label: 'Không ban hành', points: '0' }] } },
          { code: '1.2', title: 'Báo cáo CCHC đúng hạn', max: '1', source: 'appraised', rule: { type: 'binary' } },
          { code: '1.3', title: 'Tỷ lệ hoàn thành kế hoạch', max: '2', source: 'appraised',
            rule: { type: 'ratio_bands', numeratorLabel: 'Nhiệm vụ hoàn thành', denominatorLabel: 'Nhiệm vụ', whenNone: 'full',
              bands: [{ minPercent: '90', exclusive: true, points: '2' }, { minPercent: '70', points: '1' }, { minPercent: '0', points: '0' }] } },
          { code: '1.4', title: 'Hồ sơ đúng hạn', max: '2', source: 'appraised',
            rule: { type: 'proportional', numeratorLabel: 'Hồ sơ đúng hạn', denominatorLabel: 'Hồ sơ tiếp nhận', whenNone: 'not_applicable' } },
        ],
      },
      {
        code: '2', title: 'Cải cách thủ tục hành chính', max: '4',
        children: [
          { code: '2.1', title: 'Một cửa cấp xã', max: '2', source: 'appraised', rule: { type: 'manual' }, appliesTo: ['communes'] },
          { code: '2.2', title: 'Niêm yết TTHC', max: '2', source: 'appraised', rule: { type: 'manual' } },
        ],
      },
      {
        code: '3', title: 'Tác động của CCHC', max: '3',
        children: [{ code: '3.1', title: 'Mức độ hài lòng', max: '3', source: 'survey', rule: { type: 'survey' } }],
      },
      {
        code: '4', title: 'Điểm thưởng, điểm trừ', max: '0',
        children: [
          { code: '4.1', title: 'Sáng kiến', max: '1', source: 'appraised', effect: 'bonus', rule: { type: 'count', countLabel: 'Sáng kiến', perItem: '0.5' } },
          { code: '4.2', title: 'Bị phê bình', max: '1', source: 'appraised', effect: 'deduction', rule: { type: 'count', countLabel: 'Lần bị phê bình', perItem: '0.25' } },
        ],
      },
    ],
  };
}
