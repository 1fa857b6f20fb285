// The domain events monitoring publishes (platform/events): other modules subscribe to them in their manifests.
import { defineEvent } from '../../platform/events/events.ts';
import type { RecomputeSummary } from './monitoring.store.ts';

/** A recompute committed: facts, results and snapshots are new; `worsened` lists targets whose status fell. */
export const recomputed = defineEvent<RecomputeSummary>('monitoring.recomputed');
