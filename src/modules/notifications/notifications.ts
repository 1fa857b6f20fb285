// Notification values and message wording (pure): recipients, categories, the text an e-mail or SMS carries.

/** Whose inbox: one user, a unit's users, an enterprise's users, a carrier operator's users. */
export const recipientKinds = ['user', 'unit', 'enterprise', 'operator'] as const;
export type RecipientKind = (typeof recipientKinds)[number];
/** Whose inbox: one user, every user of a unit (department, subdistrict, the plan office), every user of an enterprise. */
export interface Recipient {
  kind: RecipientKind;
  id: string;
}

/** alert: an indicator off its target (to the owning unit) · reminder: a report not yet filed (to an enterprise) · system. */
export const notificationCategories = ['alert', 'reminder', 'system'] as const;
export type NotificationCategory = (typeof notificationCategories)[number];

export interface NotificationInput {
  recipient: Recipient;
  category: NotificationCategory;
  /** Chinese text, shown as is. */
  title: string;
  body: string;
  /** A path in the web app, e.g. '/monitoring/targets/newEmployees'. */
  link?: string | null;
  data?: unknown;
  /** Same key, same recipient: one notification however often the job that sends it runs. */
  dedupeKey?: string | null;
}

export type Channel = 'email' | 'sms';

export interface OutgoingMessage {
  /** An address or phone number. */
  to: string;
  subject: string;
  text: string;
  /** The text carries a credential (an initial password): adapters must not log or store it. */
  sensitive?: boolean;
}

const SIGNATURE = '【满天星】';

/** The wording of a notification on a channel; `baseUrl` turns its link into an address people can open. */
export function messageFor(
  n: Pick<NotificationInput, 'title' | 'body' | 'link'>,
  channel: Channel,
  to: string,
  baseUrl?: string,
): OutgoingMessage {
  const url = n.link && baseUrl ? `${baseUrl.replace(/\/+$/, '')}${n.link}` : undefined;
  if (channel === 'sms') {
    // SMS gateways in China require the signature in brackets at the start.
    return { to, subject: n.title, text: `${SIGNATURE}${n.title}：${n.body}${url ? ` ${url}` : ''}` };
  }
  return { to, subject: `${SIGNATURE}${n.title}`, text: `${n.body}${url ? `\n\n查看详情：${url}` : ''}` };
}
