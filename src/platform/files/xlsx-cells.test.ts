// The xlsx reader's pure parts: date formats and serials, XML text and attributes, tags split across chunks.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isDateFormat, NO_CACHED_RESULT, numberText, serialDate, sheetRows } from './xlsx-cells.ts';
import { attr, decodeXml } from './xml-scan.ts';

describe('dates', () => {
  it('knows date formats from number formats', () => {
    for (const f of ['YYYY\\-MM\\-DD', 'yyyy/m/d', 'yyyy"年"m"月"d"日"', '[$-804]yyyy年m月d日', 'h:mm']) {
      expect(isDateFormat(f), f).toBe(true);
    }
    for (const f of ['General', '0.00', '#,##0 "元"', '0.00E+00', '[Red]0.0', '@'])
      expect(isDateFormat(f), f).toBe(false);
  });
  it('turns serials into dates (1900 and 1904 systems), dropping the time of day', () => {
    expect(serialDate(44365)).toBe('2021-06-18');
    expect(serialDate(44365.75)).toBe('2021-06-18');
    expect(serialDate(25569)).toBe('1970-01-01');
    expect(serialDate(42903, true)).toBe('2021-06-18');
  });
  it('writes numbers without float noise and marks lost precision', () => {
    expect(numberText(0)).toBe('0');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(915001077000000000)).toMatch(/^#LOSTPRECISION/);
  });
});

describe('xml text', () => {
  it('decodes entities, character references and _xHHHH_ escapes', () => {
    expect(decodeXml('a &amp; b &lt;c&gt; &#20013;&#x6587; x_x000D_y')).toBe('a & b <c> 中文 x\ry');
  });
  it('reads attributes by local name, either quote', () => {
    expect(attr(' name="企业名录" r:id=\'rId3\'', 'id')).toBe('rId3');
    expect(attr(' name="A &amp; B"', 'name')).toBe('A & B');
    expect(attr(' sheetId="1"', 'id')).toBeUndefined();
  });
});

describe('sheetRows', () => {
  const ctx = { strings: ['甲'], dates: new Set([1]), date1904: false, name: 'S' };
  const rows = async (chunks: string[]) => {
    const out = [];
    for await (const r of sheetRows(Readable.from(chunks.map((c) => Buffer.from(c))), ctx)) out.push(r);
    return out;
  };
  it('reads every cached value, errors and missing results per cell, hidden rows and stated row numbers', async () => {
    const xml =
      '<worksheet><sheetData><row r="3" hidden="true"><c r="A3" t="s"><v>0</v></c><c r="C3"><f>B3*0</f><v>0</v></c>' +
      '<c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E3"><f>SUM(A1)</f></c><c r="F3" s="1"><v>44365</v></c>' +
      '<c r="G3" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r><rPh><t>ふ</t></rPh></is></c></row>' +
      '<row r="9"><c r="B9" t="str"><f>A9</f><v><![CDATA[a<b]]></v></c></row></sheetData></worksheet>';
    // Split everywhere: inside tags, attributes, text, a multi-byte character.
    const bytes = Buffer.from(xml);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const out = [];
    for await (const r of sheetRows(Readable.from(chunks), ctx)) out.push(r);
    expect(out).toEqual([
      {
        row: 3,
        sheet: 'S',
        hidden: true,
        cells: ['甲', '', '0', '', '', '2021-06-18', '富文本'],
        problems: [
          { col: 3, reason: '单元格为错误值 #DIV/0!，请修正公式' },
          { col: 4, reason: NO_CACHED_RESULT },
        ],
      },
      { row: 9, sheet: 'S', cells: ['', 'a<b'] },
    ]);
    expect(await rows(['<worksheet><sheetData/></worksheet>'])).toEqual([]);
  });
  it('refuses a DOCTYPE (no entity expansion)', async () => {
    await expect(rows(['<!DOCTYPE x [<!ENTITY a "b">]><worksheet/>'])).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });
});
