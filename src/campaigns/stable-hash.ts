/**
 * A 64-bit hash that gives the same value for the same text on every run and machine:
 * FNV-1a over the UTF-8 bytes, then the MurmurHash3 `fmix64` finalizer. FNV-1a alone
 * barely changes its top bits when only the last character differs (as in sequential
 * customer ids), and the finalizer spreads every input bit over the whole word. The
 * arithmetic runs on two unsigned 32-bit halves to avoid BigInt in the per-customer path.
 */

/** A 64-bit unsigned value as two unsigned 32-bit halves. */
export interface Hash64 {
  hi: number;
  lo: number;
}

const FNV_OFFSET_BASIS: Hash64 = { hi: 0xcbf29ce4, lo: 0x84222325 };
const FMIX_FIRST: Hash64 = { hi: 0xff51afd7, lo: 0xed558ccd };
const FMIX_SECOND: Hash64 = { hi: 0xc4ceb9fe, lo: 0x1a85ec53 };
const TWO_POW_32 = 4_294_967_296;
const TWO_POW_53 = 9_007_199_254_740_992;

// A module-level alias skips the global lookup, which is slow inside a vm context
// such as jest's test environment.
const imul = Math.imul;

/** Hashes `text` with 64-bit FNV-1a over its UTF-8 encoding. */
export function fnv1a64(text: string): Hash64 {
  let hi = FNV_OFFSET_BASIS.hi;
  let lo = FNV_OFFSET_BASIS.lo;

  const addByte = (byte: number): void => {
    lo = (lo ^ byte) >>> 0;
    // Multiply by the FNV prime 2^40 + 0x1b3: the low half times 0x1b3 needs up to 41
    // bits, which a double represents exactly, and the 2^40 term only shifts into the high half.
    const lowProduct = lo * 0x1b3;
    const lowWord = lowProduct >>> 0;
    const carry = (lowProduct - lowWord) / TWO_POW_32;
    hi = (imul(hi, 0x1b3) + carry + (lo << 8)) >>> 0;
    lo = lowWord;
  };

  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        index++;
      }
    }

    if (code < 0x80) {
      addByte(code);
    } else if (code < 0x800) {
      addByte(0xc0 | (code >> 6));
      addByte(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      // A lone surrogate lands here and is hashed as its three-byte form, as in WTF-8.
      addByte(0xe0 | (code >> 12));
      addByte(0x80 | ((code >> 6) & 0x3f));
      addByte(0x80 | (code & 0x3f));
    } else {
      addByte(0xf0 | (code >> 18));
      addByte(0x80 | ((code >> 12) & 0x3f));
      addByte(0x80 | ((code >> 6) & 0x3f));
      addByte(0x80 | (code & 0x3f));
    }
  }
  return { hi, lo };
}

/** Applies the MurmurHash3 64-bit finalizer, which makes every input bit affect every output bit. */
export function fmix64(value: Hash64): Hash64 {
  let mixed = shiftXor33(value);
  mixed = multiply64(mixed, FMIX_FIRST);
  mixed = shiftXor33(mixed);
  mixed = multiply64(mixed, FMIX_SECOND);
  return shiftXor33(mixed);
}

/** Maps `text` to a number in [0, 1) from the top 53 bits of its mixed hash. */
export function unitHash(text: string): number {
  const { hi, lo } = fmix64(fnv1a64(text));
  return (hi * 2 ** 21 + (lo >>> 11)) / TWO_POW_53;
}

export function toHex(value: Hash64): string {
  return value.hi.toString(16).padStart(8, '0') + value.lo.toString(16).padStart(8, '0');
}

/** Computes `value ^ (value >>> 33)` on 64 bits. */
function shiftXor33(value: Hash64): Hash64 {
  return { hi: value.hi, lo: (value.lo ^ (value.hi >>> 1)) >>> 0 };
}

/** Multiplies two 64-bit values modulo 2^64. */
function multiply64(a: Hash64, b: Hash64): Hash64 {
  const low = multiply32(a.lo, b.lo);
  const hi = (low.hi + imul(a.hi, b.lo) + imul(a.lo, b.hi)) >>> 0;
  return { hi, lo: low.lo };
}

/** Multiplies two unsigned 32-bit values into their full 64-bit product, in 16-bit pieces. */
function multiply32(a: number, b: number): Hash64 {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;

  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;

  const middle = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const lo = (((middle & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  const hi = (p11 + (p01 >>> 16) + (p10 >>> 16) + (middle >>> 16)) >>> 0;
  return { hi, lo };
}
