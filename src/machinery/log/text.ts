/**
 * klog-like text rendering of one pino JSON line:
 *   I0612 10:11:12.345678 1234 apiserver] "Serving" address="127.0.0.1:6443"
 * The component binding takes klog's file:line place; other fields follow as key=value with quoted strings.
 */
const LEVEL_LETTER: Record<string, string> = { trace: 'T', debug: 'D', info: 'I', warn: 'W', error: 'E', fatal: 'F' };
const SKIP = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'component']);

export function formatTextLine(jsonLine: string): string {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const letter = LEVEL_LETTER[String(rec.level)] ?? 'I';
  const when = klogTime(typeof rec.time === 'string' ? new Date(rec.time) : new Date());
  const where = typeof rec.component === 'string' ? rec.component : 'k8ts';
  const head = `${letter}${when} ${String(rec.pid ?? process.pid)} ${where}] ${JSON.stringify(String(rec.msg ?? ''))}`;
  const kv = Object.entries(rec)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => `${k}=${renderValue(v)}`);
  return [head, ...kv].join(' ') + '\n';
}

function klogTime(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getMonth() + 1)}${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds() * 1000, 6)}`;
}

function renderValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v && typeof v === 'object' && 'message' in v && 'type' in v) {
    return JSON.stringify(String((v as { message: unknown }).message)); // pino's serialized Error
  }
  return JSON.stringify(v) ?? 'undefined';
}
