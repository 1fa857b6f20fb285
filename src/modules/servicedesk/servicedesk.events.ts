// The events the service desk publishes, each in the transaction of its change. Notifications go out through
// notifications.requested; these are for modules that react (the supervision module issues a 督办单).
import { defineEvent } from '../../platform/events/events.ts';

/** Why a request is sent for supervision. */
export type SuperviseKind = 'overdue' | 'dissatisfied';

export interface SuperviseRequest {
  requestId: string;
  /** 2026-000123 */
  number: string;
  title: string;
  /** The handling unit the 督办单 is addressed to. */
  unitId: string;
  filedOn: string;
  /** The answer deadline (the item's due date); the filing day when none is known. */
  dueOn: string;
  kind: SuperviseKind;
  /** Why, in words (the notice's reason). */
  reason: string;
  /** What the request's record says, in words (the notice's evidence). */
  evidence: string;
}

/**
 * An overdue answer (the daily check) or a 不满意 rating: supervision issues a 督办单 on a work item that stands for
 * the request (supervision.serviceDesk.ts).
 */
export const superviseRequested = defineEvent<SuperviseRequest>('serviceDesk.superviseRequested');

/** The request was answered (or closed) after it was sent for supervision: its work item is done. */
export const superviseEnded = defineEvent<{ requestId: string; answeredOn: string }>(
  'serviceDesk.superviseEnded',
);
