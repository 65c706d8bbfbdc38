/** Parsers for flag values; each error says what a valid value looks like. */
import { InvalidArgumentError } from 'commander';

export const DATA_DIR_HELP = 'state directory (default: $K8TS_DATA_DIR, /var/lib/k8ts as root, else ~/.k8ts)';

export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('must be a port number 0–65535 (0 picks a free port)');
  return n;
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number, e.g. 2');
  return Number(value);
}

export function parseSeconds(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new InvalidArgumentError('must be a number of seconds, e.g. 30');
  return Number(value);
}

export const parseList = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);
