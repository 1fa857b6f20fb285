// Texts of the service desk, pure: the possible-duplicate measure and the anonymised form a published request takes.
//
// Duplicates: Chinese has no spaces between words and no segmenter is installed (a dictionary segmenter such as
// jieba is deliberately not a dependency), so two requests are compared on their character bigrams: the text
// (title and description) lower-cased, everything but letters and digits (CJK included) removed, then every pair of
// adjacent characters. Similarity is the Jaccard index of the two bigram sets, |A ∩ B| ÷ |A ∪ B|: 1 for the same
// text, 0 for texts sharing no pair. A request is flagged when an earlier request of the same enterprise in the
// same category scores at least DUPLICATE_THRESHOLD; the most similar one is linked.

export const DUPLICATE_THRESHOLD = 0.5;

/** The text as compared: lower case, letters and digits only (any script). */
export const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The set of adjacent character pairs; a one-character text is its own single "pair". */
export function bigrams(text: string): Set<string> {
  const chars = [...normalise(text)];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Jaccard index of two bigram sets (0 when both are empty). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size && !b.size) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

export const similarity = (a: string, b: string) => jaccard(bigrams(a), bigrams(b));

/** The most similar earlier request at or above the threshold, with its score (rounded to two places). */
export function possibleDuplicate<T extends { id: string; text: string }>(
  text: string,
  earlier: readonly T[],
  threshold = DUPLICATE_THRESHOLD,
): { id: string; score: number } | null {
  const mine = bigrams(text);
  let best: { id: string; score: number } | null = null;
  for (const e of earlier) {
    const score = jaccard(mine, bigrams(e.text));
    if (score >= threshold && (!best || score > best.score)) best = { id: e.id, score };
  }
  return best && { id: best.id, score: Math.round(best.score * 100) / 100 };
}

/**
 * A text as the public knowledge base shows it: the enterprise's name (in full, and without its legal-form suffix),
 * the contact person, mobile and landline numbers, e-mail addresses and 18-character credit codes replaced.
 */
export function anonymise(text: string, names: { enterprise: string; contact?: string }): string {
  let out = text;
  const short = names.enterprise.replace(/(股份)?有限(责任)?公司$/, '');
  for (const n of [names.enterprise, short].filter((x) => x.length >= 2)) out = out.split(n).join('某企业');
  if (names.contact && names.contact.length >= 2) out = out.split(names.contact).join('某联系人');
  return out
    .replace(/[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}/g, '［统一社会信用代码］')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '［邮箱］')
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, '［电话］')
    .replace(/(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g, '［电话］');
}
