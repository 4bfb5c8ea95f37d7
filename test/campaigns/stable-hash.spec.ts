import fc from 'fast-check';
import { fmix64, fnv1a64, toHex, unitHash } from '../../src/campaigns';

const MASK = (1n << 64n) - 1n;

/** Straightforward BigInt versions of both steps, to check the 32-bit-half arithmetic. */
function referenceFnv1a64(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & MASK;
  }
  return hash;
}

function referenceFmix64(value: bigint): bigint {
  let k = value;
  k ^= k >> 33n;
  k = (k * 0xff51afd7ed558ccdn) & MASK;
  k ^= k >> 33n;
  k = (k * 0xc4ceb9fe1a85ec53n) & MASK;
  k ^= k >> 33n;
  return k;
}

const hex = (value: bigint): string => value.toString(16).padStart(16, '0');
const fromHex = (text: string): { hi: number; lo: number } => ({
  hi: parseInt(text.slice(0, 8), 16),
  lo: parseInt(text.slice(8), 16),
});

describe(fnv1a64.name, () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('hashes %j to the published value', (text, expected) => {
    expect(toHex(fnv1a64(text))).toBe(expected);
  });

  it('matches BigInt arithmetic', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(toHex(fnv1a64(text))).toBe(hex(referenceFnv1a64(text)));
      }),
      { numRuns: 500 },
    );
  });
});

describe(fmix64.name, () => {
  it('matches BigInt arithmetic', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MASK }), (value) => {
        expect(toHex(fmix64(fromHex(hex(value))))).toBe(hex(referenceFmix64(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('maps zero to zero', () => {
    expect(toHex(fmix64({ hi: 0, lo: 0 }))).toBe('0000000000000000');
  });
});

describe(unitHash.name, () => {
  it('stays within [0, 1)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = unitHash(text);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThan(1);
      }),
    );
  });

  it('spreads ids that differ in the last character', () => {
    const values = Array.from({ length: 10 }, (_, index) => unitHash(`customer-${index}`));
    const tenths = new Set(values.map((value) => Math.floor(value * 10)));

    expect(tenths.size).toBeGreaterThanOrEqual(5);
  });
});
