// The unified social credit code (统一社会信用代码, GB 32100-2015): normalise, validate, and build check characters.

/**
 * The 31 characters a USCC may use, in value order (0–30). GB 32100 leaves out I, O, Z, S and V
 * because they are easily mistaken for 1, 0, 2, 5 and U. The position of a character here is the
 * value the check-character formula uses, and the check value maps back through the same string.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** W_i = 3^(i-1) mod 31 for positions 1–17 (GB 32100-2015, table 3). */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714-1997 weights for the 8 body characters of the organisation code (positions 9–16 of a USCC). */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Registration authority (position 1) → the organisation types (position 2) it may issue.
 * GB 32100-2015 appendix A as amended (A = 中央军委改革和编制办公室, N = 农业 were added later);
 * Y (其他) does not subdivide and always uses 1.
 */
const ORG_TYPES_BY_AUTHORITY: Readonly<Record<string, string>> = {
  '1': '1239', // 机构编制: 机关, 事业单位, 中央编办直管群众团体, 其他
  '2': '19', // 外交: 外国常住新闻机构, 其他
  '3': '123459', // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
  '4': '19', // 文化: 外国在华文化中心, 其他
  '5': '1239', // 民政: 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 旅游: 外国旅游部门常驻代表机构, 港澳台地区旅游部门常驻代表机构, 其他
  '7': '129', // 宗教: 宗教活动场所, 宗教院校, 其他
  '8': '19', // 工会: 基层工会, 其他
  '9': '123', // 工商（市场监管）: 企业, 个体工商户, 农民专业合作社
  A: '19', // 中央军委改革和编制办公室: 军队事业单位, 其他
  N: '1239', // 农业: 组级、村级、乡镇级集体经济组织, 其他
  Y: '1', // 其他
};

/**
 * First two digits of a GB/T 2260 division code: the provinces, plus 10 for "100000", the code
 * national registration authorities (e.g. SAMR) use.
 */
// prettier-ignore
const PROVINCE_PREFIXES = new Set([
  '10', '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
]);

export type UsccFailureReason =
  | 'length'
  | 'charset'
  | 'registrationAuthority'
  | 'orgType'
  | 'divisionCode'
  | 'orgCodeCheck'
  | 'checkCharacter';

export type UsccValidation = { ok: true } | { ok: false; reason: UsccFailureReason; message: string };

const MESSAGES: Readonly<Record<UsccFailureReason, string>> = {
  length: '统一社会信用代码应为18位',
  charset: '统一社会信用代码只能由数字和大写字母组成，且不含 I、O、Z、S、V',
  registrationAuthority: '统一社会信用代码第1位（登记管理部门代码）无效',
  orgType: '统一社会信用代码第2位（机构类别代码）与登记管理部门不符',
  divisionCode: '统一社会信用代码第3–8位（登记管理机关行政区划码）无效',
  orgCodeCheck: '统一社会信用代码第9–17位（组织机构代码）校验码错误',
  checkCharacter: '统一社会信用代码校验位错误',
};

const fail = (reason: UsccFailureReason): UsccValidation => ({
  ok: false,
  reason,
  message: MESSAGES[reason],
});

/** Value of a character in the USCC charset, or -1. */
function usccValue(ch: string): number {
  return USCC_CHARSET.indexOf(ch);
}

/**
 * Value of an organisation-code character per GB 11714: digits are 0–9 and letters A–Z are 10–35
 * over the *full* alphabet (so J = 19, not 18 as in the USCC charset). Real codes such as
 * 91500107MA5YULYP9E only check out with this mapping.
 */
function orgCodeValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  return -1;
}

/** The GB 32100 check character for the first 17 characters; assumes they are in the charset. */
function usccCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccValue(body17.charAt(i)) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** The GB 11714 check character for an 8-character organisation-code body. */
function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeValue(body8.charAt(i)) * ORG_CODE_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

const CHARSET_RE = /^[0-9A-HJ-NPQRTUWXY]*$/;

/**
 * Normalise what people type or paste: full-width characters (ＡＢＣ１２３, ideographic space) become
 * half-width, letters become upper-case, and surrounding whitespace goes. Inner characters are kept,
 * so a code with a stray space still fails validation visibly instead of being silently changed.
 */
export function normalizeUscc(code: string): string {
  let out = '';
  for (const ch of code) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out.toUpperCase().trim();
}

/**
 * Check a USCC, already normalised, against GB 32100-2015: structure first, then the organisation
 * code's own GB 11714 check character, then the overall check character. Returns the first failure,
 * so the message names the part of the code the user should look at.
 */
export function validateUscc(code: string): UsccValidation {
  if (code.length !== 18) return fail('length');
  if (!CHARSET_RE.test(code)) return fail('charset');
  const orgTypes = ORG_TYPES_BY_AUTHORITY[code.charAt(0)];
  if (orgTypes === undefined) return fail('registrationAuthority');
  if (!orgTypes.includes(code.charAt(1))) return fail('orgType');
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division) || !PROVINCE_PREFIXES.has(division.slice(0, 2))) return fail('divisionCode');
  if (orgCodeCheckChar(code.slice(8, 16)) !== code.charAt(16)) return fail('orgCodeCheck');
  if (usccCheckChar(code.slice(0, 17)) !== code.charAt(17)) return fail('checkCharacter');
  return { ok: true };
}

/** True when `code` (normalised) is a valid USCC. */
export function isValidUscc(code: string): boolean {
  return validateUscc(code).ok;
}

/**
 * A 9-character organisation code: the 8-character body plus its GB 11714 check character.
 * The body must use USCC characters, since it becomes positions 9–16 of a USCC.
 */
export function makeOrgCode(first8: string): string {
  if (first8.length !== 8 || !CHARSET_RE.test(first8)) {
    throw new RangeError(`organisation-code body must be 8 USCC characters, got "${first8}"`);
  }
  return first8 + orgCodeCheckChar(first8);
}

/** A full USCC: the first 17 characters plus the GB 32100 check character. */
export function makeUscc(body17: string): string {
  if (body17.length !== 17 || !CHARSET_RE.test(body17)) {
    throw new RangeError(`USCC body must be 17 USCC characters, got "${body17}"`);
  }
  return body17 + usccCheckChar(body17);
}
