// A target's value by group (subdistrict, field, size band) as horizontal bars, largest first; a bar can be clicked.
import { Chart } from './Chart.tsx';
import type { ChartOption } from './echarts.ts';
import { axisFormatter, formatMeasure } from './measure.ts';

export interface BarRow {
  key: string;
  label: string;
  value: number | null;
  /** Withheld for the public (too few enterprises): drawn as "—". */
  suppressed: boolean;
}

interface ClickParam {
  dataIndex?: number;
}

export function BarBreakdown({
  rows,
  unit,
  lang,
  color,
  selectedKey,
  onSelect,
  suppressedText,
  label,
}: {
  rows: BarRow[];
  unit: string;
  lang: 'zh-CN' | 'en-US';
  color: string;
  selectedKey?: string | null;
  onSelect?: (key: string) => void;
  /** The label next to a withheld group's empty bar. */
  suppressedText: string;
  label: string;
}) {
  const axis = axisFormatter(lang);
  const option: ChartOption = {
    grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const i = (raw as ClickParam).dataIndex ?? 0;
        const r = rows[i];
        if (!r) return '';
        return `${r.label}<br/><b>${r.suppressed ? suppressedText : formatMeasure(r.value, unit, lang)}</b>`;
      },
    },
    xAxis: {
      type: 'value',
      axisLabel: { formatter: (v: number) => axis(v), hideOverlap: true },
      splitLine: { lineStyle: { color: '#f0f0f0' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.label),
      axisTick: { show: false },
      axisLabel: { width: 112, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        cursor: onSelect ? 'pointer' : 'default',
        data: rows.map((r) => ({
          value: r.suppressed ? 0 : r.value,
          itemStyle: {
            color: (r.value ?? 0) < 0 ? '#f5222d' : color,
            opacity: selectedKey && selectedKey !== r.key ? 0.45 : 1,
            borderRadius: 2,
          },
          label: {
            show: true,
            position: (r.value ?? 0) < 0 ? 'left' : 'right',
            color: r.suppressed ? '#8c8c8c' : '#434343',
            formatter: () => (r.suppressed ? `— ${suppressedText}` : formatMeasure(r.value, unit, lang)),
          },
        })),
      },
    ],
  };
  const onEvents = onSelect
    ? {
        click: (raw: unknown) => {
          const r = rows[(raw as ClickParam).dataIndex ?? -1];
          if (r && !r.suppressed) onSelect(r.key);
        },
      }
    : undefined;
  return (
    <Chart option={option} height={Math.max(140, rows.length * 30 + 40)} label={label} onEvents={onEvents} />
  );
}
