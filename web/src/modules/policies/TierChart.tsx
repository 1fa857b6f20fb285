// A tier's members per month as a small line with its months along the bottom.
import { Chart } from '../../components/charts/Chart.tsx';
import type { ChartOption } from '../../components/charts/echarts.ts';

export function TierChart({
  series,
  color,
  label,
  height = 90,
}: {
  series: readonly { month: string; members: number }[];
  color: string;
  label: string;
  height?: number;
}) {
  const option: ChartOption = {
    animation: false,
    grid: { left: 4, right: 8, top: 8, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: series.map((p) => p.month),
      axisLabel: { fontSize: 10, hideOverlap: true },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      splitNumber: 2,
      axisLabel: { fontSize: 10 },
      splitLine: { lineStyle: { color: '#f0f0f0' } },
    },
    series: [
      {
        type: 'line',
        name: label,
        showSymbol: series.length <= 1,
        lineStyle: { color, width: 2 },
        itemStyle: { color },
        areaStyle: { color, opacity: 0.1 },
        data: series.map((p) => p.members),
      },
    ],
  };
  return <Chart option={option} height={height} label={label} />;
}
