import type { ComponentDto, ScorecardLeafDto, TrendPointDto } from '@parindex/contracts';
import { describe, expect, it } from 'vitest';
import { fieldsOption, trendOption } from './scorecard.charts.ts';
import { lostLeaves, selfColumnNeeded } from './scorecard.logic.ts';
import { scorecardMessages } from './scorecard.messages.ts';

const leaf = (code: string, points: string, lost: string, self: string | null, effect: ScorecardLeafDto['effect'] = 'score'): ScorecardLeafDto => ({
  code,
  title: `Tiêu chí ${code}`,
  fieldCode: code[0],
  source: 'appraised',
  effect,
  max: '1',
  points,
  lost,
  selfPoints: self,
  appraisedPoints: null,
  appraisalStage: null,
  surveyPoints: null,
  finalPoints: points,
});

describe('scorecard leaves', () => {
  it('shows the self-assessed column only when an appraisal changed a score', () => {
    expect(selfColumnNeeded([leaf('1.1', '0.5', '0.5', '0.50'), leaf('1.2', '1', '0', null)])).toBe(false);
    expect(selfColumnNeeded([leaf('1.1', '0.5', '0.5', '1')])).toBe(true);
  });

  it('lists only score leaves that lost points, in the server’s order', () => {
    const ls = [leaf('3.1', '0', '1', '0'), leaf('1.1', '1', '0', '1'), leaf('9.1', '0.5', '0', null, 'deduction'), leaf('2.1', '0.75', '0.25', '0.75')];
    expect(lostLeaves(ls).map((l) => l.code)).toEqual(['3.1', '2.1']);
  });
});

describe('scorecard charts', () => {
  const m = scorecardMessages.vi;
  const field = (code: string, idx: string, mean: string | null): ComponentDto => ({
    code, title: `Lĩnh vực ${code}`, depth: 1, parent: null, points: '1', max: '1', index: idx, indexRounded: idx, groupMeanIndex: mean, groupMeanIndexRounded: mean, deltaVsGroup: null,
  });

  it('labels bars with Vietnamese figures from the exact strings; a field without a group mean has no bar', () => {
    const o = fieldsOption([field('1', '85.78', '80.24'), field('3', '79.885', null)], m, 'vi', false);
    const series = o.series as { data: unknown[]; label: { formatter: (p: { dataIndex: number }) => string } }[];
    expect(series[0].label.formatter({ dataIndex: 1 })).toBe('79,89');
    expect(series[1].data).toEqual([80.24, '-']);
    expect(series[1].label.formatter({ dataIndex: 1 })).toBe('—');
  });

  it('trend: the group mean is rounded half-up on its digits before plotting', () => {
    const p = (year: number, mean: string | null): TrendPointDto => ({ cycleId: String(year), year, cycleName: '', basis: 'direct', index: '80', indexRounded: '80.00', rank: 1, classification: 'Tốt', groupMeanIndex: mean });
    const o = trendOption([p(2024, '84.30649999'), p(2025, null)], m, 'vi');
    const series = o.series as { data: unknown[]; label: { formatter: (p: { dataIndex: number }) => string } }[];
    expect(series[1].data).toEqual([{ value: 84.31, label: { position: 'top' } }, '-']);
    expect(series[1].label.formatter({ dataIndex: 0 })).toBe('84,31');
    // the unit (80,00) is below the group mean that year: its label goes under its point
    expect(series[0].data[0]).toEqual({ value: 80, label: { position: 'bottom' } });
  });
});
