// A small line of a monthly series, no axes: the shape of the trend at a glance.
import { Chart } from './Chart.tsx';
import type { ChartOption } from './echarts.ts';

export function Sparkline({
  values,
  color,
  label,
  height = 40,
}: {
  values: (number | null)[];
  color: string;
  label: string;
  height?: number;
}) {
  const last = values.reduce<number>((acc, v, i) => (v === null ? acc : i), -1);
  const option: ChartOption = {
    animation: false,
    grid: { left: 2, right: 6, top: 6, bottom: 4 },
    xAxis: { type: 'category', show: false, boundaryGap: false, data: values.map((_, i) => i) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        silent: true,
        connectNulls: false,
        showSymbol: false,
        lineStyle: { color, width: 2 },
        areaStyle: { color, opacity: 0.12, origin: 'start' },
        data: values.map((v, i) =>
          i === last ? { value: v, symbol: 'circle', symbolSize: 6, itemStyle: { color } } : v,
        ),
      },
    ],
  };
  return <Chart option={option} height={height} label={label} />;
}
