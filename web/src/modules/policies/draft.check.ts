// The checks run before anything is sent, and the errors' paths as the editor's nodes pick out their own.
import {
  checkDefinition,
  policyDefinitionSchema,
  type CheckContext,
  type PolicyDefinition,
} from '@contracts/modules/policies/rules.ts';
import { definitionOut } from './draft.convert.ts';
import { paramNamePattern, type Draft, type FieldError } from './draft.model.ts';

const joinPath = (path: readonly PropertyKey[]) => path.map((p) => String(p)).join('.');

export interface Checked {
  /** The definition when it passes every check made here (the server checks again). */
  definition: PolicyDefinition | null;
  /** Faults with their dotted paths, as the server would give them (plus `parameterRows.<i>.name`, the editor's own). */
  errors: FieldError[];
}

/** Texts of the checks made only here (the rest come from the contract's schema, in Chinese like the server's). */
export interface CheckMessages {
  code: string;
  paramName: string;
  paramDuplicate: (name: string) => string;
  /** For an empty number or text. */
  required: string;
  /** For an empty list of choices. */
  pickOne: string;
}

/** The value at a dotted path of a JSON value. */
function valueAt(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const part of path.split('.')) {
    if (part === '') continue;
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** What kind of blank, if any, the value at `path` of the definition is: an empty number or text, or an empty list. */
function blankAt(out: unknown, path: string): 'value' | 'list' | null {
  const v = valueAt(out, path);
  if (v === null || v === undefined || v === '') return 'value';
  if (Array.isArray(v) && v.length === 0) return 'list';
  return null;
}

/**
 * Checks a draft as the server will: the schema, then units, references and formulas against the district's codes
 * (when `ctx` is known). Parameter names are checked here too, since the definition keys parameters by name.
 */
export function checkDraft(
  d: Draft,
  ctx: CheckContext | null,
  creating: boolean,
  messages: CheckMessages,
): Checked {
  const errors: FieldError[] = [];
  if (creating && !paramNamePattern.test(d.code))
    errors.push(
      d.code === ''
        ? { path: 'code', message: messages.required, blank: true }
        : { path: 'code', message: messages.code },
    );
  const seen = new Set<string>();
  d.parameters.forEach((p, i) => {
    if (!paramNamePattern.test(p.name))
      errors.push({ path: `parameterRows.${i}.name`, message: messages.paramName });
    else if (seen.has(p.name))
      errors.push({ path: `parameterRows.${i}.name`, message: messages.paramDuplicate(p.name) });
    seen.add(p.name);
  });
  const out = definitionOut(d);
  const parsed = policyDefinitionSchema.safeParse(out);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // a parameter's name is the key of its entry: a bad one is reported above, on its row
      if (issue.code === 'invalid_key' && issue.path.length === 2 && issue.path[0] === 'parameters') continue;
      const path = joinPath(issue.path);
      const blank = blankAt(out, path);
      // “请填写” says more than the schema's “无效输入” about a field left empty
      const message =
        blank === 'value' ? messages.required : blank === 'list' ? messages.pickOne : issue.message;
      errors.push({ path, message, blank: blank !== null });
    }
    return { definition: null, errors };
  }
  if (ctx) errors.push(...checkDefinition(parsed.data, ctx));
  return { definition: errors.length ? null : parsed.data, errors };
}

/** A server path as the editor names it ('definition.eligibility…' → 'eligibility…'). */
export const editorPath = (path: string): string => path.replace(/^definition\./, '');

/** Errors at exactly `path`. */
export const errorsAt = (errors: readonly FieldError[], path: string): string[] =>
  errors.filter((e) => e.path === path).map((e) => e.message);

/**
 * Errors that belong to the node at `path` and not to a node nested in it: the node's own path and its settings,
 * but not what lies under one of `containers` (conditions.i, condition, args.i), which the nested nodes show.
 */
export function ownErrors(
  errors: readonly FieldError[],
  path: string,
  containers: readonly string[] = [],
): string[] {
  return errors
    .filter((e) => {
      if (e.path === path) return true;
      if (!e.path.startsWith(`${path}.`)) return false;
      const rest = e.path.slice(path.length + 1).split('.');
      const head = rest[0] ?? '';
      if (!containers.includes(head)) return true;
      // `conditions` itself (too few) is the group's; `conditions.2…` is a child's; `condition…` is the child's
      return head !== 'condition' && rest.length === 1;
    })
    .map((e) => e.message);
}
