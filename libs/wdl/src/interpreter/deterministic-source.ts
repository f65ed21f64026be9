/**
 * Deterministic ids and random numbers. The run state holds a seed and a counter; every draw advances
 * the counter, so replaying the same events yields the same GUIDs, tracking ids and back-off delays.
 */

/** 32-bit FNV-1a over a string, with a salt to derive independent words. */
function fnv1a(text: string, salt: number): number {
  let hash = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // Final avalanche (murmur3 fmix32) so nearby inputs give unrelated outputs.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function hex(word: number): string {
  return word.toString(16).padStart(8, '0');
}

/** A lower-case RFC 4122 version-4-shaped UUID derived from `seed` and `counter`. */
export function deterministicGuid(seed: string, counter: number): string {
  const key = `${seed}:${counter}`;
  const words = [fnv1a(key, 1), fnv1a(key, 2), fnv1a(key, 3), fnv1a(key, 4)].map(hex).join('');
  const variant = ((parseInt(words.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${words.slice(0, 8)}-${words.slice(8, 12)}-4${words.slice(13, 16)}-${variant}${words.slice(17, 20)}-${words.slice(20, 32)}`;
}

/** A number uniform in [0, 1) derived from `seed` and `counter`. */
export function deterministicRandom(seed: string, counter: number): number {
  const key = `${seed}:${counter}`;
  // 53 bits from two words, like Math.random's precision.
  const high = fnv1a(key, 11) >>> 5;
  const low = fnv1a(key, 12) >>> 6;
  return (high * 67108864 + low) / 9007199254740992;
}

/** Stable short hash of a JSON document, used to find a compiled plan again. */
export function documentHash(text: string): string {
  return `${hex(fnv1a(text, 21))}${hex(fnv1a(text, 22))}`;
}
