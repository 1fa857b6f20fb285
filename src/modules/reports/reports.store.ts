// The only SQL about reports: save with versions, read history, coverage and missing reports, bulk import.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { rows } from '../../platform/db/db.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { reports } from './reports.schema.ts';
import type { Report, ReportBody } from './reports.contract.ts';
import { rankByReportingRate, sameFigures } from './reports.ts';
import { figureCatalogue, figureKeys, type FigureKey, type Figures } from './figures.ts';
import { enterpriseStaysSql, enterprisesPresentInMonthSql } from '../enterprises/enterprises.sql.ts';
import { unitsInOrderSql } from '../units/units.store.ts';
import { deadlineEnd, onTime, reportDeadline } from '../../platform/time/deadline.ts';
import { lastDayOf, type Period } from '../../platform/time/period.ts';
import type { EnterpriseScope } from '../enterprises/enterprises.policy.ts';

// Read by other modules (table ownership): the fragments live in reports.sql.ts; re-exported for their importers.
export { firstSubmissionsSql, reportFiledSql } from './reports.sql.ts';

export type ReportRow = typeof reports.$inferSelect;
export const monthStart = (p: Period | string) => `${p}-01`;
const periodOf = (d: string) => d.slice(0, 7);

export function toReport(r: ReportRow, deadlineDay: number, firstSubmittedAt?: Date): Report {
  return {
    id: r.id,
    enterpriseId: r.enterpriseId,
    period: periodOf(r.period),
    version: r.version,
    ...figuresOf(r),
    buildingId: r.buildingId,
    source: r.source,
    submittedAt: new Date(r.submittedAt).toISOString(),
    submittedBy: r.submittedBy,
    note: r.note,
    onTime: onTime(periodOf(r.period) as Period, deadlineDay, firstSubmittedAt ?? new Date(r.submittedAt)),
  };
}

export const figuresOf = (r: Pick<ReportRow, FigureKey>): Figures =>
  Object.fromEntries(figureKeys.map((k) => [k, Number(r[k])])) as Figures;

/** Figures as the reports table's columns take them: numeric columns (area) as decimal strings. */
const figureValues = (f: Figures) =>
  Object.fromEntries(
    figureCatalogue.map((x) => [x.key, x.decimals ? f[x.key].toFixed(x.decimals) : f[x.key]]),
  ) as Pick<typeof reports.$inferInsert, FigureKey>;

/** A report's figures as CSV fields, in catalogue order (the COPY's column order). */
function figureCsv(r: Figures): string {
  let out = '';
  for (const f of figureCatalogue) {
    const v = r[f.key];
    out += `${out ? ',' : ''}${f.decimals ? v.toFixed(f.decimals) : v}`;
  }
  return out;
}

const where = (districtId: string, enterpriseId: string) =>
  and(eq(reports.districtId, districtId), eq(reports.enterpriseId, enterpriseId));

/** Current reports of one enterprise, newest month first, with how many versions each month has. */
export async function reportHistory(
  db: Queryable,
  districtId: string,
  enterpriseId: string,
  deadlineDay: number,
) {
  const current = await db
    .select()
    .from(reports)
    .where(and(where(districtId, enterpriseId), eq(reports.isCurrent, true)))
    .orderBy(desc(reports.period));
  // Per month: the number of versions and when the first was filed (on time is judged on the first).
  const perMonth = await rows<{ period: string; versions: number; first_at: string }>(
    db,
    sql`SELECT to_char(period, 'YYYY-MM') AS period, count(*)::int AS versions, min(submitted_at)::text AS first_at
        FROM reports WHERE district_id = ${districtId} AND enterprise_id = ${enterpriseId} GROUP BY period`,
  );
  const byPeriod = new Map(perMonth.map((m) => [m.period, m]));
  return current.map((r) => {
    const m = byPeriod.get(r.period.slice(0, 7));
    return { ...toReport(r, deadlineDay, m ? new Date(m.first_at) : undefined), versions: m?.versions ?? 1 };
  });
}

/** The last `n` current reports before `period`, newest first: the form's previous values and the jump check's basis. */
export async function reportsBefore(
  db: Queryable,
  districtId: string,
  enterpriseId: string,
  period: Period,
  n: number,
) {
  return db
    .select()
    .from(reports)
    .where(
      and(
        where(districtId, enterpriseId),
        eq(reports.isCurrent, true),
        lt(reports.period, monthStart(period)),
      ),
    )
    .orderBy(desc(reports.period))
    .limit(n);
}

export async function reportVersions(
  db: Queryable,
  districtId: string,
  enterpriseId: string,
  period: Period,
) {
  return db
    .select()
    .from(reports)
    .where(and(where(districtId, enterpriseId), eq(reports.period, monthStart(period))))
    .orderBy(desc(reports.version));
}

export type SaveOutcome = 'created' | 'revised' | 'unchanged';

/**
 * Saves a month's figures: the first report of the month is version 1; different figures later make a new version
 * (a correction, audited with before and after); the same figures change nothing.
 */
