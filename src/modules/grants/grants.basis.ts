// What a public notice (公示) and a decision say the amounts were computed by (pure): the conditions, the formula and
// the parameter values of the policy version the batch was run under, generated from that version's rule and the
// parameters the batch stored — never from the policy's free text, which may name a number that no longer holds.
import { groupThousands } from '../../platform/decimal.ts';
import { conditionLines, formatNumber, formulaText, type Names } from '../policies/explain.ts';
import type { Parameter, PolicyDefinition } from '../policies/rules.ts';
import type { GrantBatch, NoticeBasis } from './grants.contract.ts';

/** An amount in exact 元, as notices, decisions and exports print it: “123,456 元”. */
export const yuanText = (yuan: number): string => `${groupThousands(String(Math.round(yuan)))} 元`;

/** A parameter's value in its own unit, as a notice prints it: “20 元/m²/月”, “50 万元”. */
export const parameterText = (p: { value: number; unit: string }): string =>
  Number.isFinite(p.value)
    ? `${formatNumber(p.value, 4)}${p.unit === '%' ? '%' : ` ${p.unit}`}`
    : `（未生效）${p.unit}`;

/**
 * The basis of a batch: `definition` is the version the batch was run under, `parameters` the values it stored
 * (in force at the end of its evaluation month). The formula and conditions name each parameter with its value.
 */
export function noticeBasis(
  definition: Pick<PolicyDefinition, 'eligibility' | 'benefit' | 'parameters'>,
  batch: Pick<GrantBatch, 'policyVersion' | 'period' | 'parameters'>,
  names: Names,
): NoticeBasis {
  // The rule's words with every parameter's label followed by its value: “租金补贴标准（20 元/m²/月）”.
  const valued: Record<string, Parameter> = Object.fromEntries(
    Object.entries(definition.parameters).map(([k, p]) => {
      const v = batch.parameters[k];
      return [k, { ...p, label: v ? `${p.label}（${parameterText(v)}）` : p.label }];
    }),
  );
  return {
    policyVersion: batch.policyVersion,
    period: batch.period,
    // In the stored version's order.
    parameters: Object.keys(definition.parameters)
      .filter((name) => batch.parameters[name])
      .map((name) => {
        const p = batch.parameters[name]!;
        return { name, label: p.label, value: p.value, unit: p.unit, text: parameterText(p) };
      }),
    conditions: conditionLines(definition.eligibility, valued, names),
    formula: definition.benefit ? formulaText(definition.benefit.formula, valued) : null,
  };
}

/** The basis as lines of prose, for the decision's notifications and documents. */
export function basisLines(basis: NoticeBasis): string[] {
  return [
    `测算依据：政策第 ${basis.policyVersion} 版，按 ${basis.period} 的数据测算。`,
    ...(basis.conditions.length ? ['认定条件：', ...basis.conditions.map((c) => `\u3000${c}`)] : []),
    ...(basis.formula ? [`补贴金额 = ${basis.formula}（元，四舍五入到元）`] : []),
    ...(basis.parameters.length
      ? [`参数取值：${basis.parameters.map((p) => `${p.label} ${p.text}`).join('；')}`]
      : []),
  ];
}
