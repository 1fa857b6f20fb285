// Decimal text (pure, shared with the web): numbers rounded half away from zero (四舍五入) on their digits, never via floats.

/** A finite number or numeric text as plain decimal digits, without an exponent: 1e-7 → '0.0000001'. */
export function plainDecimal(value: number | string): string {
  const [m, e = '0'] = String(value).trim().toLowerCase().split('e');
  const exp = Number(e);
  const neg = m!.startsWith('-');
  const [int = '0', frac = ''] = m!.replace(/^[-+]/, '').split('.');
  const digits = (int || '0') + frac;
  const point = (int || '0').length + exp;
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  const clean = body
    .replace(/^0+(?=\d)/, '')
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return neg ? `-${clean}` : clean;
}

/** Decimal text times 10^k, by moving the point: ('105090', -4) → '10.509'. */
export function shiftDecimalText(text: string, k: number): string {
  return plainDecimal(`${text}e${k}`);
}

/**
 * Decimal text rounded to `digits` places half away from zero, on its digits — 1.005 × 100 is 100.49999999999999
 * in floating point, so Math.round and toFixed give 1.00 where the digits say 1.01. Trailing zeros are dropped.
 */
export function roundDecimalText(text: string, digits: number): string {
  const plain = plainDecimal(text);
  const neg = plain.startsWith('-');
  const [int, frac = ''] = (neg ? plain.slice(1) : plain).split('.');
  let kept = (int! + frac.padEnd(digits, '0').slice(0, digits)).split('').map(Number);
  if ((frac[digits] ?? '0') >= '5') {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === 9) kept[i--] = 0;
    if (i < 0) kept = [1, ...kept];
    else kept[i]! += 1;
  }
  const all = kept.join('');
  const intPart = all.slice(0, all.length - digits).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = all.slice(all.length - digits).replace(/0+$/, '');
  const out = fracPart ? `${intPart}.${fracPart}` : intPart;
  return neg && /[1-9]/.test(out) ? `-${out}` : out;
}

/** `value` × 10^shift rounded to `digits` places half away from zero: (10050, 2, -4) → '1.01' (10050 元 in 万元). */
export function roundHalfAway(value: number | string, digits: number, shift = 0): string {
  return roundDecimalText(shiftDecimalText(plainDecimal(value), shift), digits);
}

/** Thousands separators on decimal text: '1234567.5' → '1,234,567.5'. */
export const groupThousands = (text: string) =>
  text.replace(/^(-?\d+)/, (i) => i.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
