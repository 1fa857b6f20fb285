// Verifies a district's audit chain: every row in order 1, 2, … and each hash = sha256(previous hash || its text).
import { createHash } from 'node:crypto';
import { rows, sql, type Queryable } from '../db/db.ts';

export interface ChainBreak {
  /** The audit row where the chain first fails (null when the rows before it are missing). */
  id: number | null;
  seq: number | null;
  reason: 'missing' | 'altered' | 'unchained';
  message: string;
}

export interface ChainReport {
  districtId: string;
  /** Rows checked, in chain order. */
  rows: number;
  /** The last good link: record it elsewhere to detect later removal of rows from the end. */
  head: { seq: number; hash: string } | null;
  broken: ChainBreak | null;
}

const PAGE = 5000;

/**
 * Rebuilds each row's canonical text in this query — the same array the trigger hashes (migration audit_chain_sql),
 * written out here rather than calling the database's function, so a replaced function cannot vouch for itself.
 */
const canonical =
  sql.raw(`jsonb_build_array(a.district_id, a.seq, a.id, (extract(epoch FROM a.at) * 1000000)::bigint,
  a.actor_id, a.actor_label, a.action, a.entity, a.entity_id, a.before, a.after, a.note)::text`);

export async function verifyChain(db: Queryable, districtId: string): Promise<ChainReport> {
  let prevHash = '';
  let expected = 1;
  let count = 0;
  let head: ChainReport['head'] = null;
  for (;;) {
    const page = await rows<{ id: string; seq: string; hash: string | null; text: string }>(
      db,
      sql`SELECT a.id::text, a.seq::text, a.hash, ${canonical} AS text FROM audit_log a
          WHERE a.district_id = ${districtId} AND a.seq >= ${expected} ORDER BY a.seq LIMIT ${PAGE}`,
    );
    for (const r of page) {
      const seq = Number(r.seq);
      if (seq !== expected) {
        return {
          districtId,
          rows: count,
          head,
          broken: {
            id: Number(r.id),
            seq,
            reason: 'missing',
            message: `rows ${expected}–${seq - 1} of the chain are missing (deleted) before audit row ${r.id}`,
          },
        };
      }
      const hash = createHash('sha256')
        .update(prevHash + r.text, 'utf8')
        .digest('hex');
      if (hash !== r.hash) {
        return {
          districtId,
          rows: count,
          head,
          broken: {
            id: Number(r.id),
            seq,
            reason: 'altered',
            message: `audit row ${r.id} (seq ${seq}) does not match its hash: it or the row before it was altered`,
          },
        };
      }
      prevHash = hash;
      head = { seq, hash };
      expected = seq + 1;
      count++;
    }
    if (page.length < PAGE) break;
  }
  // A row outside the chain was inserted past the trigger (or the trigger was dropped).
  const [loose] = await rows<{ id: string }>(
    db,
    sql`SELECT id::text FROM audit_log WHERE district_id = ${districtId} AND (seq IS NULL OR hash IS NULL)
        ORDER BY id LIMIT 1`,
  );
  if (loose) {
    return {
      districtId,
      rows: count,
      head,
      broken: {
        id: Number(loose.id),
        seq: null,
        reason: 'unchained',
        message: `audit row ${loose.id} is not in the chain (written past the trigger)`,
      },
    };
  }
  return { districtId, rows: count, head, broken: null };
}

/** Every district that has an audit trail or a registry. */
export async function auditedDistricts(db: Queryable): Promise<string[]> {
  const list = await rows<{ id: string }>(
    db,
    sql`SELECT district_id AS id FROM audit_log GROUP BY district_id
        UNION SELECT id FROM districts ORDER BY 1`,
  );
  return list.map((r) => r.id);
}

/**
 * `audit verify [--district X]`: checks each district's chain and prints one line per district — the first broken row,
 * or the head to note down. Returns the exit code: 1 when any chain is broken.
 */
export async function verifyCommand(
  db: Queryable,
  districtId: string | undefined,
  print: (line: string) => void,
): Promise<number> {
  let failed = false;
  for (const d of districtId ? [districtId] : await auditedDistricts(db)) {
    const r = await verifyChain(db, d);
    if (r.broken) {
      failed = true;
      print(`district ${d}: BROKEN after ${r.rows} good rows — ${r.broken.message}`);
    } else {
      print(
        `district ${d}: ${r.rows} rows, chain intact; head seq ${r.head?.seq ?? 0} ${r.head?.hash ?? '-'}`,
      );
    }
  }
  return failed ? 1 : 0;
}
