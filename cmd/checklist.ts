/**
 * The startup checklist: one line per step with its duration, `✓ certificates (12 ms)`, or `✗ API server: …` when
 * it fails. On a terminal the running step shows as `… title` until it finishes.
 */
export interface StepContext {
  /** What the finished line says; a step may refine it once it knows more (a path, a port). */
  title: string;
}

export const formatDuration = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

export class Checklist {
  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async step<T>(title: string, fn: (ctx: StepContext) => Promise<T>): Promise<T> {
    const ctx: StepContext = { title };
    if (this.out.isTTY) this.out.write(`… ${title}`);
    const start = this.now();
    try {
      const value = await fn(ctx);
      this.done(ctx.title, this.now() - start);
      return value;
    } catch (err) {
      this.line(`✗ ${ctx.title}: ${(err as Error).message}`);
      throw Object.assign(err as object, { reported: true });
    }
  }

  /** A step that ran elsewhere (the control plane's own steps). */
  done(title: string, ms: number): void {
    this.line(`✓ ${title} (${formatDuration(ms)})`);
  }

  line(text: string): void {
    this.out.write(`${this.out.isTTY ? '\r\x1b[K' : ''}${text}\n`);
  }
}

/** Whether a Checklist step already printed this error. */
export const wasReported = (err: unknown): boolean => typeof err === 'object' && err !== null && (err as { reported?: boolean }).reported === true;
