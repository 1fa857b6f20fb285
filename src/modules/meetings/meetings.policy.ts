// Who may do what with 调度会 · 会商: the one place access to meetings, agendas and minutes is decided.
// The plan office (admin) schedules meetings, edits agendas, records and publishes minutes; department leaders read
// every meeting; a subdistrict (or any unit user without district reach) reads the meetings it attends and those
// where it owns a decision; enterprises and the public see nothing.
import { isGovernmentStaff } from '../../platform/auth/scope.ts';
import type { SessionUser } from '../../platform/auth/auth.contract.ts';

/** `read`: meetings, agendas, minutes and their document · `manage`: everything else (the plan office's). */
export type MeetingAction = 'read' | 'manage';

/** What a meeting says about who it concerns. */
export interface MeetingLike {
  attendeeUnitIds: string[];
  /** The units owning its decisions. */
  decisionOwnerIds: string[];
}

export function can(user: SessionUser | null, action: MeetingAction, meeting?: MeetingLike): boolean {
  if (!user) return false;
  switch (action) {
    case 'manage':
      return user.role === 'admin';
    case 'read':
      if (!isGovernmentStaff(user)) return false;
      if (!meeting || user.role === 'admin' || user.role === 'department') return true;
      return (
        !!user.unitId &&
        (meeting.attendeeUnitIds.includes(user.unitId) || meeting.decisionOwnerIds.includes(user.unitId))
      );
  }
}
