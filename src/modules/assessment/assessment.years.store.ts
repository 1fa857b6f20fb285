// A closed year's scores (考核 frozen): closing stores revision 1, a later recompute with a reason stores the next
// revision only when something changed, and the scorecards of a closed year are read from those rows.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { assessmentSchemes, assessmentScores } from './assessment.schema.ts';
import type { Scheme, ScorecardView } from './assessment.contract.ts';

import { schemeOr404, scorePeriod, type RankGroup } from './assessment.store.ts';

type ScoreRow = typeof assessmentScores.$inferSelect;

/** Every stored revision of a closed year, oldest first. */
export async function storedScores(db: Queryable, districtId: string, year: number): Promise<ScoreRow[]> {
  return db
    .select()
    .from(assessmentScores)
    .where(and(eq(assessmentScores.districtId, districtId), eq(assessmentScores.year, year)))
    .orderBy(asc(assessmentScores.revision), asc(assessmentScores.rankGroup), asc(assessmentScores.place));
}

/** JSON with object keys sorted (jsonb keeps its own key order), undefined dropped. */
const canonical = (v: unknown): string =>
  JSON.stringify(JSON.parse(JSON.stringify(v)), (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

/** What a revision compares: each unit's total, place and lines (not the time it was computed). */
const fingerprint = (cards: ScorecardView[]) =>
  canonical(
    [...cards]
      .sort((a, b) => a.unit.id.localeCompare(b.unit.id))
      .map((c) => [c.unit.id, c.totalCenti, c.place, c.lines]),
  );

async function storeRevision(
  tx: Queryable,
  actor: Actor,
  year: number,
  revision: number,
  cards: Record<RankGroup, ScorecardView[]>,
  reason: string,
  now: Date,
) {
  const rows = (['units', 'subdistricts'] as const).flatMap((group) =>
    cards[group].map((c) => ({
      districtId: actor.districtId,
      year,
      revision,
      unitId: c.unit.id,
      rankGroup: group,
      totalCenti: c.totalCenti,
      place: c.place,
      card: c,
      reason,
      computedBy: actor.label,
      computedAt: now,
    })),
  );
  for (let i = 0; i < rows.length; i += 200) await tx.insert(assessmentScores).values(rows.slice(i, i + 200));
  return rows.length;
}

/** The office closes a year: its scores are computed and frozen (revision 1); the scheme is marked closed. */
export async function closeYear(db: Db, actor: Actor, year: number, now: Date) {
  const scheme = await schemeOr404(db, actor.districtId, year);
  if (scheme.closedAt) throw new AppError('CONFLICT', `${year}年度考核已关闭；更正请重新计算（生成修订）`);
  const cards = await scorePeriod(db, actor.districtId, scheme, String(year), now);
  return db.transaction(async (tx) => {
    const [locked] = await tx
      .select()
      .from(assessmentSchemes)
      .where(and(eq(assessmentSchemes.districtId, actor.districtId), eq(assessmentSchemes.year, year)))
      .for('update');
    if (locked?.closedAt) throw new AppError('CONFLICT', `${year}年度考核已关闭`);
    const units = await storeRevision(tx, actor, year, 1, cards, '年度考核关闭，得分冻结', now);
    await tx
      .update(assessmentSchemes)
      .set({ closedAt: now, closedBy: actor.label })
      .where(and(eq(assessmentSchemes.districtId, actor.districtId), eq(assessmentSchemes.year, year)));
    await audit(tx, actor, {
      action: 'close',
      entity: 'assessmentYear',
      entityId: String(year),
      after: { revision: 1, units },
    });
    return { year, revision: 1, units, stored: true };
  });
}

/** A recompute of a closed year: a revision beside the frozen scores when anything changed, never an overwrite. */
export async function reviseYear(db: Db, actor: Actor, year: number, reason: string, now: Date) {
  const scheme = await schemeOr404(db, actor.districtId, year);
  if (!scheme.closedAt) throw new AppError('CONFLICT', `${year}年度考核尚未关闭，得分随记录实时计算`);
  const cards = await scorePeriod(db, actor.districtId, scheme, String(year), now);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`assessment-revise:${actor.districtId}:${year}`}))`,
    );
    const [last] = await tx
      .select({ revision: assessmentScores.revision })
      .from(assessmentScores)
      .where(and(eq(assessmentScores.districtId, actor.districtId), eq(assessmentScores.year, year)))
      .orderBy(desc(assessmentScores.revision))
      .limit(1);
    const revision = last?.revision ?? 0;
    const stored = (await storedScores(tx, actor.districtId, year)).filter((r) => r.revision === revision);
    const now_ = [...cards.units, ...cards.subdistricts];
    if (fingerprint(stored.map((r) => r.card as ScorecardView)) === fingerprint(now_))
      return { year, revision, units: stored.length, stored: false };
    const units = await storeRevision(tx, actor, year, revision + 1, cards, reason, now);
    await audit(tx, actor, {
      action: 'revise',
      entity: 'assessmentYear',
      entityId: String(year),
      after: { revision: revision + 1, units, reason },
    });
    return { year, revision: revision + 1, units, stored: true };
  });
}

// ── Reading: live scores, or a closed year's frozen ones with their revisions ─────────────────────────────────

export interface PeriodScores {
  scheme: Scheme;
  state: 'live' | 'frozen';
  groups: Record<RankGroup, ScorecardView[]>;
  /** A closed year's later revisions (2, 3 …), newest last; empty otherwise. */
  revisions: {
    revision: number;
    computedAt: string;
    reason: string;
    groups: Record<RankGroup, ScorecardView[]>;
  }[];
}

const grouped = (rows: ScoreRow[]): Record<RankGroup, ScorecardView[]> => ({
  units: rows.filter((r) => r.rankGroup === 'units').map((r) => r.card as ScorecardView),
  subdistricts: rows.filter((r) => r.rankGroup === 'subdistricts').map((r) => r.card as ScorecardView),
});

/** The scores of a month ('YYYY-MM', live) or a year ('YYYY': live while open, frozen once closed). */
export async function periodScores(
  db: Queryable,
  districtId: string,
  period: string,
  now: Date,
): Promise<PeriodScores> {
  const scheme = await schemeOr404(db, districtId, Number(period.slice(0, 4)));
  if (period.length === 4 && scheme.closedAt) {
    const rows = await storedScores(db, districtId, scheme.year);
    const revs = [...new Set(rows.map((r) => r.revision))].sort((a, b) => a - b);
    return {
      scheme,
      state: 'frozen',
      groups: grouped(rows.filter((r) => r.revision === 1)),
      revisions: revs
        .filter((n) => n > 1)
        .map((n) => {
          const mine = rows.filter((r) => r.revision === n);
          return {
            revision: n,
            computedAt: new Date(mine[0]!.computedAt).toISOString(),
            reason: mine[0]!.reason,
            groups: grouped(mine),
          };
        }),
    };
  }
  return {
    scheme,
    state: 'live',
    groups: await scorePeriod(db, districtId, scheme, period, now),
    revisions: [],
  };
}
