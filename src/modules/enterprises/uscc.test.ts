// Tests of USCC handling against real published codes and the GB 32100-2015 / GB 11714 rules.
import { describe, expect, it } from 'vitest';
import { USCC_CHARSET, isValidUscc, makeOrgCode, makeUscc, normalizeUscc, validateUscc } from './uscc.ts';

/**
 * Codes of real companies as published in their registrations (each seen in several independent
 * public sources), chosen to cover old numeric organisation codes, new "MA…" codes, an X check
 * character in the organisation code, and Chongqing / Jiulongpo (500107) registrations.
 */
const REAL_CODES: readonly [string, string][] = [
  ['914403001922038216', '华为技术有限公司'],
  ['9144030071526726XG', '腾讯科技（深圳）有限公司'],
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
  ['91110108551385082Q', '小米科技有限责任公司'],
  ['91110000710925462X', '中国石油天然气股份有限公司 (national registration, division 110000)'],
  ['91500107MA5YULYP9E', 'a company registered in Jiulongpo (500107), new-style MA code'],
  ['91500107597969534Q', 'a company registered in Jiulongpo (500107), old numeric organisation code'],
  ['91500105MA602G82X7', 'a Chongqing company whose organisation code ends in X'],
];

describe('validateUscc accepts real codes', () => {
  it.each(REAL_CODES)('%s (%s) is valid', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true });
  });
});

describe('validateUscc rejects every single-character change of a valid code', () => {
  it.each(REAL_CODES.map(([c]) => c))('no one-character edit of %s passes', (code) => {
    const passing: string[] = [];
    for (let pos = 0; pos < 18; pos++) {
      for (const ch of USCC_CHARSET) {
        if (ch === code[pos]) continue;
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        if (isValidUscc(changed)) passing.push(changed);
      }
    }
    expect(passing).toEqual([]);
  });

  it('a wrong last character is reported as a wrong check character', () => {
    expect(validateUscc('914403001922038217')).toEqual({
      ok: false,
      reason: 'checkCharacter',
      message: '统一社会信用代码校验位错误',
    });
  });

  it('swapping two adjacent characters is caught', () => {
    expect(isValidUscc('914403001922038261')).toBe(false);
    expect(isValidUscc('914430001922038216')).toBe(false);
  });
});

describe('validateUscc names what is wrong', () => {
  const reason = (code: string) => {
    const r = validateUscc(code);
    return r.ok ? 'ok' : r.reason;
  };

  it('rejects codes that are not 18 characters', () => {
    expect(reason('')).toBe('length');
    expect(reason('91440300192203821')).toBe('length');
    expect(reason('9144030019220382166')).toBe('length');
  });

  it('rejects lower-case letters and the excluded letters I, O, Z, S, V', () => {
    expect(reason('9144030071526726xg')).toBe('charset');
    for (const bad of ['I', 'O', 'Z', 'S', 'V']) expect(reason(`91500107MA5YULYP9${bad}`)).toBe('charset');
    expect(reason('91440300192203821-')).toBe('charset');
    expect(validateUscc('9144030071526726xg')).toMatchObject({
      message: expect.stringContaining('大写字母'),
    });
  });

  it('rejects an unknown registration authority and an organisation type the authority does not issue', () => {
    expect(reason(makeUscc(`B1500107${makeOrgCode('MA5YULYP')}`))).toBe('registrationAuthority');
    expect(reason(makeUscc(`94500107${makeOrgCode('MA5YULYP')}`))).toBe('orgType');
    expect(reason(makeUscc(`Y2500107${makeOrgCode('MA5YULYP')}`))).toBe('orgType');
    // other real combinations are accepted: 事业单位, 民办非企业单位, 个体工商户, 集体经济组织
    for (const head of ['12', '52', '92', 'N2']) {
      expect(reason(makeUscc(`${head}500107${makeOrgCode('MA5YULYP')}`))).toBe('ok');
    }
  });

  it('rejects a division code that is not six digits of a real province', () => {
    expect(reason(makeUscc(`9150A107${makeOrgCode('MA5YULYP')}`))).toBe('divisionCode');
    expect(reason(makeUscc(`91990107${makeOrgCode('MA5YULYP')}`))).toBe('divisionCode');
    expect(reason(makeUscc(`91100000${makeOrgCode('71092546')}`))).toBe('ok');
  });

  it('rejects a code whose organisation-code check character is wrong even if the last character fits', () => {
    // 91500107MA5YULYP9E has organisation code MA5YULYP-9; put 8 there and recompute the 18th character.
    const forged = makeUscc('91500107MA5YULYP8');
    expect(validateUscc(forged)).toEqual({
      ok: false,
      reason: 'orgCodeCheck',
      message: '统一社会信用代码第9–17位（组织机构代码）校验码错误',
    });
  });
});

describe('normalizeUscc', () => {
  it('trims, upper-cases and converts full-width characters so a pasted code validates', () => {
    expect(normalizeUscc('  9144030071526726xg\n')).toBe('9144030071526726XG');
    expect(normalizeUscc('\u3000９１５００１０７ＭＡ５ＹＵＬＹＰ９ｅ\u3000')).toBe('91500107MA5YULYP9E');
    expect(isValidUscc(normalizeUscc('９１５００１０７ｍａ５ｙｕｌｙｐ９ｅ'))).toBe(true);
  });

  it('keeps inner spaces, so a broken code still fails rather than being silently altered', () => {
    expect(normalizeUscc('91440300 1922038216')).toBe('91440300 1922038216');
    expect(isValidUscc(normalizeUscc('9144030 01922038216'))).toBe(false);
  });
});

describe('makeOrgCode and makeUscc', () => {
  it('reproduce the check characters of real codes', () => {
    for (const [code] of REAL_CODES) {
      expect(makeOrgCode(code.slice(8, 16))).toBe(code.slice(8, 17));
      expect(makeUscc(code.slice(0, 17))).toBe(code);
    }
  });

  it('follow the GB 11714 special cases: 10 becomes X and 11 becomes 0', () => {
    expect(makeOrgCode('MA602G82')).toBe('MA602G82X');
    // an all-zero body sums to 0, so 11 − 0 = 11, written as 0
    expect(makeOrgCode('00000000')).toBe('000000000');
  });

  it('build codes that validate', () => {
    expect(isValidUscc(makeUscc(`91500107${makeOrgCode('MAC0K3T7')}`))).toBe(true);
  });

  it('refuse bodies of the wrong length or with characters outside the charset', () => {
    expect(() => makeUscc('9150010759796953')).toThrow(RangeError);
    expect(() => makeUscc('91500107MA5YULYI9')).toThrow(RangeError);
    expect(() => makeOrgCode('MA5YULY')).toThrow(RangeError);
    expect(() => makeOrgCode('ma5yulyp')).toThrow(RangeError);
  });
});
