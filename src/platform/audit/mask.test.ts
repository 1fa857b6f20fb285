// How personal data is shown to staff (hand-checked cases).
import { describe, expect, it } from 'vitest';
import { maskIp, maskPhone } from './mask.ts';

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '+86 1** **** 5678'],
    ['023-68781234', '023-****1234'],
    ['68781234', '****1234'],
    ['12345', '***45'],
    ['110', '***'],
    ['', ''],
  ])('%s → %s', (phone, shown) => {
    expect(maskPhone(phone)).toBe(shown);
  });

  it('never shows more than seven digits of a mobile, and keeps the length', () => {
    const m = maskPhone('13912345678');
    expect(m.replace(/\*/g, '')).toHaveLength(7);
    expect(m).toHaveLength(11);
  });

  it('leaves maskIp as it was', () => {
    expect(maskIp('192.168.1.20')).toBe('192.168.1.*');
  });
});
