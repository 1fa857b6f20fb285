// Lint rules for server, web and tests: typescript-eslint's recommended set plus React hooks.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const roleLiteral = '/^(admin|department|subdistrict|enterprise)$/';
const roleMessage =
  "Decide access in the module's *.policy.ts (server) or *.access.ts (web), not by comparing roles here.";
const roleDecisions = [
  `BinaryExpression[left.property.name='role'][right.value=${roleLiteral}]`,
  `BinaryExpression[right.property.name='role'][left.value=${roleLiteral}]`,
  `BinaryExpression[left.name='role'][right.value=${roleLiteral}]`,
  `BinaryExpression[right.name='role'][left.value=${roleLiteral}]`,
  `BinaryExpression[left.expression.property.name='role'][right.value=${roleLiteral}]`,
  `BinaryExpression[right.expression.property.name='role'][left.value=${roleLiteral}]`,
  "SwitchStatement[discriminant.property.name='role']",
  "CallExpression[callee.property.name='includes'] > MemberExpression.arguments[property.name='role']",
].map((selector) => ({ selector, message: roleMessage }));

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', 'data', 'migrations', 'test-results', 'scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['scripts/**/*.mjs'], languageOptions: { globals: globals.node } },
  {
    // Access is decided in each module's policy (server) or access (web) file: a role compared anywhere else is a
    // decision made outside the seam (docs/architecture.md, "Access").
    files: ['src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    ignores: [
      '**/*.policy.ts',
      '**/*.access.ts',
      'src/platform/auth/scope.ts',
      'web/src/app/access.ts',
      '**/*.test.ts',
      '**/*.test.tsx',
    ],
    rules: { 'no-restricted-syntax': ['error', ...roleDecisions] },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
