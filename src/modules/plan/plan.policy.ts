// Who may do what with the plan: the one place access to it is decided.
import type { SessionUser } from '../../platform/auth/auth.contract.ts';

/**
 * `read`: the plan, its targets, sections and key tasks with their units. The plan is a published government
 * document, so everyone reads it, the public included. Loading a new version is the command line's (`cli.ts plan
 * load`), run by whoever operates the deployment, not a route.
 */
export type PlanAction = 'read';

export function can(_user: SessionUser | null, action: PlanAction): boolean {
  switch (action) {
    case 'read':
      return true;
  }
}
