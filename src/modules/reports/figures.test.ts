// The figure catalogue against the reports table and against every consumer that lists figures.
import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { reports } from './reports.schema.ts';
import { figuresSchema } from './reports.contract.ts';
import { readHeader, reportColumns } from './reports.import.ts';
import { consistencyIssues } from './reports.ts';
import { generateDemoDistrict, jiulongpoSubdistricts } from '../demo/demo.ts';
import { iterateReports } from '../demo/reports.ts';
import { figureCodes, figures as ruleFigures } from '../policies/rules.ts';
import {
  figureCatalogue,
  figureKeys,
  figureLabels,
  figureOfColumn,
  flowKeys,
  moneyKeys,
  stockKeys,
} from './figures.ts';

/** Columns of the reports table that are not figures: identity, versioning, provenance. */
const nonFigureColumns = [
  'district_id',
  'id',
  'enterprise_id',
  'period',
  'version',
  'is_current',
  'building_id',
  'source',
  'batch_id',
  'submitted_by',
  'submitted_at',
  'note',
];

describe('the figure catalogue', () => {
  it('has every figure column of the reports table exactly once, with its key as the column property', () => {
    const columns = Object.entries(getTableColumns(reports));
    const figureColumns = columns.filter(([, c]) => !nonFigureColumns.includes(c.name));
    expect(figureColumns.map(([, c]) => c.name).sort()).toEqual(figureCatalogue.map((f) => f.column).sort());
    for (const [property, c] of figureColumns) {
      expect(figureOfColumn(c.name)?.key).toBe(property);
      expect(c.notNull).toBe(true);
    }
    expect(new Set(figureCatalogue.map((f) => f.column)).size).toBe(figureCatalogue.length);
    expect(new Set(figureKeys).size).toBe(figureCatalogue.length);
  });

  it('stores each figure in a column type that fits its dimension', () => {
    const byName = new Map(Object.values(getTableColumns(reports)).map((c) => [c.name, c]));
    for (const f of figureCatalogue) {
      const type = byName.get(f.column)!.getSQLType();
      if (f.dimension === 'persons') expect(type, f.key).toBe('integer');
      if (f.dimension === 'money') expect(type, f.key).toBe('bigint');
      if (f.dimension === 'area') expect(type, f.key).toBe('numeric(12, 2)');
    }
  });

  it('has unique headers, labels in both languages and valid kinds, units and parts', () => {
    const stems = figureCatalogue.map((f) => f.header.replace(/（.*）$/, ''));
    expect(new Set(figureCatalogue.map((f) => f.header)).size).toBe(figureCatalogue.length);
    expect(new Set(stems).size).toBe(figureCatalogue.length);
    for (const f of figureCatalogue) {
      expect(f.labels.zh.length, f.key).toBeGreaterThan(0);
      expect(f.labels.en.length, f.key).toBeGreaterThan(0);
      expect(f.labels.enInline.length, f.key).toBeGreaterThan(0);
      expect(f.help.zh.length, f.key).toBeGreaterThan(0);
      expect(f.help.en.length, f.key).toBeGreaterThan(0);
      expect(f.header.startsWith(f.labels.zh), f.key).toBe(true);
      expect(['stock', 'flow']).toContain(f.kind);
      expect(f.unit).toBe({ persons: '人', money: '元', area: 'm²' }[f.dimension]);
      expect(f.decimals).toBe(f.dimension === 'area' ? 2 : 0);
      if (f.dimension === 'money') expect(f.header).toMatch(/（万元）$/);
      if (f.partOf !== null) {
        const whole = figureCatalogue.find((w) => w.key === f.partOf);
        expect(whole, f.key).toBeDefined();
        expect(whole!.dimension).toBe(f.dimension);
      }
      if (f.jump !== null) expect(typeof f.jump === 'object' ? 'stock' : 'flow').toBe(f.kind);
    }
    expect(Object.keys(figureLabels)).toEqual([...figureKeys]);
  });

  it('lists stocks, flows and money figures in catalogue order', () => {
    expect([...stockKeys, ...flowKeys].sort()).toEqual([...figureKeys].sort());
    expect(stockKeys).toEqual(figureCatalogue.filter((f) => f.kind === 'stock').map((f) => f.key));
    expect(moneyKeys).toEqual(['operatingRevenue', 'softwareRevenue', 'softwareProductRevenue', 'rdExpense']);
  });
});

describe('the consumers of the catalogue', () => {
  it('the API contract has one field per figure, in catalogue order', () => {
    expect(Object.keys(figuresSchema.shape)).toEqual([...figureKeys]);
  });

  it('the import template has one column per figure, with the catalogue header, between the enterprise and building', () => {
    const figureColumns = reportColumns.filter(
      (c) => c.key !== 'uscc' && c.key !== 'name' && c.key !== 'building',
    );
    expect(figureColumns.map((c) => c.zh)).toEqual(figureCatalogue.map((f) => f.header));
    expect(figureColumns.map((c) => c.key)).toEqual([...figureKeys]);
    expect(reportColumns.map((c) => c.key)).toEqual(['uscc', 'name', ...figureKeys, 'building']);
    const h = readHeader(reportColumns.map((c) => c.zh));
    expect([...h.header.keys()]).toEqual(reportColumns.map((c) => c.key));
    expect([...h.moneyUnit.keys()]).toEqual([...moneyKeys]);
    // the key itself and the header without its unit are accepted too; money in 元 as well
    const alt = readHeader([
      'uscc',
      ...figureCatalogue.map((f) => (f.dimension === 'money' ? `${f.labels.zh}（元）` : f.key)),
    ]);
    expect([...alt.header.keys()]).toEqual(['uscc', ...figureKeys]);
    expect(new Set(alt.moneyUnit.values())).toEqual(new Set(['元']));
  });

  it('the consistency rules follow partOf', () => {
    const zero = Object.fromEntries(figureKeys.map((k) => [k, 0])) as Record<
      (typeof figureKeys)[number],
      number
    >;
    const parts = figureCatalogue.filter((f) => f.partOf !== null);
    for (const p of parts) {
      const issues = consistencyIssues({ ...zero, [p.key]: 1 });
      expect(issues.map((i) => i.path)).toEqual([p.key]);
    }
    expect(consistencyIssues({ ...zero, coreTalents: 1 })[0]!.message).toBe('核心软信人才不能多于从业人员');
  });

  it('the demo generator gives every figure of the catalogue, and nothing else, in each report', () => {
    const { enterprises } = generateDemoDistrict({
      seed: 7,
      enterprises: 20,
      subdistricts: jiulongpoSubdistricts,
      asOf: '2026-03-31',
    });
    const rows = [
      ...iterateReports(enterprises, { seed: 7, from: '2026-01', to: '2026-03', asOf: '2026-03-31' }),
    ];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['period', 'uscc', ...figureKeys].sort());
      expect(consistencyIssues(r)).toEqual([]);
    }
  });

  it("the rule language's measures name every figure, with the catalogue's column, kind and unit", () => {
    expect([...figureCodes].sort()).toEqual([...figureKeys].sort());
    for (const f of figureCatalogue) {
      expect(ruleFigures[f.key]).toEqual({
        zh: f.labels.zh,
        en: f.labels.enInline,
        kind: f.kind,
        unit: f.unit,
        column: f.column,
      });
    }
  });
});
