// Month helpers the monitoring pages need ('YYYY-MM' strings), over platform/time's period arithmetic.
import { isPeriod, periodRange } from '@contracts/platform/time/period.ts';

/** Every month from `from` to `to`, both included: ('2025-12', '2026-02') → ['2025-12', '2026-01', '2026-02']. */
export function monthRange(from: string, to: string): string[] {
  return isPeriod(from) && isPeriod(to) ? periodRange(from, to) : [];
}

/** '2027-12-31' → '2027-12'. */
export const monthOf = (date: string) => date.slice(0, 7);
