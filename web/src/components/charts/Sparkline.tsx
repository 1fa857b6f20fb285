// A small line of a monthly series, no axes: the shape of the trend at a glance. Plain SVG, no ECharts: the
// overview (public dashboard included) draws nine of these on its first load (docs/performance.md).

/** The padding around the line, in px (as the chart's grid had it). */
const pad = { left: 2, right: 6, top: 6, bottom: 4 };

/** Runs of consecutive values (a null breaks the line), as [index, value] points. */
function runs(values: (number | null)[]): [number, number][][] {
  const out: [number, number][][] = [];
  let run: [number, number][] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) out.push(run);
      run = [];
    } else run.push([i, v]);
  });
  if (run.length) out.push(run);
  return out;
}

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
  const present = values.filter((v): v is number => v !== null);
  const min = Math.min(...present);
  const max = Math.max(...present);
  const span = max - min || 1;
  const inner = height - pad.top - pad.bottom;
  // x in 0..100 (the viewBox is stretched to the box's width; strokes keep their width), y in px
  const x = (i: number) => (values.length > 1 ? (i / (values.length - 1)) * 100 : 50);
  const y = (v: number) => pad.top + (max === min ? inner / 2 : inner - ((v - min) / span) * inner);
  const last = values.reduce<number>((acc, v, i) => (v === null ? acc : i), -1);
  const lastValue = last >= 0 ? values[last] : null;
  const bottom = height - pad.bottom;
  return (
    <div
      role="img"
      aria-label={label}
      className="mtx-sparkline"
      style={{ position: 'relative', height, paddingLeft: pad.left, paddingRight: pad.right }}
    >
      <div style={{ position: 'relative', height }}>
        <svg
          width="100%"
          height={height}
          viewBox={`0 0 100 ${height}`}
          preserveAspectRatio="none"
          aria-hidden="true"
          style={{ display: 'block', overflow: 'visible' }}
        >
          {runs(values).map((run) => {
            const line = run.map(([i, v]) => `${x(i)},${y(v)}`).join(' L');
            const first = run[0]!;
            const end = run[run.length - 1]!;
            return (
              <g key={first[0]}>
                <path
                  d={`M${x(first[0])},${bottom} L${line} L${x(end[0])},${bottom} Z`}
                  fill={color}
                  fillOpacity={0.12}
                  stroke="none"
                />
                <path
                  d={`M${line}`}
                  fill="none"
                  stroke={color}
                  strokeWidth={2}
                  strokeLinejoin="round"
                  vectorEffect="non-scaling-stroke"
                />
              </g>
            );
          })}
        </svg>
        {lastValue !== null && lastValue !== undefined && (
          <span
            aria-hidden="true"
            style={{
              position: 'absolute',
              left: `${x(last)}%`,
              top: y(lastValue),
              width: 6,
              height: 6,
              marginLeft: -3,
              marginTop: -3,
              borderRadius: '50%',
              background: color,
            }}
          />
        )}
      </div>
    </div>
  );
}
