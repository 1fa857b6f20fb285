// Who sees which 调度会 pages in the web app — mirrors the server's meetings.policy.ts (the server decides).
import type { Role, SessionUser } from '@contracts/platform/auth/auth.contract.ts';

/** Government roles read meetings (a subdistrict those it attends or owns a decision of). */
export const meetingRoles: readonly Role[] = ['admin', 'department', 'subdistrict'];

export const mayViewMeetings = (user: SessionUser | null) => !!user && meetingRoles.includes(user.role);

/** Scheduling, agendas, minutes and publishing: the plan office. */
export const mayManageMeetings = (user: SessionUser | null) => user?.role === 'admin';
