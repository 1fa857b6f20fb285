// HTTP for the global search: GET /api/search?q= — each kind as far as the user's access reaches.
import type { TypedApp } from '../../platform/http/app.ts';
import type { Db } from '../../platform/db/db.ts';
import { errorResponses } from '../../platform/http/routes.ts';
import { allowedBy } from '../../platform/auth/principal.ts';
import { searchQuerySchema, searchResultSchema } from './search.contract.ts';
import { can, searchableKinds, searchEnterpriseScope } from './search.policy.ts';
import { search } from './search.ts';

const allowed = allowedBy(can);

export function registerSearchRoutes(app: TypedApp, { db }: { db: Db }): void {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary:
          'Search enterprises (name or USCC), policies, key tasks and units at once, within what the user may see',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const user = allowed(req, 'search');
      const { q, limit } = req.query;
      const items = await search(
        db,
        user.districtId,
        q,
        limit,
        searchableKinds(user),
        searchEnterpriseScope(user),
      );
      return { q, items };
    },
  );
}
