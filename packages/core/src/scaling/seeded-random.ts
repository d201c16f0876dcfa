/**
 * A small seeded PRNG (mulberry32). The simulator must give the same timeline for the same seed on
 * every machine, which `Math.random` cannot promise.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  /** An exponentially distributed float with the given mean (Poisson inter-arrival times). */
  exponential(mean: number): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    exponential: (mean) => -mean * Math.log(1 - next()),
  };
}

/**
 * Independent streams derived from one seed, one per purpose, so drawing one more arrival time does not
 * shift every service time: two policies compared on the same seed see exactly the same jobs.
 */
export function randomStream(seed: number, purpose: 'arrivals' | 'service' | 'phase'): Random {
  const salt = { arrivals: 0x9e3779b9, service: 0x85ebca6b, phase: 0xc2b2ae35 }[purpose];
  return seededRandom(Math.imul((seed >>> 0) ^ salt, 0x27d4eb2d) ^ salt);
}
