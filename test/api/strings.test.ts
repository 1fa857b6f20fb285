// Strings PostgreSQL cannot store (U+0000, lone UTF-16 surrogates) are refused with 400 on every route, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Client, signedIn, startPlatform, type Platform } from '../harness.ts';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  anyOf?: Schema[];
  oneOf?: Schema[];
}
interface Operation {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const takesString = (s: Schema | undefined): boolean =>
  !!s &&
  (s.type === 'string' ||
    (Array.isArray(s.type) && s.type.includes('string')) ||
    (s.anyOf ?? s.oneOf ?? []).some(takesString));

const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';
const uuid = '00000000-0000-4000-8000-000000000001';

let p: Platform;
let admin: Client;
let noticeId: string;
beforeAll(async () => {
  p = await startPlatform({ demoEnterprises: 40 });
  admin = await signedIn(p.app, 'admin', ADMIN_PASSWORD);
  const policy = (
    await admin.request('POST', '/api/policies', {
      code: 'stringsPolicy',
      status: 'active',
      definition: {
        name: '字符测试政策',
        eligibility: { kind: 'aboveScale', value: true },
        parameters: { reward: { label: '奖励', unit: '万元', values: [{ from: '2026-01-01', value: 1 }] } },
        benefit: { formula: { kind: 'param', name: 'reward' } },
      },
    })
  ).json<{ id: string }>();
  const batch = (await admin.request('POST', `/api/policies/${policy.id}/batches`, {})).json<{
    batch: { id: string };
  }>();
  noticeId = batch.batch.id;
  expect((await admin.request('POST', `/api/grant-batches/${noticeId}/publish`, {})).statusCode).toBe(200);
});
afterAll(() => p?.close());

describe('NUL and lone surrogates', () => {
  it('login with a NUL in the username: 400 naming the field', async () => {
    const res = await new Client(p.app).request('POST', '/api/auth/login', {
      username: NUL,
      password: 'whatever-password',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'username' }] });
  });

  it('a public objection with a lone surrogate in the name: 400 naming the field', async () => {
    const res = await new Client(p.app).request('POST', `/api/public/notices/${noticeId}/objections`, {
      enterpriseId: null,
      filerName: SURROGATE,
      filerContact: '13800000000',
      text: '异议',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'filerName' }] });
  });

  it('the registry export and searches with q=%00: 400, not a broken download', async () => {
    for (const url of ['/api/enterprises/export?q=%00', '/api/enterprises?q=a%00b']) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'query.q' }] });
    }
  });

  it('every route of the OpenAPI document refuses them in every string field and parameter', async () => {
    const doc = (await admin.get('/api/openapi.json')).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const failures: string[] = [];
    let tried = 0;
    for (const [route, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const pathParams = (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name);
        const urlWith = (bad?: string) =>
          route.replace(/\{(\w+)\}/g, (_m, name: string) =>
            name === bad
              ? encodeURIComponent(NUL)
              : name === 'id' && route.includes('notices')
                ? noticeId
                : uuid,
          );
        const tries: { url: string; body?: object; path: string }[] = [];
        for (const name of pathParams) tries.push({ url: urlWith(name), path: `params.${name}` });
        for (const q of (op.parameters ?? []).filter((x) => x.in === 'query' && takesString(x.schema)))
          tries.push({ url: `${urlWith()}?${q.name}=${encodeURIComponent(NUL)}`, path: `query.${q.name}` });
        const body = op.requestBody?.content?.['application/json']?.schema;
        for (const [name, prop] of Object.entries(body?.properties ?? {})) {
          if (!takesString(prop)) continue;
          tries.push({ url: urlWith(), body: { [name]: NUL }, path: name });
          tries.push({ url: urlWith(), body: { [name]: SURROGATE }, path: name });
        }
        for (const t of tries) {
          tried++;
          const res = await admin.request(
            method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE',
            t.url,
            method === 'get' ? undefined : (t.body ?? {}),
          );
          const paths =
            res.statusCode === 400 ? (res.json().fields ?? []).map((f: { path: string }) => f.path) : [];
          if (res.statusCode !== 400 || !paths.includes(t.path))
            failures.push(
              `${method.toUpperCase()} ${route} ${t.path}: ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
        }
      }
    }
    expect(tried).toBeGreaterThan(60);
    expect(failures).toEqual([]);
  });
});
