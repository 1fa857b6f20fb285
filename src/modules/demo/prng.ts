// A small seedable random number generator and the few distributions the demo district draws from.
//
// Why not a library: the demo must give the same district for the same seed on every machine and
// every future version, so the algorithm is part of the data's definition. mulberry32 is 10 lines,
// public domain, fast (one closure over a 32-bit state), and good enough for synthetic data — it is
// not for anything secret. Math.random() cannot be seeded; a dependency could change its stream.

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32 (Tommy Ettinger): a 32-bit state, period 2^32. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mix two 32-bit integers into one well-spread 32-bit seed (murmur3's finaliser). Used to give every
 * enterprise its own stream, seeded by (district seed, index): enterprise #i is then the same whether
 * 1,500 or 100,000 are generated, and any one can be produced without the ones before it.
 */
export function mix32(a: number, b: number): number {
  let h = (a ^ Math.imul(b ^ 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** An integer in [min, max]. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** A standard normal draw (Box–Muller; one of the pair is thrown away to keep the stream simple). */
export function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1], so log(u) is finite
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A uniformly chosen element; a string counts as a list of its characters. */
export function pick<T>(rng: Rng, items: ArrayLike<T>): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[Math.floor(rng() * items.length)]!;
}

/** Index drawn with probability proportional to its weight; weights ≥ 0, at least one > 0. */
export function weightedIndex(rng: Rng, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let x = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  // only reachable through rounding at the very top of the range
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  throw new RangeError('weightedIndex needs a positive weight');
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * A bijection of [0, size) onto itself, i ↦ (a·i + b) mod size, with a and b taken from the seed.
 * It hands out unique values (company names, organisation codes) by index, so uniqueness needs no
 * memory of what was already used — the generator stays constant-memory at 100,000 enterprises.
 * The products stay below 2^53 for sizes up to ~9·10^7, which is all this module needs.
 */
export function affinePermutation(size: number, seed: number): (i: number) => number {
  if (!Number.isSafeInteger(size) || size < 1 || size > 90_000_000)
    throw new RangeError(`bad permutation size ${size}`);
  if (size === 1) return () => 0;
  let a = (mix32(seed, 0x51ed) % (size - 1)) + 1;
  while (gcd(a, size) !== 1) a = (a % (size - 1)) + 1;
  const b = mix32(seed, 0xb0b) % size;
  return (i) => (a * i + b) % size;
}
