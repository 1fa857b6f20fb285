// Pure rules about an enterprise record shared by its routes and imports.
import type { Enterprise, EnterpriseValues } from './enterprises.contract.ts';

/**
 * The attributes an edit would change that are the government's to keep (everything but selfEditableKeys): what
 * refuses an enterprise user's edit of its own record, path by path.
 */
export function lockedChanges(current: Enterprise, body: EnterpriseValues): string[] {
  const locked = {
    uscc: current.uscc,
    name: current.name,
    registrationDate: current.registrationDate,
    subdistrictId: current.subdistrict.id,
    aboveScale: current.aboveScale,
    status: current.status,
    settledOn: current.settledOn,
    leftOn: current.leftOn,
    honours: current.honours,
  };
  // A null settledOn means "the registration date", as it is stored.
  const asStored = { ...body, settledOn: body.settledOn ?? body.registrationDate };
  return Object.entries(locked)
    .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(asStored[k as keyof EnterpriseValues]))
    .map(([k]) => k);
}
