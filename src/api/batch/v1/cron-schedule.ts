/**
 * The standard cron syntax CronJobs use (five fields, as the robfig/cron "standard" parser upstream uses):
 * `minute hour day-of-month month day-of-week`, each `*`, `?`, `N`, `N-M`, `N-M/S`, `* /S` or a list of those
 * joined by commas; month and weekday names (JAN, sun); and the descriptors @yearly, @annually, @monthly,
 * @weekly, @daily, @midnight, @hourly and `@every <duration>`. Errors carry the parser's messages.
 */

export interface CronSchedule {
  /** Allowed values of each field, or `every` seconds for `@every`. */
  minute: Set<number>;
  hour: Set<number>;
  dayOfMonth: Set<number>;
  month: Set<number>;
  dayOfWeek: Set<number>;
  /** True when day-of-month or day-of-week was `*`/`?` (cron then matches on the other one only). */
  domStar: boolean;
  dowStar: boolean;
  everySeconds?: number;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function parseNumber(text: string, b: Bounds, expr: string): number {
  const named = b.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^-?[0-9]+$/.test(text)) throw new Error(`failed to parse int from ${text}: strconv.Atoi: parsing "${text}": invalid syntax`);
  const n = Number(text);
  if (n < 0) throw new Error(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseRange(expr: string, b: Bounds, out: Set<number>): boolean {
  const slash = expr.split('/');
  if (slash.length > 2) throw new Error(`too many slashes: ${expr}`);
  const dash = slash[0]!.split('-');
  if (dash.length > 2) throw new Error(`too many hyphens: ${expr}`);
  const star = dash[0] === '*' || dash[0] === '?';
  let start = star ? b.min : parseNumber(dash[0]!, b, expr);
  let end = star ? b.max : dash.length === 2 ? parseNumber(dash[1]!, b, expr) : start;
  let step = 1;
  if (slash.length === 2) {
    step = Number(slash[1]);
    if (!/^[0-9]+$/.test(slash[1]!)) parseNumber(slash[1]!, b, expr);
    if (step <= 0) throw new Error(`step of range should be a positive number: ${expr}`);
    if (!star && dash.length === 1) end = b.max;
  }
  if (start < b.min) throw new Error(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new Error(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  for (; start <= end; start += step) out.add(start);
  return star && slash.length === 1;
}

function parseField(field: string, b: Bounds): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const part of field.split(',')) star = parseRange(part, b, values) || star;
  return { values, star };
}

/** Go-style durations for `@every`: `1h30m`, `90s`, `500ms`. */
function parseDuration(text: string): number {
  const re = /([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h)/gy;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(text))) {
    total += Number(m[1]) * unit[m[2]!]!;
    consumed = re.lastIndex;
  }
  if (!text || consumed !== text.length) throw new Error(`failed to parse duration ${text}: time: invalid duration "${text}"`);
  return total;
}

export function parseCronSchedule(spec: string): CronSchedule {
  const trimmed = spec.trim();
  if (trimmed.length === 0) throw new Error('empty spec string');
  if (trimmed.startsWith('@every ')) {
    const secs = parseDuration(trimmed.slice('@every '.length).trim());
    const all = (b: Bounds): Set<number> => parseField('*', b).values;
    return { minute: all(FIELDS[0]!), hour: all(FIELDS[1]!), dayOfMonth: all(FIELDS[2]!), month: all(FIELDS[3]!), dayOfWeek: all(FIELDS[4]!), domStar: true, dowStar: true, everySeconds: Math.max(secs, 1) };
  }
  let text = trimmed;
  if (text.startsWith('@')) {
    const expanded = DESCRIPTORS[text];
    if (!expanded) throw new Error(`unrecognized descriptor: ${text}`);
    text = expanded;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [mi, h, dom, mo, dow] = fields.map((f, i) => parseField(f, FIELDS[i]!));
  return {
    minute: mi!.values, hour: h!.values, dayOfMonth: dom!.values, month: mo!.values, dayOfWeek: dow!.values,
    domStar: dom!.star, dowStar: dow!.star,
  };
}

/** The messages of an invalid schedule (empty when valid), as CronJob validation reports them. */
export function cronScheduleErrors(spec: string): string[] {
  try {
    parseCronSchedule(spec);
    return [];
  } catch (e) {
    return [(e as Error).message];
  }
}
