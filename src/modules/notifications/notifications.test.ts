// Whose inbox a user reads, and how a notification is worded for e-mail and SMS.
import { describe, expect, it } from 'vitest';
import { audienceOf, type Reader } from './notifications.policy.ts';
import { messageFor } from './notifications.ts';

const base = { id: 'u1', districtId: 'd', unitId: null, enterpriseId: null };
const reader = (r: Partial<Reader>): Reader => ({ ...base, role: 'admin', ...r });

describe('audienceOf', () => {
  it('gives each role its own inbox plus the unit or enterprise it is bound to', () => {
    expect(audienceOf(reader({ role: 'department', unitId: 'jxw' }), ['office'])).toEqual([
      { kind: 'user', id: 'u1' },
      { kind: 'unit', id: 'jxw' },
    ]);
    expect(audienceOf(reader({ role: 'subdistrict', unitId: 'sqp' }), [])).toEqual([
      { kind: 'user', id: 'u1' },
      { kind: 'unit', id: 'sqp' },
    ]);
    expect(audienceOf(reader({ role: 'enterprise', enterpriseId: 'e1' }), ['office'])).toEqual([
      { kind: 'user', id: 'u1' },
      { kind: 'enterprise', id: 'e1' },
    ]);
    expect(audienceOf(reader({ role: 'operator', operatorId: 'op1' }), ['office'])).toEqual([
      { kind: 'user', id: 'u1' },
      { kind: 'operator', id: 'op1' },
    ]);
  });

  it('adds the plan office for administrators, and nothing for an account without a binding', () => {
    expect(audienceOf(reader({ role: 'admin' }), ['office'])).toEqual([
      { kind: 'user', id: 'u1' },
      { kind: 'unit', id: 'office' },
    ]);
    expect(audienceOf(reader({ role: 'enterprise' }), ['office'])).toEqual([{ kind: 'user', id: 'u1' }]);
    expect(audienceOf(reader({ role: 'operator' }), ['office'])).toEqual([{ kind: 'user', id: 'u1' }]);
  });
});

describe('messageFor', () => {
  const n = { title: '指标预警', body: '新增从业人员低于进度。', link: '/monitoring/targets/newEmployees' };

  it('signs an SMS 【满天星】 at the start and appends the link when the address is known', () => {
    expect(messageFor(n, 'sms', '13800000000', 'https://mtx.example.cn')).toEqual({
      to: '13800000000',
      subject: '指标预警',
      text: '【满天星】指标预警：新增从业人员低于进度。 https://mtx.example.cn/monitoring/targets/newEmployees',
    });
  });

  it('puts the link under the body of an e-mail, and leaves it out without a base address', () => {
    expect(messageFor(n, 'email', 'a@b.cn', 'https://mtx.example.cn/').text).toBe(
      '新增从业人员低于进度。\n\n查看详情：https://mtx.example.cn/monitoring/targets/newEmployees',
    );
    expect(messageFor(n, 'email', 'a@b.cn')).toEqual({
      to: 'a@b.cn',
      subject: '【满天星】指标预警',
      text: '新增从业人员低于进度。',
    });
  });
});
