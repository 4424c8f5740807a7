// A Bloom filter of the keys the ledger accepted: its "no" is certain, its "maybe" is settled by
// SQLite. Nearly every webhook carries a new key, and looking each one up in a file ledger was ~5% of
// the stub's CPU per request under autocannon; the filter answers those without the disk.
import { stubDefaults } from './defaults';

export interface KeyFilter {
  add(key: string): void;
  /** False: the key was never added. True: it may have been (about 2% wrong at a million keys). */
  mayHave(key: string): boolean;
}

const PROBES = 4;

/** `bits` must be a power of two; the default, 2^23, is 1 MiB. */
export function createKeyFilter(bits: number = stubDefaults.acceptedFilterBits): KeyFilter {
  if (!(Number.isInteger(Math.log2(bits)) && bits >= 32))
    throw new RangeError(`Expected \`bits\` to be a power of two of at least 32, got ${bits}`);
  const words = new Uint32Array(bits / 32);
  const mask = bits - 1;
  // Two 32-bit hashes (FNV-1a and a Murmur-style mix) combined for each probe (Kirsch–Mitzenmacher).
  const hashes = (key: string): [number, number] => {
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    for (let i = 0; i < key.length; i += 1) {
      const code = key.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995);
      b ^= b >>> 13;
    }
    return [a >>> 0, (b | 1) >>> 0];
  };
  const probe = (key: string, visit: (bit: number) => boolean): boolean => {
    const [a, b] = hashes(key);
    for (let i = 0; i < PROBES; i += 1) {
      if (!visit((a + Math.imul(i, b)) & mask)) return false;
    }
    return true;
  };
  return {
    add(key) {
      probe(key, (bit) => {
        words[bit >>> 5]! |= 1 << (bit & 31);
        return true;
      });
    },
    mayHave: (key) => probe(key, (bit) => (words[bit >>> 5]! & (1 << (bit & 31))) !== 0),
  };
}
