// The basis of a batch read from the database: the policy version it was run under and the district's names for the
// rule's words (subdistricts, buildings, tiers); the words themselves are grants.basis.ts (pure).
import type { Queryable } from '../../platform/db/db.ts';
import { monitoringSettings } from '../plan/plan.store.ts';
import { compileContext } from '../policies/context.store.ts';
import { definitionAt } from '../policies/policies.store.ts';
import type { GrantBatch, NoticeBasis } from './grants.contract.ts';
import { noticeBasis } from './grants.basis.ts';

export async function batchBasis(
  db: Queryable,
  districtId: string,
  batch: Pick<GrantBatch, 'policyId' | 'policyVersion' | 'period' | 'parameters'>,
): Promise<NoticeBasis> {
  const [def, ctx, settings] = await Promise.all([
    definitionAt(db, districtId, batch.policyId, batch.policyVersion),
    compileContext(db, districtId),
    monitoringSettings(db, districtId),
  ]);
  const tiers = new Map(Object.entries(settings.tiers).map(([k, t]) => [k, t.name]));
  return noticeBasis(def, batch, {
    subdistricts: ctx.names.subdistricts,
    buildings: ctx.names.buildings,
    tiers,
  });
}
