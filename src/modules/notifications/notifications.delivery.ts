// Sending notifications beyond the inbox: e-mail and SMS adapters behind one interface, contacts resolved by a function.
import type { Queryable } from '../../platform/db/db.ts';
import {
  messageFor,
  type Channel,
  type NotificationInput,
  type OutgoingMessage,
  type Recipient,
} from './notifications.ts';
import { notify } from './notifications.store.ts';

export interface DeliveryAdapter {
  channel: Channel;
  send(message: OutgoingMessage): Promise<void>;
}

/** The part of a logger delivery uses; Fastify's (pino) logger fits. */
export interface DeliveryLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** The default adapter: writes what would be sent to the log (no gateway is configured yet). */
export class LoggingDeliveryAdapter implements DeliveryAdapter {
  constructor(
    private readonly logger: DeliveryLogger,
    readonly channel: Channel = 'email',
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    this.logger.info(
      {
        channel: this.channel,
        to: message.to,
        subject: message.subject,
        // A credential never reaches the log: only that it was sent.
        text: message.sensitive ? '[withheld: carries a credential]' : message.text,
      },
      'notification delivered (logged only)',
    );
  }
}

export interface Contact {
  channel: Channel;
  /** An e-mail address or a phone number. */
  to: string;
}

/** Where a recipient can be reached; accounts hold no contact details yet, so the caller decides. */
export type ContactResolver = (districtId: string, recipient: Recipient) => Promise<Contact[]>;

export const noContacts: ContactResolver = async () => [];

export interface DeliveryOptions {
  adapters: DeliveryAdapter[];
  contactsOf: ContactResolver;
  logger: DeliveryLogger;
  /** The web app's address, to turn links into URLs; without it messages carry no link. */
  baseUrl?: string;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/**
 * Sends a notification to each of its recipient's contacts through the adapter of that channel. A failed send is
 * logged and counted, never thrown: the inbox already holds the notification, delivery is a courtesy on top.
 */
export async function deliver(
  districtId: string,
  n: Pick<NotificationInput, 'recipient' | 'title' | 'body' | 'link'>,
  opts: DeliveryOptions,
  sensitive = false,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0 };
  let contacts: Contact[];
  try {
    contacts = await opts.contactsOf(districtId, n.recipient);
  } catch (err) {
    opts.logger.warn(
      { err, districtId, recipient: n.recipient },
      'notification contacts could not be resolved',
    );
    return report;
  }
  for (const contact of contacts) {
    const adapters = opts.adapters.filter((a) => a.channel === contact.channel);
    for (const adapter of adapters) {
      try {
        const message = messageFor(n, contact.channel, contact.to, opts.baseUrl);
        await adapter.send(sensitive ? { ...message, sensitive: true } : message);
        report.sent++;
      } catch (err) {
        report.failed++;
        opts.logger.warn(
          { err, districtId, channel: contact.channel, recipient: n.recipient },
          'notification delivery failed',
        );
      }
    }
  }
  return report;
}

/**
 * Sends a message that carries a credential (an initial password) straight through the adapters — never through the
 * inbox or the event outbox, so the secret is stored nowhere — marked `sensitive` so adapters do not log its text.
 * Returns how many messages the adapters accepted (0 when the recipient has no contact or every send failed).
 */
export async function deliverCredential(
  districtId: string,
  n: Pick<NotificationInput, 'recipient' | 'title' | 'body' | 'link'>,
  opts: DeliveryOptions,
): Promise<DeliveryReport> {
  return deliver(districtId, n, opts, true);
}

/** Whether a recipient has at least one contact an adapter can reach (an initial password can be delivered). */
export async function reachable(
  districtId: string,
  recipient: Recipient,
  opts: DeliveryOptions,
): Promise<boolean> {
  const contacts = await opts.contactsOf(districtId, recipient).catch(() => []);
  return contacts.some((c) => opts.adapters.some((a) => a.channel === c.channel));
}

/** Puts a notification in the inbox and, only when it is new, delivers it: a re-run job neither duplicates nor re-sends. */
export async function notifyAndDeliver(
  db: Queryable,
  districtId: string,
  input: NotificationInput,
  opts: DeliveryOptions,
): Promise<{ id: string; created: boolean; delivery: DeliveryReport }> {
  const stored = await notify(db, districtId, input);
  const delivery = stored.created ? await deliver(districtId, input, opts) : { sent: 0, failed: 0 };
  return { ...stored, delivery };
}
