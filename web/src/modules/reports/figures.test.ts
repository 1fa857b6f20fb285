// The web's view of the figures follows the server's catalogue: one form field, kind and text per figure.
import { describe, expect, it } from 'vitest';
import { figureCatalogue } from '@contracts/modules/reports/figures.ts';
import { figureKeys, figureKind, figureTexts, partKeys } from './figures.ts';

describe('the web figures', () => {
  it('have a kind, a label and a help text in both languages for every figure of the catalogue', () => {
    expect(Object.keys(figureKind)).toEqual(figureCatalogue.map((f) => f.key));
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const texts = figureTexts[lang].reportFigures as { label: object; help: object };
      expect(Object.keys(texts.label)).toEqual([...figureKeys]);
      expect(Object.keys(texts.help)).toEqual([...figureKeys]);
    }
    expect(figureKind.operatingRevenue).toBe('money');
    expect(figureKind.usedArea).toBe('area');
    expect(partKeys).toEqual(['coreTalents', 'softwareRevenue', 'softwareProductRevenue']);
  });
});
