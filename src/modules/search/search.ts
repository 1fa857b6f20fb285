// The global search: asks each owning module's store for its part (no SQL here) and merges the hits.
import type { Queryable } from '../../platform/db/db.ts';
import type { Scope } from '../../platform/auth/scope.ts';
import { listEnterprises } from '../enterprises/enterprises.store.ts';
import { enterpriseListQuerySchema } from '../enterprises/enterprises.contract.ts';
import { listPolicies } from '../policies/policies.store.ts';
import { loadPlanView } from '../plan/plan.store.ts';
import type { SearchHit, SearchKind } from './search.contract.ts';

const unitKindZh: Record<string, string> = {
  department: '区级部门',
  subdistrict: '镇街',
  stateGroup: '区属国企',
  office: '计划办公室',
  collective: '单位集合',
};

/** Case-insensitive substring match of `q` in any of `texts`. */
export const matches = (q: string, ...texts: (string | null | undefined)[]): boolean => {
  const needle = q.toLocaleLowerCase();
  return texts.some((t) => !!t && t.toLocaleLowerCase().includes(needle));
};

/** A key task's number from a query such as "12", "任务12" or "第12项" (null when the query names none). */
export function taskNumberOf(q: string): number | null {
  const m = /^(?:任务|第)?\s*(\d{1,3})\s*(?:项|号)?$/.exec(q.trim());
  return m ? Number(m[1]) : null;
}

export async function search(
  db: Queryable,
  districtId: string,
  q: string,
  limit: number,
  kinds: readonly SearchKind[],
  enterpriseScope: Scope,
): Promise<SearchHit[]> {
  const wants = (k: SearchKind) => kinds.includes(k);
  const [enterprisePage, policies, view] = await Promise.all([
    wants('enterprise')
      ? listEnterprises(
          db,
          districtId,
          enterpriseScope,
          enterpriseListQuerySchema.parse({ q, pageSize: limit }),
        )
      : null,
    wants('policy') ? listPolicies(db, districtId) : null,
    wants('task') || wants('unit') ? loadPlanView(db, districtId) : null,
  ]);
  const hits: SearchHit[] = [];
  for (const e of enterprisePage?.items ?? []) {
    hits.push({
      kind: 'enterprise',
      id: e.id,
      title: e.name,
      titleEn: null,
      detail: `${e.uscc} · ${e.subdistrict.name}`,
      link: `/enterprises/${e.id}`,
    });
  }
  for (const p of (policies ?? []).filter((x) => matches(q, x.name, x.nameEn, x.code)).slice(0, limit)) {
    hits.push({
      kind: 'policy',
      id: p.id,
      title: p.name,
      titleEn: p.nameEn || null,
      detail: p.code,
      link: `/policies/${p.id}`,
    });
  }
  if (view && wants('task')) {
    const n = taskNumberOf(q);
    const found = view.index.tasks.filter((t) => t.number === n || matches(q, t.title, t.titleEn));
    for (const t of found.slice(0, limit)) {
      hits.push({
        kind: 'task',
        id: String(t.number),
        title: t.title,
        titleEn: t.titleEn,
        detail: `重点任务 ${t.number}`,
        link: `/plan/tasks/${t.number}`,
      });
    }
  }
  if (view && wants('unit')) {
    const found = view.index.units.filter((u) => matches(q, u.name, u.nameEn, u.code));
    for (const u of found.slice(0, limit)) {
      hits.push({
        kind: 'unit',
        id: u.id,
        title: u.name,
        titleEn: u.nameEn,
        detail: unitKindZh[u.kind] ?? null,
        link: `/units/${u.id}`,
      });
    }
  }
  return hits;
}
