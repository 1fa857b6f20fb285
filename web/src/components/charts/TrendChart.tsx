// A target's monthly series against its goal: the goal line, the straight on-plan path from the start to the goal,
// and the trend from the latest point to the deadline with its prediction interval drawn as a shaded cone.
import { Chart } from './Chart.tsx';
import type { ChartOption } from './echarts.ts';
import { axisFormatter, formatMeasure } from './measure.ts';

export interface TrendChartProps {
  /** The months of the x axis, baseline to deadline ('2025-12' … '2027-12'). */
  months: string[];
  /** Actual values by month; months not listed have no value. */
  values: Map<string, number | null>;
  /** Colour of each actual point (by its status), when known. */
  pointColors?: Map<string, string>;
  goal: number;
  /** The path's start: 0 for growth targets, the baseline value for levels; null = no path. */
  start: number | null;
  /** The month the projection starts from and the value there. */
  at: string | null;
  atValue: number | null;
  projection: { value: number; low: number; high: number; level: number } | null;
  /** Colour of the trend and its cone (the status colour). */
  trendColor: string;
  unit: string;
  lang: 'zh-CN' | 'en-US';
  /** A growth target's axis starts at 0; a level's axis fits its values. */
  fromZero: boolean;
  texts: { actual: string; path: string; trend: string; interval: string; goal: string; unitName: string };
  label: string;
  height?: number;
  compact?: boolean;
}

interface AxisParam {
  dataIndex: number;
}

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

export function TrendChart(p: TrendChartProps) {
  const n = p.months.length;
  const last = n - 1;
  const actual = p.months.map((m) => p.values.get(m) ?? null);
  const path = p.months.map((_, i) => (p.start === null ? null : lerp(p.start, p.goal, i / last)));

  // the cone: straight from the point at `at` to the interval at the deadline (the interval's width is drawn
  // growing linearly; the exact one grows with the distance from the data, which this approximates)
  const from = p.at ? p.months.indexOf(p.at) : -1;
  const cone = p.projection && from >= 0 && from < last && p.atValue !== null ? p.projection : null;
  const span = last - from;
  const trend: (number | null)[] = [];
  const low: (number | null)[] = [];
  const band: (number | null)[] = [];
  const high: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    if (!cone || i < from || p.atValue === null) {
      trend.push(null);
      low.push(null);
      band.push(null);
      high.push(null);
      continue;
    }
    const t = (i - from) / span;
    const lo = lerp(p.atValue, cone.low, t);
    const hi = lerp(p.atValue, cone.high, t);
    trend.push(lerp(p.atValue, cone.value, t));
    low.push(lo);
    band.push(hi - lo);
    high.push(hi);
  }

  const hasData = actual.some((v) => v !== null) || path.some((v) => v !== null);
  const fmt = (v: number | null) => formatMeasure(v, p.unit, p.lang);
  const axis = axisFormatter(p.lang);
  const tooltipLine = (color: string, name: string, value: string) =>
    `<div style="display:flex;justify-content:space-between;gap:16px"><span>` +
    `<span style="display:inline-block;width:8px;height:8px;border-radius:4px;background:${color};margin-right:6px"></span>` +
    `${name}</span><b>${value}</b></div>`;

  const option: ChartOption = {
    grid: { left: 8, right: p.compact ? 12 : 24, top: p.compact ? 64 : 48, bottom: 8, containLabel: true },
    legend: {
      top: 0,
      left: 0,
      itemWidth: 18,
      itemHeight: 10,
      textStyle: { fontSize: 12 },
      data: [p.texts.actual, p.texts.path, ...(cone ? [p.texts.trend, p.texts.interval] : [])],
    },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (raw: unknown) => {
        const params = (Array.isArray(raw) ? raw : [raw]) as AxisParam[];
        const i = params[0]?.dataIndex ?? 0;
        const rows = [`<div style="font-weight:600;margin-bottom:4px">${p.months[i] ?? ''}</div>`];
        if (actual[i] !== null) rows.push(tooltipLine('#1d39c4', p.texts.actual, fmt(actual[i] ?? null)));
        if (path[i] !== null) rows.push(tooltipLine('#8c8c8c', p.texts.path, fmt(path[i] ?? null)));
        if (trend[i] !== null && i > from) {
          rows.push(tooltipLine(p.trendColor, p.texts.trend, fmt(trend[i] ?? null)));
          rows.push(
            tooltipLine(p.trendColor, p.texts.interval, `${fmt(low[i] ?? null)} – ${fmt(high[i] ?? null)}`),
          );
        }
        return rows.join('');
      },
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: p.months,
      // the first and last month sit on the grid's edges: keep their labels inside
      axisLabel: { hideOverlap: true, alignMinLabel: 'left', alignMaxLabel: 'right' },
    },
    yAxis: {
      type: 'value',
      name: p.texts.unitName,
      nameTextStyle: { align: 'left', padding: [0, 0, 0, -4] },
      scale: !p.fromZero,
      // without data the axis would have no range; without a path it might stop below the goal line
      min: p.fromZero || !hasData ? 0 : undefined,
      max: p.start === null ? (extent: { max: number }) => Math.max(extent.max, p.goal) : undefined,
      axisLabel: { formatter: (v: number) => axis(v) },
      splitLine: { lineStyle: { color: '#f0f0f0' } },
    },
    series: [
      {
        id: 'path',
        name: p.texts.path,
        type: 'line',
        data: path,
        showSymbol: false,
        lineStyle: { color: '#8c8c8c', type: 'dashed', width: 1.5 },
        itemStyle: { color: '#8c8c8c' },
        z: 1,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#d48806', type: 'solid', width: 1.5 },
          label: { formatter: p.texts.goal, position: 'insideEndTop', color: '#ad6800', fontWeight: 600 },
          data: [{ yAxis: p.goal }],
        },
      },
      {
        id: 'low',
        type: 'line',
        stack: 'cone',
        data: low,
        showSymbol: false,
        silent: true,
        lineStyle: { opacity: 0 },
        tooltip: { show: false },
      },
      {
        id: 'band',
        name: p.texts.interval,
        type: 'line',
        stack: 'cone',
        data: band,
        showSymbol: false,
        silent: true,
        lineStyle: { opacity: 0 },
        itemStyle: { color: p.trendColor },
        areaStyle: { color: p.trendColor, opacity: 0.16 },
      },
      {
        id: 'trend',
        name: p.texts.trend,
        type: 'line',
        data: trend,
        showSymbol: false,
        lineStyle: { color: p.trendColor, type: 'dashed', width: 2 },
        itemStyle: { color: p.trendColor },
        z: 3,
      },
      {
        id: 'actual',
        name: p.texts.actual,
        type: 'line',
        data: p.months.map((m, i) => ({
          value: actual[i] ?? null,
          itemStyle: { color: p.pointColors?.get(m) ?? '#1d39c4' },
        })),
        symbol: 'circle',
        symbolSize: 7,
        showSymbol: true,
        lineStyle: { color: '#1d39c4', width: 2.5 },
        itemStyle: { color: '#1d39c4' },
        z: 4,
        markLine: p.at
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { color: '#bfbfbf', type: 'dotted' },
              label: { show: false },
              data: [{ xAxis: p.at }],
            }
          : undefined,
      },
    ],
  };
  return <Chart option={option} height={p.height ?? 340} label={p.label} />;
}
