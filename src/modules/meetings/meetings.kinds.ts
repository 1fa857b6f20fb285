// The value lists of 调度会 · 会商, apart from the rules so the web app imports them.
/** 调度会 · 会商 · 专题会 */
export const meetingKinds = ['dispatch', 'consultation', 'topical'] as const;
export type MeetingKind = (typeof meetingKinds)[number];

/** planned → held (minutes recorded) → published (decisions became work items). */
export const meetingStates = ['planned', 'held', 'published'] as const;
export type MeetingState = (typeof meetingStates)[number];

/** Why an entry is on the agenda: red now, turned yellow since the last meeting, 需协调事项 in a report, by hand. */
export const agendaSources = ['red', 'newlyYellow', 'coordination', 'manual'] as const;
export type AgendaSource = (typeof agendaSources)[number];

export const meetingKindLabel: Record<MeetingKind, string> = {
  dispatch: '调度会',
  consultation: '会商',
  topical: '专题会',
};
