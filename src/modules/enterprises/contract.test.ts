// The enterprise form's checks that are not obvious: what a phone number is, and the template's example row.
import { describe, expect, it } from 'vitest';
import { enterpriseInputSchema, isPhoneNumber } from './enterprises.contract.ts';
import { EXAMPLE_USCC, importColumns } from './enterprises.import.ts';
import { isValidUscc } from './uscc.ts';

describe('isPhoneNumber', () => {
  it.each([
    '13800001234',
    '138 0000 1234',
    '+86 138-0000-1234',
    '023-68000000',
    '02368000000',
    '(023)68000000',
    '68000000',
    '023-68000000转123',
  ])('accepts %s', (v) => expect(isPhoneNumber(v)).toBe(true));

  it.each(['1234', '12345678901', '023-1234', '10086', 'abc', '138000012345'])('refuses %s', (v) =>
    expect(isPhoneNumber(v)).toBe(false),
  );

  it('is what the form checks, with a message saying what is expected', () => {
    const base = {
      uscc: EXAMPLE_USCC,
      name: '重庆示例软件科技有限公司',
      registrationDate: '2021-06-18',
      subdistrictId: '00000000-0000-4000-8000-000000000000',
    };
    const bad = enterpriseInputSchema.safeParse({ ...base, contactPhone: '1234' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('电话号码格式不正确');
    expect(enterpriseInputSchema.safeParse({ ...base, contactPhone: '' }).success).toBe(true);
  });
});

describe("the template's example row", () => {
  it('passes the checks it shows: a valid USCC, date and phone', () => {
    const example = Object.fromEntries(importColumns.map((c) => [c.key, c.example]));
    expect(isValidUscc(example.uscc!)).toBe(true);
    expect(isPhoneNumber(example.contactPhone!)).toBe(true);
    expect(example.registrationDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
