// Disclosure control of public figures (pure): which cells of a month's breakdowns the public view withholds.
//
// A month's public page shows the district total and, per breakdown (subdistrict, size band, field), one cell per
// group. Each breakdown is a published equation Σ cells = total (fields overlap, but an attacker who knows that every
// firm has one field could read it so, so it is treated the same way). Cells of different breakdowns and of
// different months are different unknowns that no published equation links, so a withheld cell can be derived
// exactly only from its own breakdown's equation, and only when it is the one unknown there. Hence: primary
// suppression of small groups, then complementary suppression until no breakdown has exactly one withheld cell.
// The rule and its limits: docs/indicators.md, "Public figures: disclosure control".

/** Groups with fewer contributing enterprises than this are withheld (primary suppression). */
export const MIN_PUBLIC_CONTRIBUTORS = 3;

export interface Cell {
  key: string;
  /** Enterprises contributing to the cell (with data in the month). */
  contributors: number;
}

/**
 * The keys to withhold in each breakdown of one month: every cell with fewer than `min` contributors, and, in a
 * breakdown where that leaves exactly one withheld cell, the published cell with the fewest contributors as well
 * (ties by key), repeated until no breakdown has a single withheld cell. A breakdown of one cell is that cell = the
 * total and says nothing beyond it, so it is left as it is.
 *
 * The complement is chosen by contributors, not by value, so that targets computed over the same facts (software
 * revenue and the product share, which share their contributors) withhold the same groups: otherwise one target's
 * published cell would supply the other's withheld denominator.
 */
export function withheldCells<D extends string>(
  breakdowns: Readonly<Record<D, readonly Cell[]>>,
  min: number = MIN_PUBLIC_CONTRIBUTORS,
): Record<D, Set<string>> {
  const out = {} as Record<D, Set<string>>;
  for (const dimension of Object.keys(breakdowns) as D[]) {
    const cells = breakdowns[dimension];
    const withheld = new Set(cells.filter((c) => c.contributors < min).map((c) => c.key));
    // One pass adds one complement; the loop states the fixpoint the rule asks for.
    while (withheld.size === 1 && cells.length > 1) {
      const next = cells
        .filter((c) => !withheld.has(c.key))
        .sort((a, b) => a.contributors - b.contributors || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0];
      if (!next) break;
      withheld.add(next.key);
    }
    out[dimension] = withheld;
  }
  return out;
}

/**
 * Whether some withheld cell can be derived exactly from the published equations of one month: each breakdown's
 * Σ cells = total, with the published cells and the total known. Solves the linear system by elimination over the
 * withheld cells of every breakdown at once (overlapping breakdowns included), so it also finds combinations a
 * per-breakdown check would miss if breakdowns ever shared cells. Used by the tests as the attacker.
 */
export function derivableCells<D extends string>(
  breakdowns: Readonly<Record<D, readonly Cell[]>>,
  withheld: Readonly<Record<D, ReadonlySet<string>>>,
): { dimension: D; key: string }[] {
  const unknowns: { dimension: D; key: string }[] = [];
  const rowsOf: number[][] = [];
  for (const dimension of Object.keys(breakdowns) as D[]) {
    const start = unknowns.length;
    for (const c of breakdowns[dimension])
      if (withheld[dimension]?.has(c.key)) unknowns.push({ dimension, key: c.key });
    rowsOf.push(Array.from({ length: unknowns.length - start }, (_, i) => start + i));
  }
  // Coefficient matrix: one row per breakdown, 1 on its withheld cells.
  const matrix = rowsOf.map((cols) => {
    const row = new Array<number>(unknowns.length).fill(0);
    for (const c of cols) row[c] = 1;
    return row;
  });
  const reduced = rowReduce(matrix);
  // An unknown is determined when a row of the reduced matrix has it as its only non-zero entry.
  return unknowns.filter((_, j) =>
    reduced.some((row) => Math.abs(row[j] ?? 0) > 1e-9 && row.every((v, k) => k === j || Math.abs(v) < 1e-9)),
  );
}

function rowReduce(input: number[][]): number[][] {
  const m = input.map((r) => [...r]);
  const cols = m[0]?.length ?? 0;
  let lead = 0;
  for (let c = 0; c < cols && lead < m.length; c++) {
    const pivot = m.findIndex((r, i) => i >= lead && Math.abs(r[c] ?? 0) > 1e-9);
    if (pivot < 0) continue;
    [m[lead], m[pivot]] = [m[pivot]!, m[lead]!];
    const p = m[lead]![c]!;
    m[lead] = m[lead]!.map((v) => v / p);
    for (let i = 0; i < m.length; i++) {
      if (i === lead) continue;
      const f = m[i]![c]!;
      if (f !== 0) m[i] = m[i]!.map((v, k) => v - f * m[lead]![k]!);
    }
    lead++;
  }
  return m;
}
