// A ring showing the share of the way to a goal, with a tick where the share of time elapsed stands.
import { Chart } from './Chart.tsx';
import type { ChartOption } from './echarts.ts';

export function ProgressRing({
  progress,
  elapsed,
  color,
  text,
  label,
  size = 96,
}: {
  /** Share of the way to the goal (may exceed 1 or be negative; the ring shows 0..1, the text the real value). */
  progress: number | null;
  /** Share of the plan's time gone, 0..1: the tick the ring should have reached to be on plan. */
  elapsed: number | null;
  color: string;
  /** Text in the middle, e.g. "32.1%". */
  text: string;
  label: string;
  size?: number;
}) {
  const ring = { startAngle: 90, endAngle: -270, min: 0, max: 1, radius: '94%', center: ['50%', '50%'] };
  const width = Math.max(6, Math.round(size / 11));
  const hidden = {
    splitLine: { show: false },
    axisTick: { show: false },
    axisLabel: { show: false },
    title: { show: false },
  };
  const option: ChartOption = {
    animation: false,
    series: [
      {
        type: 'gauge',
        ...ring,
        ...hidden,
        pointer: { show: false },
        // no bar at all without a value or below zero (a round cap would still draw a dot)
        progress: { show: progress !== null && progress > 0, roundCap: true, width, itemStyle: { color } },
        axisLine: { roundCap: true, lineStyle: { width, color: [[1, '#f0f0f0']] } },
        detail: {
          offsetCenter: [0, 0],
          formatter: () => text,
          fontSize: Math.round(size / 6),
          fontWeight: 600,
          color: '#262626',
        },
        data: [{ value: Math.min(1, Math.max(0, progress ?? 0)) }],
        silent: true,
      },
      ...(elapsed === null
        ? []
        : [
            {
              type: 'gauge' as const,
              ...ring,
              ...hidden,
              axisLine: { show: false },
              progress: { show: false },
              detail: { show: false },
              anchor: { show: false },
              pointer: {
                show: true,
                icon: 'rect',
                width: 2,
                // from just inside the band to its outer edge (px; the ring's radius is 47% of the size)
                length: width + 4,
                offsetCenter: [0, -(size * 0.47 - width - 2)],
                itemStyle: { color: '#434343' },
              },
              data: [{ value: Math.min(1, Math.max(0, elapsed)) }],
              silent: true,
            },
          ]),
    ],
  };
  return <Chart option={option} height={size} label={label} style={{ width: size }} />;
}
