/**
 * A small structured logger on pino: `logger.info('message', { key: value })`, one child per component
 * (`logger.child({ component: 'apiserver' })`). Text output is klog-like (`I0612 10:11:12.345678 1234 apiserver]
 * "message" key="value"`), JSON output is one object per line. Logs go to stderr unless a destination is given.
 */
import { pino, type Logger as PinoLogger } from 'pino';
import { formatTextLine } from './text.js';

export type LogFields = Record<string, unknown>;
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'text' | 'json';
export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'silent'];

export interface Logger {
  error(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  trace(msg: string, fields?: LogFields): void;
  /** A logger that adds `bindings` (e.g. `{ component: 'scheduler' }`) to every line. */
  child(bindings: LogFields): Logger;
  /** Whether a line at `level` would be written: guard expensive field computation with it. */
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
}

export interface LoggerOptions {
  format?: LogFormat;
  level?: LogLevel;
  /** Where lines go; defaults to process.stderr. */
  destination?: { write(line: string): unknown };
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const out = opts.destination ?? process.stderr;
  const format = opts.format ?? 'text';
  const stream = format === 'json' ? out : { write: (line: string) => out.write(formatTextLine(line)) };
  const p = pino(
    {
      level: opts.level ?? 'info',
      base: { pid: process.pid },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  return wrap(p);
}

/** A logger that writes nothing (tests, library defaults). */
export const nopLogger: Logger = createLogger({ level: 'silent', destination: { write: () => true } });

function wrap(p: PinoLogger): Logger {
  const at = (level: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: LogFields) => {
    if (fields) p[level](fields, msg);
    else p[level](msg);
  };
  return {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    child: (bindings) => wrap(p.child(bindings)),
    enabled: (level) => p.isLevelEnabled(level),
  };
}

/**
 * The level from command-line flags: `--log-level` wins; otherwise klog's `--v` verbosity (0–1 info, 2–4 debug,
 * 5+ trace).
 */
export function levelFromFlags(flags: { v?: number; logLevel?: string }): LogLevel {
  if (flags.logLevel) {
    if (!(LOG_LEVELS as readonly string[]).includes(flags.logLevel)) {
      throw new Error(`unknown log level "${flags.logLevel}"; use one of ${LOG_LEVELS.join(', ')}`);
    }
    return flags.logLevel as LogLevel;
  }
  const v = flags.v ?? 0;
  if (v >= 5) return 'trace';
  if (v >= 2) return 'debug';
  return 'info';
}
