// When each demo enterprise came to the district and, if it is gone, when it left (docs/demo-district.md, "Monthly
// reports"). Pure and seeded like reports.ts, which re-exports it.
import { type DemoEnterprise } from './demo.ts';
import { dateOfDayNumber as isoOf, dayNumberOf as dayOf } from '../../platform/time/date.ts';
import { mix32, mulberry32 } from './prng.ts';

export interface DemoSettlement {
  /** 'YYYY-MM-DD': the day the enterprise came to the district (its registration day for most). */
  settledOn: string;
  /** 'YYYY-MM-DD': the day a moved-out or closed enterprise left; null while it is here. */
  leftOn: string | null;
}

/**
 * Firms that settled in the district after registering elsewhere, 3 months to 4 years later. 19 % draw a
 * move, but a move that would fall after asOf is dropped (the firm registered here), leaving ~15 %.
 */
const MOVED_IN_RATE = 0.19;
const MOVED_IN_MIN_DAYS = 90;
const MOVED_IN_MAX_DAYS = 4 * 365;
/** Moved-out and closed firms leave between this day and asOf. */
const LEAVE_FROM = '2025-01-01';

/** The settlement stream's salt: its own stream, so the reports' draws never shift it. */
const SETTLEMENT_SALT = 0x5e771e;

/**
 * When the enterprise came to the district and, if it is gone, when it left. Most settled on their
 * registration day; ~15 % moved in from elsewhere 3 months to 4 years after registering (never after
 * asOf). Moved-out and closed firms left between 2025-01-01 (or, if later, two months after settling)
 * and asOf. Deterministic in (seed, index); `asOf` must be the district's (DemoDistrictOptions.asOf).
 */
export function settlementOf(
  enterprise: Pick<DemoEnterprise, 'registrationDate' | 'status'>,
  index: number,
  seed: number,
  asOf: string,
): DemoSettlement {
  const reg = dayOf(enterprise.registrationDate);
  const end = dayOf(asOf);
  if (Number.isNaN(reg)) throw new RangeError(`bad registrationDate ${enterprise.registrationDate}`);
  if (Number.isNaN(end)) throw new RangeError(`asOf must be a date YYYY-MM-DD: ${asOf}`);
  if (reg > end) throw new RangeError(`registered on ${enterprise.registrationDate}, after asOf ${asOf}`);
  const rng = mulberry32(mix32(mix32(Math.trunc(seed) >>> 0, SETTLEMENT_SALT), index));
  const leaves = enterprise.status !== 'active';

  // the lag is drawn without regard to asOf: a firm whose move would fall after asOf registered here
  // instead, so moved-in firms do not pile up just before asOf
  const movedIn = rng() < MOVED_IN_RATE;
  const lag = MOVED_IN_MIN_DAYS + Math.floor(rng() * (MOVED_IN_MAX_DAYS - MOVED_IN_MIN_DAYS + 1));
  // a firm that leaves needs time here before it goes
  const settled = movedIn && reg + lag <= end - (leaves ? 120 : 0) ? reg + lag : reg;

  let leftOn: string | null = null;
  if (leaves) {
    const lo = Math.min(end, Math.max(Math.min(dayOf(LEAVE_FROM), end), settled + 61));
    leftOn = isoOf(lo + Math.floor(rng() * (end - lo + 1)));
  }
  return { settledOn: isoOf(settled), leftOn };
}
