// The domain event through which any module notifies (platform/events): published in the transaction of the change
// the notifications are about, written to the inbox (and delivered) by the notifications module's subscription.
import { defineEvent } from '../../platform/events/events.ts';
import type { NotificationInput } from './notifications.ts';

export interface NotificationsRequest {
  notifications: NotificationInput[];
  /** Also send each new one through the delivery adapters (e-mail, SMS); default: the inbox only. */
  deliver?: boolean;
}

/** Notifications to put in their recipients' inboxes, once each (dedupe keys make a repeated delivery harmless). */
export const notificationsRequested = defineEvent<NotificationsRequest>('notifications.requested');
