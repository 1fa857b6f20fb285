// Numbers named in a policy's free text (its summary, its source) that a parameter holds: the text does not follow the
// parameter when it changes, so a notice quoting it could contradict the payout. Notices and decisions state the
// parameters themselves (from data); the editor flags such numbers so the office writes the text without them.
import type { DraftParameter } from './draft.model.ts';

export interface NumberMention {
  /** The number as written, e.g. '15'. */
  text: string;
  param: string;
  label: string;
  unit: string;
  /** 'holds': the parameter's value today; 'stale': one of its earlier values, no longer in force. */
  kind: 'holds' | 'stale';
  /** The value in force today (null when none is yet). */
  current: number | null;
}

const fullWidth = (s: string) =>
  s.replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** Arabic numbers in a text (full-width digits too), with thousands separators dropped: '1,500' is 1500. */
export function numbersIn(text: string): { text: string; value: number }[] {
  const out: { text: string; value: number }[] = [];
  for (const m of fullWidth(text).matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g))
    out.push({ text: m[0], value: Number(m[0].replace(/,/g, '')) });
  return out;
}

/** The value of a parameter in force on `today` ('YYYY-MM-DD'): the latest one not after it. */
function inForce(p: DraftParameter, today: string): number | null {
  const dated = p.values.filter((v) => v.value !== null && v.from && v.from <= today);
  dated.sort((a, b) => a.from.localeCompare(b.from));
  return dated.at(-1)?.value ?? null;
}

/** Each number of `text` that equals a parameter's value today, or one of its former values; once per pair. */
export function numberMentions(text: string, parameters: DraftParameter[], today: string): NumberMention[] {
  const out: NumberMention[] = [];
  const seen = new Set<string>();
  for (const n of numbersIn(text)) {
    for (const p of parameters) {
      const current = inForce(p, today);
      const kind =
        current !== null && n.value === current
          ? 'holds'
          : p.values.some((v) => v.value === n.value)
            ? 'stale'
            : null;
      const key = `${n.value}:${p.name}`;
      if (!kind || seen.has(key)) continue;
      seen.add(key);
      out.push({ text: n.text, param: p.name, label: p.label || p.name, unit: p.unit, kind, current });
    }
  }
  return out;
}