export async function saveReport(
  db: Db,
  actor: Actor,
  enterpriseId: string,
  body: ReportBody,
  source: 'form' | 'import',
  submittedAt: Date,
): Promise<{ row: ReportRow; outcome: SaveOutcome }> {
  const districtId = actor.districtId;
  return db.transaction(async (tx) => {
    // Serialise concurrent saves of the same enterprise and month (two tabs, two instances).
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`${districtId}:${enterpriseId}:${body.period}`}))`,
    );
    const [current] = await tx
      .select()
      .from(reports)
      .where(
        and(
          where(districtId, enterpriseId),
          eq(reports.period, monthStart(body.period)),
          eq(reports.isCurrent, true),
        ),
      )
      .limit(1);
    if (current && sameFigures(figuresOf(current), body) && current.buildingId === body.buildingId) {
      return { row: current, outcome: 'unchanged' as const };
    }
    if (current) {
      await tx
        .update(reports)
        .set({ isCurrent: false })
        .where(and(eq(reports.districtId, districtId), eq(reports.id, current.id)));
    }
    const [row] = await tx
      .insert(reports)
      .values({
        districtId,
        enterpriseId,
        period: monthStart(body.period),
        version: (current?.version ?? 0) + 1,
        isCurrent: true,
        ...figureValues(body),
        buildingId: body.buildingId,
        source,
        submittedBy: actor.userId,
        submittedAt,
        note: body.note ?? null,
      })
      .returning();
    await audit(tx, actor, {
      action: current ? 'update' : 'create',
      entity: 'report',
      entityId: `${enterpriseId}:${body.period}`,
      before: current
        ? { version: current.version, ...figuresOf(current), buildingId: current.buildingId }
        : null,
      after: { version: row!.version, ...figuresOf(row!), buildingId: row!.buildingId },
      note: current ? `correction of ${body.period}` : undefined,
    });
    return { row: row!, outcome: current ? ('revised' as const) : ('created' as const) };
  });
}

function scopeSql(scope: EnterpriseScope) {
  if ('all' in scope) return sql``;
  if ('subdistrictId' in scope) return sql`AND e.subdistrict_id = ${scope.subdistrictId}`;
  if ('enterpriseId' in scope) return sql`AND e.id = ${scope.enterpriseId}`;
  return sql`AND false`;
}

/** Enterprises expected to report a month: in the district for at least part of it. */
const expectedSql = (period: Period) =>
  sql`e.settled_on <= ${lastDayOf(period)}::date AND (e.left_on IS NULL OR e.left_on >= ${monthStart(period)}::date)`;

/** Reporting coverage of a month by subdistrict: expected, reported, reported by the deadline. */
export async function coverage(
  db: Queryable,
  districtId: string,
  period: Period,
  deadlineDay: number,
  scope: EnterpriseScope,
) {
  // The deadline moves off weekends and holidays (platform/time); on time is judged against the moved day.
  const due = reportDeadline(period, deadlineDay);
  const dueEnd = deadlineEnd(period, deadlineDay).toISOString();
  const found = await rows<{ id: string; name: string; expected: number; reported: number; on_time: number }>(
    db,
    sql`SELECT u.id::text AS id, u.name,
               count(e.id)::int AS expected,
               count(r.enterprise_id)::int AS reported,
               count(r.enterprise_id) FILTER (WHERE r.first_at <= ${dueEnd}::timestamptz)::int AS on_time
        FROM (${unitsInOrderSql(districtId)}) u
        LEFT JOIN (${enterprisesPresentInMonthSql(districtId, sql`${monthStart(period)}::date`)}) e
               ON e.subdistrict_id = u.id ${scopeSql(scope)}
        LEFT JOIN (SELECT enterprise_id, min(submitted_at) AS first_at FROM reports
                   WHERE district_id = ${districtId} AND period = ${monthStart(period)}::date GROUP BY enterprise_id) r
               ON r.enterprise_id = e.id
        WHERE u.kind = 'subdistrict'
        GROUP BY u.id, u.name, u.position ORDER BY u.position`,
  );
  const subdistricts = found
    .filter((f) => !('subdistrictId' in scope) || f.id === scope.subdistrictId)
    .map((f) => ({
      subdistrict: { id: f.id, name: f.name },
      expected: f.expected,
      reported: f.reported,
      onTime: f.on_time,
    }));
  const sum = (k: 'expected' | 'reported' | 'onTime') => subdistricts.reduce((s, x) => s + x[k], 0);
  return {
    period,
    deadline: due.date,
    district: { expected: sum('expected'), reported: sum('reported'), onTime: sum('onTime') },
    subdistricts,
  };
}

/**
 * One subdistrict's coverage of a month and its rank among all the district's subdistricts by reporting rate — the
 * subdistrict's home page. The ranking reads every subdistrict's counts; only this one's are returned.
 */
export async function subdistrictStanding(
  db: Queryable,
  districtId: string,
  period: Period,
  deadlineDay: number,
  subdistrictId: string,
) {
  const all = await coverage(db, districtId, period, deadlineDay, { all: true });
  const ranks = rankByReportingRate(all.subdistricts);
  const i = all.subdistricts.findIndex((s) => s.subdistrict.id === subdistrictId);
  const own = all.subdistricts[i];
  if (!own) return null;
  return {
    period,
    deadline: all.deadline,
    ...own,
    rank: ranks[i] ?? null,
    ranked: ranks.filter((r) => r !== null).length,
  };
}

/** Enterprises that should have reported a month and have not, with their last reported month. */
export async function missingReports(
  db: Queryable,
  districtId: string,
  period: Period,
  scope: EnterpriseScope,
  q: { subdistrictId?: string | undefined; page: number; pageSize: number },
) {
  const filter = sql`${expectedSql(period)} ${scopeSql(scope)}
    ${q.subdistrictId ? sql`AND e.subdistrict_id = ${q.subdistrictId}` : sql``}
    AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.district_id = ${districtId} AND r.enterprise_id = e.id
                    AND r.period = ${monthStart(period)}::date)`;
  const items = await rows<{
    id: string;
    uscc: string;
    name: string;
    sub_id: string;
    sub_name: string;
    contact_person: string;
    contact_phone: string;
    last_reported: string | null;
  }>(
    db,
    sql`SELECT e.id::text, e.uscc, e.name, u.id::text AS sub_id, u.name AS sub_name, e.contact_person, e.contact_phone,
               (SELECT to_char(max(r.period), 'YYYY-MM') FROM reports r WHERE r.district_id = ${districtId} AND r.enterprise_id = e.id) AS last_reported
        FROM (${enterpriseStaysSql(districtId)}) e JOIN (${unitsInOrderSql(districtId)}) u ON u.id = e.subdistrict_id
        WHERE ${filter}
        ORDER BY u.position, e.name LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  const [total] = await rows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM (${enterpriseStaysSql(districtId)}) e WHERE ${filter}`,
  );
  return {
    items: items.map((i) => ({
      id: i.id,
      uscc: i.uscc,
      name: i.name,
      subdistrict: { id: i.sub_id, name: i.sub_name },
      contactPerson: i.contact_person,
      contactPhone: i.contact_phone,
      lastReported: i.last_reported,
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export interface BulkReport extends Figures {
  enterpriseId: string;
  period: string;
  submittedAt: Date;
}

/**
 * PGlite's transaction client can COPY from a blob — about twenty times faster than multi-row INSERTs for a large
 * history. Found by its shape (a drizzle PGlite transaction's session client); anything else gets INSERTs.
 */
function pgliteCopy(db: Queryable): ((statement: string, blob: Blob) => Promise<unknown>) | undefined {
  const client = (db as unknown as { session?: { client?: Record<string, unknown> } }).session?.client;
  if (
    !client ||
    typeof client.query !== 'function' ||
    typeof client.exec !== 'function' ||
    typeof client.rollback !== 'function'
  ) {
    return undefined;
  }
  const query = client.query as (q: string, params: unknown[], options: { blob: Blob }) => Promise<unknown>;
  return (statement, blob) => query.call(client, statement, [], { blob });
}

/** Loads a generated or migrated history as first versions (no per-row audit: the caller records one event). */
export async function bulkInsertReports(
  db: Queryable,
  districtId: string,
  source: Iterable<BulkReport>,
  source_: 'demo' | 'migration',
) {
  const copy = pgliteCopy(db);
  const size = copy ? 20_000 : 2000;
  let batch: BulkReport[] = [];
  let count = 0;
  const flush = async () => {
    if (!batch.length) return;
    if (copy) {
      // Every value is a number, an id, a date or a fixed word: plain CSV needs no quoting.
      const csv = batch
        .map((r) =>
          [
            districtId,
            r.enterpriseId,
            monthStart(r.period),
            1,
            't',
            figureCsv(r),
            source_,
            r.submittedAt.toISOString(),
          ].join(','),
        )
        .join('\n');
      await copy(
        `COPY reports (district_id, enterprise_id, period, version, is_current, ${figureCatalogue.map((f) => f.column).join(', ')},
           source, submitted_at) FROM '/dev/blob' WITH (FORMAT csv)`,
        new Blob([csv]),
      );
    } else {
      await db.insert(reports).values(
        batch.map((r) => ({
          districtId,
          enterpriseId: r.enterpriseId,
          period: monthStart(r.period),
          version: 1,
          isCurrent: true,
          ...figureValues(r),
          source: source_,
          submittedAt: r.submittedAt,
        })),
      );
    }
    count += batch.length;
    batch = [];
  };
  for (const r of source) {
    batch.push(r);
    if (batch.length === size) await flush();
  }
  await flush();
  return count;
}

/** USCC and name of the enterprises in scope that should report a month (the template's rows). */
export async function expectedEnterprises(
  db: Queryable,
  districtId: string,
  period: Period,
  scope: EnterpriseScope,
) {
  return rows<{ uscc: string; name: string }>(
    db,
    sql`SELECT e.uscc, e.name FROM (${enterpriseStaysSql(districtId)}) e WHERE ${expectedSql(period)} ${scopeSql(scope)}
        ORDER BY e.name`,
  );
}
