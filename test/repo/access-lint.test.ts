// The access seam is enforced, not only documented: ESLint refuses a role compared outside a policy or access file
// (and `npm run check` runs ESLint over the whole tree, so no such comparison can land).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: repoRoot });

async function roleFindings(code: string, file: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
}

const decisions = [
  "export const f = (user: { role: string }) => user.role === 'admin';",
  "export const f = (user: { role: string } | null) => user?.role !== 'enterprise';",
  "export const f = (role: string) => 'subdistrict' === role;",
  'export function f(user: { role: string }) { switch (user.role) { default: return 1; } }',
  'export const f = (roles: string[], user: { role: string }) => roles.includes(user.role);',
];

describe('the role-comparison lint rule', () => {
  it.each(decisions)('refuses %s in a route, a store and a web page', async (code) => {
    expect(await roleFindings(code, 'src/modules/somewhere/somewhere.routes.ts')).toBe(1);
    expect(await roleFindings(code, 'src/modules/somewhere/somewhere.store.ts')).toBe(1);
    expect(await roleFindings(code, 'web/src/modules/somewhere/SomePage.tsx')).toBe(1);
  });

  it.each(decisions)('allows %s in a policy or access file', async (code) => {
    expect(await roleFindings(code, 'src/modules/somewhere/somewhere.policy.ts')).toBe(0);
    expect(await roleFindings(code, 'web/src/modules/somewhere/somewhere.access.ts')).toBe(0);
  });

  it('leaves other roles alone (a unit leading a task is data, not access)', async () => {
    expect(
      await roleFindings("export const f = (a: { role: string }) => a.role === 'lead';", 'src/x/x.ts'),
    ).toBe(0);
  });
});
