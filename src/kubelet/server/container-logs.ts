/**
 * GET /containerLogs/{namespace}/{pod}/{container}?follow&previous&tailLines&sinceSeconds&sinceTime&timestamps&limitBytes
 * (upstream kubelet's containerLogs endpoint). Answers text/plain, streamed: the headers go out at once so a
 * following client sees 200 before the first line; the body ends with the log (or, with follow, when the container
 * stops running); a client that goes away stops the read. Errors before the first byte are Status answers.
 */
import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { parsePodLogOptions, type PodLogOptions } from '../../api/core/v1/pod-log-options.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { readCriLog, type LogReadOptions } from '../logs/reader.js';
import { rfc3339ToNanos } from '../logs/cri-record.js';
import { currentContainer, previousLogPath, type ContainerRef, type KubeletServerRuntime } from './containers.js';
import { badRequest, notFound, statusOf } from './respond.js';
import { StatusError } from '../../machinery/errors/status.js';

export interface ContainerLogsContext {
  runtime: KubeletServerRuntime;
  clock: Clock;
  pollIntervalMs?: number;
}

export async function serveContainerLogs(ctx: ContainerLogsContext, res: ServerResponse, ref: ContainerRef, query: URLSearchParams): Promise<void> {
  const { options, problems } = parsePodLogOptions(query);
  if (problems.length) throw badRequest(problems.map((p) => `${p.field}: ${p.message}`).join(', '));
  const current = await currentContainer(ctx.runtime, ref);
  const path = options.previous ? await previousLogPath(ctx.runtime, ref) : current.logPath;
  if (!path) throw new StatusError(statusOf(501, 'NotImplemented', `the container runtime keeps no log file for container "${ref.container}"`));
  const following = options.follow && !options.previous;
  const ac = new AbortController();
  res.on('close', () => ac.abort());
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
  };
  // Open errors (a log file already removed) are answered as a Status; once streaming, a failure cuts the body.
  if (following) start();
  try {
    await readCriLog(path, readOptions(options, ctx.clock, following), async (chunk) => {
      start();
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }, {
      signal: ac.signal,
      isRunning: async () => (await ctx.runtime.containerStatus(current.id).catch(() => undefined))?.state === 'CONTAINER_RUNNING',
      clock: ctx.clock,
      ...(ctx.pollIntervalMs ? { pollIntervalMs: ctx.pollIntervalMs } : {}),
    });
  } catch (err) {
    if (started) return void res.destroy();
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(`log file of container "${ref.container}" in pod "${ref.pod}" not found`);
    throw err;
  }
  start();
  res.end();
}

function readOptions(o: PodLogOptions, clock: Clock, follow: boolean): LogReadOptions {
  const out: LogReadOptions = { timestamps: o.timestamps, follow };
  if (o.tailLines !== undefined) out.tailLines = o.tailLines;
  if (o.limitBytes !== undefined) out.limitBytes = o.limitBytes;
  if (o.sinceTime !== undefined) out.sinceNs = rfc3339ToNanos(o.sinceTime) ?? BigInt(Date.parse(o.sinceTime)) * 1_000_000n;
  if (o.sinceSeconds !== undefined) out.sinceNs = BigInt(clock.now().getTime() - o.sinceSeconds * 1000) * 1_000_000n;
  return out;
}
