// One chart: echarts-for-react's core bound to our trimmed ECharts, sized by its box, labelled for screen readers.
import { useEffect, useRef, type CSSProperties } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { EChartsReactProps } from 'echarts-for-react/esm/types';
import { chartFont, echarts, type ChartOption } from './echarts.ts';

/** Chart events by name ('click' …); ECharts passes its own event object. */
export type ChartEvents = Record<string, (params: unknown) => void>;

/**
 * Options are rebuilt on every render (formatters are fresh closures), which echarts-for-react would take as a
 * change and redraw with animation. Their data, labels and styles decide what is drawn, so compare those (the
 * JSON leaves functions out) plus the accessible label, which carries the language.
 */
const labelOf = (props: EChartsReactProps) => (props as { 'data-label'?: string })['data-label'];
const changed = (prev: EChartsReactProps, next: EChartsReactProps) =>
  JSON.stringify(prev.option) !== JSON.stringify(next.option) || labelOf(prev) !== labelOf(next);

const fit = { width: 'auto', height: 'auto', animation: { duration: 0 } } as const;

export function Chart({
  option,
  height,
  label,
  onEvents,
  className,
  style,
}: {
  option: ChartOption;
  height: number;
  /** What the chart shows, for those who cannot see it (the figures are also in text nearby). */
  label: string;
  onEvents?: ChartEvents;
  className?: string;
  style?: CSSProperties;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReactEChartsCore>(null);

  // echarts-for-react sizes the chart once and skips the first resize it observes, so a layout that settles a
  // moment later (the page frame, a scrollbar, a card row reflowing) would leave the canvas at its first width:
  // follow the box ourselves
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let width = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth === width) return;
      width = el.clientWidth;
      chart.current?.getEchartsInstance()?.resize(fit);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      className={className}
      style={{ width: '100%', height, ...style }}
    >
      <ReactEChartsCore
        ref={chart}
        echarts={echarts}
        option={{ textStyle: { fontFamily: chartFont }, animationDuration: 400, ...option }}
        notMerge
        lazyUpdate
        autoResize={false}
        shouldSetOption={changed}
        data-label={label}
        style={{ width: '100%', height }}
        onEvents={onEvents}
        opts={{ renderer: 'canvas' }}
        onChartReady={(instance) => instance.resize(fit)}
      />
    </div>
  );
}
