import { useEffect, useRef } from 'react';
import { EXPORT_BOTTOM, EXPORT_TOP, type ExportFrame, withExportFrame } from './chart-export.ts';
import { echarts, type ChartOption } from './echarts.ts';

export interface ChartApi {
  /** Renders the chart with its title and source as an image (off screen) and returns a data URL. */
  image(type: 'png' | 'svg', frame: ExportFrame): string | null;
}

interface Props {
  option: ChartOption;
  height: number;
  ariaLabel: string;
  onReady: (api: ChartApi | null) => void;
}

/** The ECharts canvas (loaded lazily: echarts is the heaviest dependency). */
export default function ChartCanvas({ option, height, ariaLabel, onReady }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    onReady({
      image(type, frame) {
        const width = Math.max(el.clientWidth, 960);
        const h = el.clientHeight + EXPORT_TOP + EXPORT_BOTTOM;
        const off = document.createElement('div');
        off.style.cssText = `position:fixed;left:-20000px;top:0;width:${width}px;height:${h}px`;
        document.body.appendChild(off);
        const exp = echarts.init(off, undefined, { renderer: type === 'svg' ? 'svg' : 'canvas', width, height: h });
        try {
          exp.setOption(withExportFrame(latest.current, frame));
          return exp.getDataURL({ type, pixelRatio: type === 'png' ? 2 : 1, backgroundColor: '#ffffff' });
        } finally {
          exp.dispose();
          off.remove();
        }
      },
    });
    return () => {
      onReady(null);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
    // Created once; options are set by the effect below.
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={container} className="chart-panel__canvas" role="img" aria-label={ariaLabel} style={{ height }} />;
}
