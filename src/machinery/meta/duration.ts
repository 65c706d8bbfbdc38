/**
 * Human-readable durations, as upstream's k8s.io/apimachinery/pkg/util/duration.HumanDuration (the AGE column):
 * precision falls as the duration grows, e.g. 43s, 119s, 2m, 5m30s, 10m, 179m, 3h, 7h59m, 8h, 47h, 2d, 2d5h, 8d,
 * 729d, 2y, 2y30d, 8y. Seconds are truncated, never rounded; a small negative skew (≥ -1s) prints "0s".
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

const withRemainder = (whole: number, unit: string, part: number, partUnit: string): string =>
  part === 0 ? `${whole}${unit}` : `${whole}${unit}${part}${partUnit}`;

/** `ms` is a duration in milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) return withRemainder(minutes, 'm', seconds % 60, 's');
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) return withRemainder(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(ms / DAY);
  if (hours < 24 * 8) return withRemainder(days, 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(ms / YEAR);
  if (hours < 24 * 365 * 8) return withRemainder(years, 'y', days % 365, 'd');
  return `${years}y`;
}
