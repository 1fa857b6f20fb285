// Who is asking: the signed-in user (with role and binding) or the anonymous public.
import type { FastifyRequest } from 'fastify';
import { AppError, forbidden } from '../http/errors.ts';
import type { SessionUser } from './auth.contract.ts';
import type { Actor } from '../audit/audit.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null for the public. Set by the session hook. */
    user: SessionUser | null;
    /** The district the request acts in: the user's, or the deployment's default for the public. */
    districtId: string;
  }
}

export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED');
  return req.user;
}

/**
 * A module's "signed in and allowed" check from its policy's `can`: the user when the action is allowed, 403 when it
 * is not, 401 when nobody is signed in.
 */
export function allowedBy<A>(can: (user: SessionUser, action: A) => boolean) {
  return (req: FastifyRequest, action: A): SessionUser => {
    const user = requireUser(req);
    if (!can(user, action)) throw forbidden();
    return user;
  };
}

export function actorOf(user: SessionUser): Actor {
  return { districtId: user.districtId, userId: user.id, label: `${user.displayName} (${user.username})` };
}
