import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface TrendSeries {
  name: string;
  /** One value per month; null = hidden or missing (a gap in the line). */
  values: (number | null)[];
  /** Drawn dashed (a goal line). */
  dashed?: boolean;
}

const swedishNumber = (v: number) => v.toLocaleString('sv-SE', { maximumFractionDigits: 1 });

/**
 * A line chart of monthly values. It is a picture for sighted users only (role="img" with a short
 * label): the data table beside it is the text alternative and carries every number.
 */
export function TrendChart({
  label,
  months,
  series,
  unit = '',
}: {
  label: string;
  months: string[];
  series: TrendSeries[];
  unit?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 56, right: 24, top: 48, bottom: 40 },
      legend: { top: 0, type: 'scroll' as const },
      tooltip: {
        trigger: 'axis' as const,
        valueFormatter: (v: unknown) => (typeof v === 'number' ? `${swedishNumber(v)}${unit}` : '–'),
      },
      xAxis: { type: 'category' as const, data: months, boundaryGap: false },
      yAxis: {
        type: 'value' as const,
        axisLabel: { formatter: (v: number) => `${swedishNumber(v)}${unit}` },
      },
      series: series.map((s) => ({
        type: 'line' as const,
        name: s.name,
        data: s.values,
        connectNulls: false,
        symbol: s.dashed ? 'none' : 'circle',
        lineStyle: s.dashed ? { type: 'dashed' as const, width: 2 } : { width: 2 },
      })),
    }),
    [months, series, unit],
  );

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);

  return <div ref={ref} className="trend-chart" role="img" aria-label={label} />;
}
