// The value lists of 督查督办 (kinds, sources, states, colours), apart from the rules so the web app imports them
// without the working-day calendar's data.
/** milestone: done or not by a date · recurring: an action every period · quantity: a count towards a goal. */
export const itemKinds = ['milestone', 'recurring', 'quantity'] as const;
export type ItemKind = (typeof itemKinds)[number];

/**
 * Where an item comes from: the breakdown of a key task, a dispatch meeting's decision, a leader's 批示, or an
 * enterprise's request (企业诉求) the service desk sent for supervision (overdue or dissatisfied).
 */
export const itemSources = ['task', 'meeting', 'instruction', 'serviceRequest'] as const;
export type ItemSource = (typeof itemSources)[number];

export const itemStates = ['open', 'done', 'cancelled'] as const;
export type ItemState = (typeof itemStates)[number];

export const reportStates = ['submitted', 'returned', 'accepted'] as const;
export type ReportState = (typeof reportStates)[number];

export const colours = ['green', 'yellow', 'red'] as const;
export type Colour = (typeof colours)[number];

/** What a unit says of its own item: 正常推进 · 存在风险 · 滞后 · 已完成. */
export const declaredStatuses = ['onTrack', 'atRisk', 'behind', 'done'] as const;
export type DeclaredStatus = (typeof declaredStatuses)[number];

export const noticeLevels = ['blue', 'yellow', 'red'] as const;
export type NoticeLevel = (typeof noticeLevels)[number];
/**
 * issued → acknowledged (签收) → responded (整改情况) → closed (销号, the plan office's); `escalated`: superseded by
 * the next level's notice (which links back to it).
 */
export const noticeStates = ['issued', 'acknowledged', 'responded', 'closed', 'escalated'] as const;
export type NoticeState = (typeof noticeStates)[number];
/** The states of a notice still in force (the item's current rung). */
export const openNoticeStates: readonly NoticeState[] = ['issued', 'acknowledged', 'responded'];
