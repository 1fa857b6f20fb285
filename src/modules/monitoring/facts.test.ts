// The fact table copies every figure of the catalogue under the reports column's name (indicators.sql.ts relies on it).
import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { figureCatalogue } from '../reports/figures.ts';
import { flowMeasures, stockMeasures } from '../plan/plan-file.ts';
import { monitoringFacts } from './monitoring.schema.ts';

describe('monitoring_facts and the figure catalogue', () => {
  it('has one column per figure, named as in reports', () => {
    const byName = new Map(Object.entries(getTableColumns(monitoringFacts)).map(([k, c]) => [c.name, k]));
    for (const f of figureCatalogue) expect(byName.get(f.column), f.key).toBe(f.key);
  });

  it('offers the formulas the catalogue stocks and flows', () => {
    expect(stockMeasures).toEqual(figureCatalogue.filter((f) => f.kind === 'stock').map((f) => f.key));
    expect(flowMeasures).toEqual(figureCatalogue.filter((f) => f.kind === 'flow').map((f) => f.key));
  });
});
