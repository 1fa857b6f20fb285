// Month arithmetic the pages need ('YYYY-MM' strings), kept tiny: the server's period.ts is server code.

/** Every month from `from` to `to`, both included: ('2025-12', '2026-02') → ['2025-12', '2026-01', '2026-02']. */
export function monthRange(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  if (!fy || !fm || !ty || !tm) return [];
  const out: string[] = [];
  for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (out.length > 600) break;
  }
  return out;
}

/** '2027-12-31' → '2027-12'. */
export const monthOf = (date: string) => date.slice(0, 7);
