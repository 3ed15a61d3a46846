// A seeded pseudo-random generator (SPEC §5.1: deterministic for a given --seed): the
// roster never touches Math.random. mulberry32 over a splitmix-style scramble of the seed.

export type Random = () => number;

/** Uniform in [0, 1), the same sequence for the same seed and stream. */
export function seededRandom(seed: number, stream = 0): Random {
  const lo = Math.trunc(seed) >>> 0;
  const hi = Math.floor(Math.trunc(seed) / 4294967296) >>> 0;
  let s = scramble((lo ^ scramble(hi ^ Math.imul(stream + 1, 0x9e3779b9))) >>> 0);
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function scramble(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** An integer in [0, n). */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}
