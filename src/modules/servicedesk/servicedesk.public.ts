// What the public sees of the service desk: the monthly figures per category, anonymised (small cells withheld as
// the public monitoring view does), and the knowledge base — closed requests the enterprise allowed to publish, with
// their answers, the enterprise's name, contact, phone numbers and credit codes taken out — grouped by category.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/db.ts';
import { notFound } from '../../platform/http/errors.ts';
import { today } from '../../platform/time/date.ts';
import type { Period } from '../../platform/time/period.ts';
import { withheldCells, MIN_PUBLIC_CONTRIBUTORS } from '../monitoring/disclosure.ts';
import { findEnterpriseRow } from '../enterprises/enterprises.store.ts';
import { serviceRequests } from './servicedesk.schema.ts';
import { categoryPath } from './servicedesk.ts';
import { figuresOf } from './servicedesk.figures.ts';
import { anonymise } from './servicedesk.text.ts';
import { deskContext, factsBetween, monthRange, numberOf, type RequestRow } from './servicedesk.store.ts';

/** The district's figures per month and category; a category cell of fewer than 3 requests is withheld. */
export async function publicFigures(db: Queryable, districtId: string, from: Period, to: Period, now: Date) {
  const asOf = today(now);
  const ctx = await deskContext(db, districtId);
  const facts = await factsBetween(db, districtId, monthRange(from, to));
  const byMonth = new Map<string, typeof facts>();
  for (const f of facts) (byMonth.get(f.month) ?? byMonth.set(f.month, []).get(f.month)!).push(f);
  const months = [...byMonth.keys()].sort();
  return {
    asOf,
    months: months.map((month) => {
      const list = byMonth.get(month)!;
      const total = figuresOf(list, asOf);
      const byCategory = new Map<string, typeof facts>();
      // Public figures are by top-level category: finer cells would be small everywhere.
      for (const f of list) {
        const top = f.category.split('.')[0]!;
        (byCategory.get(top) ?? byCategory.set(top, []).get(top)!).push(f);
      }
      const cells = [...byCategory.entries()].map(([key, l]) => ({ key, contributors: l.length }));
      const withheld = withheldCells({ category: cells }).category;
      const small = total.filed < MIN_PUBLIC_CONTRIBUTORS;
      return {
        month,
        filed: total.filed,
        acceptedOnTime: small ? null : total.acceptedOnTime.value,
        answeredOnTime: small ? null : total.answeredOnTime.value,
        satisfaction: small ? null : total.satisfaction.value,
        categories: [...byCategory.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([category, l]) => {
            const suppressed = withheld.has(category);
            const f = figuresOf(l, asOf);
            return {
              month,
              category,
              categoryName: categoryPath(ctx.config, category),
              filed: suppressed ? null : f.filed,
              acceptedOnTime: suppressed ? null : f.acceptedOnTime.value,
              answeredOnTime: suppressed ? null : f.answeredOnTime.value,
              satisfaction: suppressed ? null : f.satisfaction.value,
              suppressed,
            };
          }),
      };
    }),
  };
}

const published = (districtId: string) =>
  and(
    eq(serviceRequests.districtId, districtId),
    eq(serviceRequests.state, 'closed'),
    eq(serviceRequests.publishConsent, true),
    eq(serviceRequests.publicationWithheld, false),
    sql`${serviceRequests.answer} IS NOT NULL`,
  );

function entryOf(
  ctx: Awaited<ReturnType<typeof deskContext>>,
  r: RequestRow,
  names: { enterprise: string; contact: string },
) {
  const clean = (t: string) =>
    anonymise(t, { enterprise: names.enterprise, contact: names.contact || r.contactName });
  return {
    id: r.id,
    number: numberOf(r),
    category: r.category,
    categoryName: categoryPath(ctx.config, r.category),
    month: r.filedOn.slice(0, 7),
    title: clean(r.title),
    question: clean(r.description),
    answer: clean(r.answer ?? ''),
    answeredOn: r.answeredOn ?? '',
    unitName: (r.unitId && ctx.units.get(r.unitId)?.name) || '',
    policyIds: r.policyIds,
  };
}

/** The names a published text is cleaned of: the enterprise's and its contact person's (registry and request). */
async function namesOf(db: Queryable, r: RequestRow) {
  const e = await findEnterpriseRow(db, r.districtId, r.enterpriseId);
  return { enterprise: e?.name ?? '', contact: e?.contactPerson ?? '' };
}

/** The knowledge base: published requests with their answers, grouped by category (newest answers first). */
export async function knowledgeBase(
  db: Queryable,
  districtId: string,
  query: { category?: string | undefined; policyId?: string | undefined; page: number; pageSize: number },
) {
  const ctx = await deskContext(db, districtId);
  const where = and(
    published(districtId),
    query.category
      ? sql`(${serviceRequests.category} = ${query.category} OR ${serviceRequests.category} LIKE ${`${query.category}.%`})`
      : undefined,
    query.policyId ? sql`${query.policyId}::uuid = ANY(${serviceRequests.policyIds})` : undefined,
  );
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(serviceRequests)
    .where(where);
  const found = await db
    .select()
    .from(serviceRequests)
    .where(where)
    .orderBy(asc(serviceRequests.category), desc(serviceRequests.answeredAt))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const groups = new Map<string, ReturnType<typeof entryOf>[]>();
  for (const r of found) {
    const e = entryOf(ctx, r, await namesOf(db, r));
    (groups.get(e.category) ?? groups.set(e.category, []).get(e.category)!).push(e);
  }
  return {
    groups: [...groups.entries()].map(([category, entries]) => ({
      category,
      categoryName: categoryPath(ctx.config, category),
      entries,
    })),
    total: Number(count?.n ?? 0),
  };
}

/** One published request and its answer (a policy page links here); 404 for anything not published. */
export async function knowledgeEntry(db: Queryable, districtId: string, id: string) {
  const ctx = await deskContext(db, districtId);
  const [found] = await db
    .select()
    .from(serviceRequests)
    .where(and(published(districtId), eq(serviceRequests.id, id)));
  if (!found) throw notFound('公开答复');
  return entryOf(ctx, found, await namesOf(db, found));
}
