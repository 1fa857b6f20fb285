// Who is asking: the signed-in user (with role and binding) or the anonymous public.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.ts';
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

export function actorOf(user: SessionUser): Actor {
  return { districtId: user.districtId, userId: user.id, label: `${user.displayName} (${user.username})` };
}
