// What route declarations share: the `:id` path parameter and the error bodies a route may answer with.
import { z } from 'zod';
import { errorBodySchema, idSchema } from './common.contract.ts';

export const idParams = z.object({ id: idSchema });

/** `errorResponses(401, 403)` is `{ 401: errorBodySchema, 403: errorBodySchema }`, for a route's `response`. */
export function errorResponses<const C extends number>(...codes: C[]): Record<C, typeof errorBodySchema> {
  return Object.fromEntries(codes.map((code) => [code, errorBodySchema])) as Record<
    C,
    typeof errorBodySchema
  >;
}
