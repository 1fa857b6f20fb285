// Decimal text rounding: half away from zero on the digits, where floats misround.
import { describe, expect, it } from 'vitest';
import {
  groupThousands,
  plainDecimal,
  roundDecimalText,
  roundHalfAway,
  shiftDecimalText,
} from './decimal.ts';

describe('decimal text', () => {
  it('writes numbers without exponents', () => {
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(1.5e21)).toBe('1500000000000000000000');
    expect(plainDecimal(-2.5)).toBe('-2.5');
    expect(plainDecimal('105090.5')).toBe('105090.5');
  });

  it('moves the decimal point exactly', () => {
    expect(shiftDecimalText('10050', -4)).toBe('1.005');
    expect(shiftDecimalText('1.1', 4)).toBe('11000');
  });

  it('rounds half away from zero (四舍五入), also where toFixed and Math.round misround', () => {
    expect((1.005).toFixed(2)).toBe('1.00'); // the float's own answer, for contrast
    expect(roundDecimalText('1.005', 2)).toBe('1.01');
    expect(roundHalfAway(1.005, 2)).toBe('1.01');
    expect(roundHalfAway(105090.5, 0)).toBe('105091');
    expect(roundHalfAway(-105090.5, 0)).toBe('-105091');
    expect(roundHalfAway(0.5, 0)).toBe('1');
    expect(roundHalfAway(2.5, 0)).toBe('3'); // not to even
    expect(roundHalfAway(9.995, 2)).toBe('10');
    expect(roundHalfAway(-0.004, 2)).toBe('0');
    expect(roundHalfAway(10050, 2, -4)).toBe('1.01');
    expect(roundHalfAway(8007531306, 2, -8)).toBe('80.08');
  });

  it('groups thousands', () => {
    expect(groupThousands('1234567.891')).toBe('1,234,567.891');
    expect(groupThousands('-1000')).toBe('-1,000');
    expect(groupThousands('999')).toBe('999');
  });
});
