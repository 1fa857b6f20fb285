// The browser-side check of an import file agrees with what the server accepts.
import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES, importFileProblem } from './importFile.ts';

describe('importFileProblem', () => {
  it('accepts .xlsx, .xls, .ods and .csv in any letter case up to the size limit', () => {
    expect(importFileProblem({ name: '企业.XLSX', size: 10 })).toBeNull();
    expect(importFileProblem({ name: 'reports.csv', size: IMPORT_MAX_BYTES })).toBeNull();
    expect(importFileProblem({ name: '旧表.xls', size: 10 })).toBeNull();
    expect(importFileProblem({ name: 'calc.ODS', size: 10 })).toBeNull();
  });
  it('refuses other types before their size', () => {
    expect(importFileProblem({ name: 'list.numbers', size: IMPORT_MAX_BYTES + 1 })).toBe('wrongType');
    expect(importFileProblem({ name: 'xlsx', size: 1 })).toBe('wrongType');
  });
  it('refuses a file one byte over the limit', () => {
    expect(importFileProblem({ name: 'big.xlsx', size: IMPORT_MAX_BYTES + 1 })).toBe('tooLarge');
  });
});
