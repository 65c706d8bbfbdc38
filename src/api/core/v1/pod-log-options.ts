/**
 * PodLogOptions (the query of `pods/{name}/log` and of the kubelet's `/containerLogs`), parsed and validated as
 * upstream's ValidatePodLogOptions: tailLines ≥ 0, limitBytes ≥ 1, sinceSeconds ≥ 1, at most one of sinceSeconds
 * and sinceTime. Shared by the API server (which validates before it proxies) and the kubelet (which reads).
 */

export interface PodLogOptions {
  container?: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  /** RFC 3339 as given (second or finer precision). */
  sinceTime?: string;
}

/** A problem with one parameter, e.g. `{ field: 'tailLines', message: 'must be greater than or equal to 0' }`. */
export interface LogOptionsProblem {
  field: string;
  message: string;
}

const TRUE = new Set(['true', '1', 'True', 'TRUE', 't', 'T']);
const flag = (q: URLSearchParams, name: string): boolean => {
  const v = q.get(name);
  return v !== null && (v === '' || TRUE.has(v));
};

function int(q: URLSearchParams, name: string, problems: LogOptionsProblem[]): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) {
    problems.push({ field: name, message: `invalid value "${v}": not an integer` });
    return undefined;
  }
  return Number(v);
}

export function parsePodLogOptions(q: URLSearchParams): { options: PodLogOptions; problems: LogOptionsProblem[] } {
  const problems: LogOptionsProblem[] = [];
  const options: PodLogOptions = { follow: flag(q, 'follow'), previous: flag(q, 'previous'), timestamps: flag(q, 'timestamps') };
  const container = q.get('container');
  if (container) options.container = container;
  const tailLines = int(q, 'tailLines', problems);
  const limitBytes = int(q, 'limitBytes', problems);
  const sinceSeconds = int(q, 'sinceSeconds', problems);
  if (tailLines !== undefined) {
    if (tailLines < 0) problems.push({ field: 'tailLines', message: 'must be greater than or equal to 0' });
    else options.tailLines = tailLines;
  }
  if (limitBytes !== undefined) {
    if (limitBytes < 1) problems.push({ field: 'limitBytes', message: 'must be greater than 0' });
    else options.limitBytes = limitBytes;
  }
  if (sinceSeconds !== undefined) {
    if (sinceSeconds < 1) problems.push({ field: 'sinceSeconds', message: 'must be greater than 0' });
    else options.sinceSeconds = sinceSeconds;
  }
  const sinceTime = q.get('sinceTime');
  if (sinceTime) {
    if (Number.isNaN(Date.parse(sinceTime))) problems.push({ field: 'sinceTime', message: `invalid value "${sinceTime}": not an RFC 3339 time` });
    else options.sinceTime = sinceTime;
  }
  if (options.sinceSeconds !== undefined && options.sinceTime !== undefined) {
    problems.push({ field: 'sinceSeconds', message: 'at most one of `sinceTime` or `sinceSeconds` may be specified' });
  }
  return { options, problems };
}

/** The query string that carries `options` on to the kubelet (only what is set, `container` excluded). */
export function podLogQuery(options: PodLogOptions): URLSearchParams {
  const q = new URLSearchParams();
  if (options.follow) q.set('follow', 'true');
  if (options.previous) q.set('previous', 'true');
  if (options.timestamps) q.set('timestamps', 'true');
  if (options.tailLines !== undefined) q.set('tailLines', String(options.tailLines));
  if (options.limitBytes !== undefined) q.set('limitBytes', String(options.limitBytes));
  if (options.sinceSeconds !== undefined) q.set('sinceSeconds', String(options.sinceSeconds));
  if (options.sinceTime !== undefined) q.set('sinceTime', options.sinceTime);
  return q;
}
