/**
 * The project's one seeded PRNG (mulberry32): the simulator must give the same timeline for the same
 * seed on every machine, and the demo the same corpus, which `Math.random` cannot promise.
 * A `Random` is a function like `Math.random`; the helpers below draw other shapes from it.
 */
export type Random = () => number;

/** A float in [0, 1) per call, the same sequence for the same seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [min, max], inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A float in [min, max). */
export function randomBetween(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

/** An exponentially distributed float with the given mean (Poisson inter-arrival times). */
export function randomExponential(random: Random, mean: number): number {
  return -mean * Math.log(1 - random());
}

/**
 * Independent streams derived from one seed, one per purpose, so drawing one more arrival time does not
 * shift every service time: two policies compared on the same seed see exactly the same jobs.
 */
export function randomStream(seed: number, purpose: 'arrivals' | 'service' | 'phase'): Random {
  const salt = { arrivals: 0x9e3779b9, service: 0x85ebca6b, phase: 0xc2b2ae35 }[purpose];
  return seededRandom(Math.imul((seed >>> 0) ^ salt, 0x27d4eb2d) ^ salt);
}
