/**
 * Resource quantities, as upstream's k8s.io/apimachinery/pkg/api/resource: `100m`, `1Gi`, `1e3`, `0.5`.
 *
 * A Quantity holds its value exactly as a count of nano-units (10^-9), which is the finest precision upstream
 * keeps: a value with more precision is rounded up, away from zero (`0.1n` → `1n`). It also remembers the format
 * its suffix was written in, because the canonical form keeps that format:
 *   - BinarySI (`Ki` … `Ei`): the largest power of 1024 that divides the value (`1536Mi` → `1536Mi`, `2048Mi` →
 *     `2Gi`); a value that is not a whole number, or lies strictly between -1024 and 1024, prints as DecimalSI.
 *   - DecimalSI (`n u m "" k M G T P E`): the largest power of 1000 that leaves an integer mantissa
 *     (`1.5` → `1500m`, `1000k` → `1M`, `1.5M` → `1500k`).
 *   - DecimalExponent (`e3`, `E-6`): the same choice of power, written `e<3n>` (`1.5e3` → `1500`, `1000e3` → `1e6`).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export class QuantityError extends Error {
  override name = 'QuantityError';
}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXP = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const NANO = 1_000_000_000n;
const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Divides rounding up, away from zero. */
function divCeilAway(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b === 0n ? q : q + (a < 0n ? -1n : 1n);
}

interface Suffix {
  format: QuantityFormat;
  /** value = number × base^exp */
  base: 2 | 10;
  exp: number;
}

function parseSuffix(s: string): Suffix | undefined {
  if (s in DECIMAL_SUFFIXES) return { format: 'DecimalSI', base: 10, exp: DECIMAL_SUFFIXES[s]! };
  if (s in BINARY_SUFFIXES) return { format: 'BinarySI', base: 2, exp: BINARY_SUFFIXES[s]! };
  const m = /^[eE]([-+]?[0-9]+)$/.exec(s);
  if (m) return { format: 'DecimalExponent', base: 10, exp: Number(m[1]) };
  return undefined;
}

/** Nano-units of `digits` (an integer string scaled by 10^-fractionDigits) × base^exp, rounded up. */
function toNanos(digits: bigint, fractionDigits: number, suffix: Suffix): bigint {
  let num = digits * NANO;
  let den = pow10(fractionDigits);
  if (suffix.base === 2) num *= 2n ** BigInt(suffix.exp);
  else if (suffix.exp >= 0) num *= pow10(suffix.exp);
  else den *= pow10(-suffix.exp);
  return divCeilAway(num, den);
}

export class Quantity {
  constructor(
    /** The value in units of 10^-9. */
    readonly nanos: bigint,
    readonly format: QuantityFormat = 'DecimalSI',
  ) {}

  static parse(input: string | number): Quantity {
    const text = typeof input === 'number' ? String(input) : input;
    if (text.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
    const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(text);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new QuantityError(QUANTITY_FORMAT_ERROR);
    const suffix = parseSuffix(m[4]!.replace(/^e\+/, 'e').replace(/^E\+/, 'E'));
    if (!suffix) throw new QuantityError(QUANTITY_SUFFIX_ERROR);
    const frac = m[3] ?? '';
    const digits = BigInt(`${m[2] || '0'}${frac}`);
    const nanos = toNanos(digits, frac.length, suffix);
    return new Quantity(m[1] === '-' ? -nanos : nanos, suffix.format);
  }

  static fromInt(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value) * NANO, format);
  }

  static fromMilli(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(milli) * 1_000_000n, format);
  }

  isZero(): boolean {
    return this.nanos === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.nanos === 0n ? 0 : this.nanos < 0n ? -1 : 1;
  }

  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nanos === other.nanos ? 0 : this.nanos < other.nanos ? -1 : 1;
  }

  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.format);
  }

  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.format);
  }

  /** The value rounded up to a whole number, as upstream's Value(). */
  value(): number {
    return Number(divCeilAway(this.nanos, NANO));
  }

  /** The value in thousandths, rounded up, as upstream's MilliValue(). */
  milliValue(): number {
    return Number(divCeilAway(this.nanos, 1_000_000n));
  }

  /** An approximate float, for ratios and display. */
  toNumber(): number {
    return Number(this.nanos) / 1e9;
  }

  /** The canonical form (see the file comment). */
  toString(): string {
    if (this.nanos === 0n) return '0';
    if (this.format === 'BinarySI' && this.nanos % NANO === 0n) {
      const whole = this.nanos / NANO;
      if (whole <= -1024n || whole >= 1024n) return formatBinary(whole);
    }
    return formatDecimal(this.nanos, this.format === 'DecimalExponent');
  }

  toJSON(): string {
    return this.toString();
  }
}

function formatBinary(whole: bigint): string {
  let mantissa = whole;
  let power = 0;
  while (power < 6 && mantissa % 1024n === 0n) {
    mantissa /= 1024n;
    power++;
  }
  return `${mantissa}${BINARY_BY_POWER[power]}`;
}

function formatDecimal(nanos: bigint, exponent: boolean): string {
  let mantissa = nanos;
  let exp = -9;
  while (mantissa % 1000n === 0n && (exponent || exp < 18)) {
    mantissa /= 1000n;
    exp += 3;
  }
  if (exponent) return exp === 0 ? `${mantissa}` : `${mantissa}e${exp}`;
  return `${mantissa}${DECIMAL_BY_EXP.get(exp) ?? `e${exp}`}`;
}

/** Parses, or returns undefined for text that is not a quantity. */
export function tryParseQuantity(input: unknown): Quantity | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  try {
    return Quantity.parse(input);
  } catch {
    return undefined;
  }
}

/** The canonical text of a quantity (`1000m` → `1`, `1024Mi` → `1Gi`); throws QuantityError when invalid. */
export const canonicalQuantity = (input: string | number): string => Quantity.parse(input).toString();
