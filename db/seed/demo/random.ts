import { createHash } from "node:crypto";

export function pickFrom<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error("pickFrom: there is nothing to pick from");
  return item;
}

/** mulberry32, seeded from a SHA-1 of the name: small, fast and the same on every machine. */
export function seededRandom(name: string): () => number {
  let state = createHash("sha1").update(`baton-demo-rng:${name}`).digest().readUInt32LE(0);
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // The first outputs of nearby seeds cluster; a few discarded draws spread them out.
  for (let i = 0; i < 4; i++) next();
  return next;
}
