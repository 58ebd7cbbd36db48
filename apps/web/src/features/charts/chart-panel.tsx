import { Button, Space } from 'antd';
import { lazy, Suspense, useCallback, useId, useState, type ReactNode } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import type { ChartApi } from './chart-canvas.tsx';
import { fileNameOf } from './chart-export.ts';
import { chartMessages } from './charts.messages.ts';
import type { ChartOption } from './echarts.ts';
import './charts.css';

const ChartCanvas = lazy(() => import('./chart-canvas.tsx'));

interface Props {
  /** The visible heading; also the title drawn into downloaded images. */
  title: string;
  /** Drawn under the title in downloaded images (e.g. the cycle's name). */
  subtitle?: string;
  /** What the figures are from, for the source line of images. */
  source: string;
  option: ChartOption;
  height: number;
  /** Describes the chart for screen readers; the table has the figures. */
  ariaLabel: string;
  /** The same figures as a table, shown on request ("Xem bảng số liệu"). */
  table: ReactNode;
  /** Text under the heading. */
  description?: ReactNode;
  headingLevel?: 2 | 3;
  /** Show the table from the start (e.g. when the chart is too dense to read). */
  tableOpen?: boolean;
}

/**
 * A chart with a heading, PNG and SVG downloads (titled, with the source), ECharts' own "save as
 * image", and a toggle to the table of the same numbers — every chart is backed by a table.
 */
export function ChartPanel({ title, subtitle, source, option, height, ariaLabel, table, description, headingLevel = 3, tableOpen = false }: Props) {
  const m = useFeatureMessages(chartMessages);
  const id = useId();
  const [api, setApi] = useState<ChartApi | null>(null);
  const [showTable, setShowTable] = useState(tableOpen);
  const onReady = useCallback((a: ChartApi | null) => setApi(() => a), []);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const fileName = fileNameOf(`${title} ${subtitle ?? ''}`);
  const screenOption: ChartOption = {
    ...option,
    toolbox: { right: 0, top: 0, feature: { saveAsImage: { title: m.saveImage, name: fileName, pixelRatio: 2, backgroundColor: '#ffffff' } } },
  };

  const download = (type: 'png' | 'svg') => {
    const url = api?.image(type, { title, subtitle, source: m.source(source) });
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName}.${type}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  return (
    <section className="chart-panel" aria-labelledby={`${id}-h`}>
      <div className="chart-panel__head">
        <Heading id={`${id}-h`} className="chart-panel__title">
          {title}
        </Heading>
        <Space wrap size={[8, 8]} className="chart-panel__actions no-print">
          <Button size="small" onClick={() => setShowTable((v) => !v)} aria-expanded={showTable} aria-controls={`${id}-t`}>
            {showTable ? m.hideTable : m.showTable}
          </Button>
          <Button size="small" onClick={() => download('png')} disabled={!api}>
            {m.downloadPng}
          </Button>
          <Button size="small" onClick={() => download('svg')} disabled={!api}>
            {m.downloadSvg}
          </Button>
        </Space>
      </div>
      {description && <div className="chart-panel__desc">{description}</div>}
      <Suspense fallback={<div className="chart-panel__placeholder" style={{ height }}>{m.chartLoading}</div>}>
        <ChartCanvas option={screenOption} height={height} ariaLabel={ariaLabel} onReady={onReady} />
      </Suspense>
      <div id={`${id}-t`} className="chart-panel__table" hidden={!showTable}>
        {table}
      </div>
    </section>
  );
}
