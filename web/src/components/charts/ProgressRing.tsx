// A ring showing the share of the way to a goal, with a tick where the share of time elapsed stands. Plain SVG, no
// ECharts: the overview (public dashboard included) draws nine of these on its first load (docs/performance.md).

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

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
  const c = size / 2;
  const outer = size * 0.47;
  const band = Math.max(6, Math.round(size / 11));
  const r = outer - band / 2;
  const circumference = 2 * Math.PI * r;
  const share = clamp01(progress ?? 0);
  const tick = elapsed === null ? null : clamp01(elapsed) * 360;
  return (
    <div
      role="img"
      aria-label={label}
      className="mtx-ring"
      style={{ width: size, height: size, flex: 'none' }}
    >
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true">
        <circle cx={c} cy={c} r={r} fill="none" stroke="#f0f0f0" strokeWidth={band} />
        {/* no bar at all without a value or below zero (a round cap would still draw a dot) */}
        {progress !== null && progress > 0 && (
          <circle
            cx={c}
            cy={c}
            r={r}
            fill="none"
            stroke={color}
            strokeWidth={band}
            strokeLinecap={share >= 1 ? 'butt' : 'round'}
            strokeDasharray={`${share * circumference} ${circumference}`}
            transform={`rotate(-90 ${c} ${c})`}
          />
        )}
        {tick !== null && (
          <line
            x1={c}
            y1={c - (outer - band - 2)}
            x2={c}
            y2={c - (outer + 2)}
            stroke="#434343"
            strokeWidth={2}
            transform={`rotate(${tick} ${c} ${c})`}
          />
        )}
        <text
          x={c}
          y={c}
          textAnchor="middle"
          dominantBaseline="central"
          fontSize={Math.round(size / 6)}
          fontWeight={600}
          fill="#262626"
        >
          {text}
        </text>
      </svg>
    </div>
  );
}
