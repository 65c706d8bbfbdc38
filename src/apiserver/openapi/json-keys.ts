/**
 * A small scanner over raw JSON text that reports every object key in document order, with its parent path and
 * whether the key repeats within its object (JSON.parse silently keeps the last value of a duplicate key).
 * The callback decides whether the scanner looks inside the key's value.
 */

/** Path segments: object keys (strings) and array indexes (numbers). */
export type PathSegments = (string | number)[];

/** Called for each key; return false to skip reporting anything inside its value. */
export type KeyCallback = (parent: PathSegments, key: string, duplicate: boolean) => boolean;

/** `spec.template.spec.containers[0].image` (upstream's strict-decoding path form). */
export function formatPath(segs: PathSegments, last?: string): string {
  let out = '';
  for (const s of segs) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  if (last !== undefined) out += out === '' ? last : `.${last}`;
  return out;
}

class Scanner {
  private i = 0;
  private readonly path: PathSegments = [];

  constructor(
    private readonly s: string,
    private readonly onKey: KeyCallback,
  ) {}

  run(): void {
    this.value(true);
  }

  private ws(): void {
    const s = this.s;
    let c = s.charCodeAt(this.i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++this.i);
  }

  private value(report: boolean): void {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') this.object(report);
    else if (c === '[') this.array(report);
    else if (c === '"') this.string();
    else this.scalar();
  }

  private scalar(): void {
    const s = this.s;
    while (this.i < s.length && !',]} \n\r\t'.includes(s[this.i]!)) this.i++;
  }

  private string(): string {
    const s = this.s;
    const start = ++this.i;
    let escaped = false;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (Number.isNaN(c)) throw new Error('unterminated string');
      if (c === 92) {
        escaped = true;
        this.i += 2;
      } else if (c === 34) break;
      else this.i++;
    }
    const end = this.i++;
    return escaped ? (JSON.parse(s.slice(start - 1, end + 1)) as string) : s.slice(start, end);
  }

  /** Consumes `,` (returns true) or the closing bracket (returns false). */
  private next(close: string): boolean {
    this.ws();
    const c = this.s[this.i++];
    if (c === ',') return true;
    if (c === close) return false;
    throw new Error(`unexpected ${c ?? 'end'} in JSON at ${this.i - 1}`);
  }

  private object(report: boolean): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    const seen = report ? new Set<string>() : undefined;
    do {
      this.ws();
      const key = this.string();
      this.ws();
      this.i++; // ':'
      let inner = false;
      if (seen) {
        inner = this.onKey(this.path, key, seen.has(key));
        seen.add(key);
      }
      this.path.push(key);
      this.value(inner);
      this.path.pop();
    } while (this.next('}'));
  }

  private array(report: boolean): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    let index = 0;
    do {
      this.path.push(index++);
      this.value(report);
      this.path.pop();
    } while (this.next(']'));
  }
}

/** Walks every key of a (valid) JSON text in document order. Throws on malformed input. */
export function scanJsonKeys(raw: string, onKey: KeyCallback): void {
  new Scanner(raw, onKey).run();
}

/** The paths of duplicate keys, in document order (e.g. for a merge patch body). */
export function findDuplicateFields(raw: string): string[] {
  const out: string[] = [];
  scanJsonKeys(raw, (parent, key, duplicate) => {
    if (duplicate) out.push(formatPath(parent, key));
    return true;
  });
  return out;
}
