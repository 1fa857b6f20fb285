// Disclosure control: primary and complementary suppression, and the attacker that checks no withheld cell is derivable.
import { describe, expect, it } from 'vitest';
import { derivableCells, withheldCells, type Cell } from './disclosure.ts';

const cells = (spec: Record<string, number>): Cell[] =>
  Object.entries(spec).map(([key, contributors]) => ({ key, contributors }));
const sorted = (s: Set<string>) => [...s].sort();

describe('withheldCells', () => {
  it('withholds nothing when every group has at least 3 contributors', () => {
    const w = withheldCells({ subdistrict: cells({ east: 3, west: 10 }) });
    expect(sorted(w.subdistrict)).toEqual([]);
  });

  it('withholds a second group, the one with the fewest contributors, when exactly one is small', () => {
    // east 2 (small); of the others north has the fewest (4): east alone would be total − (north + west).
    const w = withheldCells({ subdistrict: cells({ east: 2, north: 4, west: 9 }) });
    expect(sorted(w.subdistrict)).toEqual(['east', 'north']);
  });

  it('breaks ties between complements by key, so the same contributors give the same pattern', () => {
    const w = withheldCells({ sizeBand: cells({ micro: 1, small: 5, medium: 5, large: 7 }) });
    expect(sorted(w.sizeBand)).toEqual(['medium', 'micro']);
  });

  it('adds no complement when two or more groups are already withheld', () => {
    const w = withheldCells({ field: cells({ a: 0, b: 2, c: 30 }) });
    expect(sorted(w.field)).toEqual(['a', 'b']);
  });

  it('treats an empty group (0 contributors) as small', () => {
    const w = withheldCells({ subdistrict: cells({ east: 0, west: 12, north: 20 }) });
    expect(sorted(w.subdistrict)).toEqual(['east', 'west']);
  });

  it('decides each breakdown of the month on its own', () => {
    const w = withheldCells({
      subdistrict: cells({ east: 2, west: 5, north: 6 }),
      sizeBand: cells({ micro: 7, small: 6 }),
      field: cells({ a: 1, b: 1, c: 11 }),
    });
    expect(sorted(w.subdistrict)).toEqual(['east', 'west']);
    expect(sorted(w.sizeBand)).toEqual([]);
    expect(sorted(w.field)).toEqual(['a', 'b']);
  });

  it('leaves a breakdown of a single group alone: that group is the total', () => {
    expect(sorted(withheldCells({ sizeBand: cells({ small: 2 }) }).sizeBand)).toEqual(['small']);
  });
});

describe('derivableCells (the attacker)', () => {
  it('finds the single withheld cell of a breakdown: total − Σ shown', () => {
    const b = { subdistrict: cells({ east: 2, north: 4, west: 9 }) };
    expect(derivableCells(b, { subdistrict: new Set(['east']) })).toEqual([
      { dimension: 'subdistrict', key: 'east' },
    ]);
  });

  it('finds nothing once two cells of every breakdown with a withheld cell are withheld', () => {
    const b = {
      subdistrict: cells({ east: 2, north: 4, west: 9 }),
      sizeBand: cells({ micro: 1, small: 5, medium: 5, large: 7 }),
      field: cells({ a: 0, b: 2, c: 30 }),
    };
    expect(derivableCells(b, withheldCells(b))).toEqual([]);
  });

  it('sees through a breakdown with one withheld cell beside a well-protected one', () => {
    const b = { subdistrict: cells({ east: 2, west: 9 }), sizeBand: cells({ micro: 1, small: 1, large: 9 }) };
    const found = derivableCells(b, {
      subdistrict: new Set(['east']),
      sizeBand: new Set(['micro', 'small']),
    });
    expect(found).toEqual([{ dimension: 'subdistrict', key: 'east' }]);
  });
});
