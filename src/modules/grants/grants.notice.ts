// Public notices (公示) of grant batches: what the public site shows of a batch under notice or recently decided.
import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../../platform/db/db.ts';
import { notFound } from '../../platform/http/errors.ts';
import { enterpriseAttributesSql } from '../enterprises/enterprises.sql.ts';
import type { PublicNotice } from './grants.contract.ts';
import { noticeOpen } from './grants.ts';
import { batchBasis } from './basis.store.ts';
import { batchRow, batchSelect, toBatch, type BatchRow } from './grants.store.ts';
// Today in Shanghai, 'YYYY-MM-DD', and day arithmetic on it.
import { addDays, today as shanghaiDate } from '../../platform/time/date.ts';

/** What a public notice says of its batch, without the list. */
function noticeHead(r: BatchRow, now: Date) {
  const b = toBatch(r);
  return {
    id: b.id,
    number: b.number,
    policyName: b.policyName,
    status: b.status,
    noticeDays: b.noticeDays,
    noticeStartsOn: b.noticeStartsOn,
    noticeEndsOn: b.noticeEndsOn,
    open: noticeOpen(b.status, b.noticeEndsOn, shanghaiDate(now)),
    decidedOn: b.decidedAt ? shanghaiDate(new Date(b.decidedAt)) : null,
  };
}

/** Batches under notice, and decided ones from the last 90 days (results announced). */
export async function publicNotices(db: Queryable, districtId: string, now: Date) {
  const since = addDays(shanghaiDate(now), -90);
  const list = await rows<BatchRow>(
    db,
    sql`${batchSelect(districtId)} AND (b.status = 'notice' OR (b.status = 'decided' AND b.decided_at >= ${since}::date))
        ORDER BY b.notice_starts_on DESC`,
  );
  return list.map((r) => ({
    ...noticeHead(r, now),
    items: r.included,
    totalAmount: Number(r.total_amount ?? 0),
  }));
}

export async function publicNotice(
  db: Queryable,
  districtId: string,
  id: string,
  now: Date,
): Promise<PublicNotice> {
  const r = await batchRow(db, districtId, id);
  if (r.status !== 'notice' && r.status !== 'decided') throw notFound('公示');
  const items = await rows<{ enterprise_id: string; name: string; uscc: string; amount: string }>(
    db,
    sql`SELECT i.enterprise_id::text, e.name, e.uscc, i.amount::text
        FROM grant_items i JOIN (${enterpriseAttributesSql(districtId)}) e ON e.id = i.enterprise_id
        WHERE i.district_id = ${districtId} AND i.batch_id = ${id}
          AND ${r.status === 'decided' ? sql`i.granted` : sql`i.included`}
        ORDER BY e.name`,
  );
  const objections =
    r.status === 'decided'
      ? await rows<{
          receipt: string | null;
          enterprise_name: string | null;
          status: string;
          response: string | null;
        }>(
          db,
          sql`SELECT o.receipt, e.name AS enterprise_name, o.status, o.response
              FROM grant_objections o LEFT JOIN (${enterpriseAttributesSql(districtId)}) e ON e.id = o.enterprise_id
              WHERE o.district_id = ${districtId} AND o.batch_id = ${id} ORDER BY o.filed_at, o.receipt`,
        )
      : [];
  const batch = toBatch(r);
  return {
    ...noticeHead(r, now),
    basis: await batchBasis(db, districtId, batch),
    objections: objections.map((o) => ({
      receipt: o.receipt,
      enterpriseName: o.enterprise_name,
      status: o.status as PublicNotice['objections'][number]['status'],
      response: o.response,
    })),
    items: items.map((i) => ({
      enterpriseId: i.enterprise_id,
      name: i.name,
      uscc: i.uscc,
      amount: Number(i.amount),
    })),
    totalAmount: items.reduce((sum, i) => sum + Number(i.amount), 0),
  };
}
