/**
 * The result of a plugin call (upstream's framework.Status): a code, the reasons shown to users (joined into the
 * FailedScheduling message), the plugin that produced it (set by the runtime), and for Error an underlying error.
 */
export enum Code {
  Success = 0,
  /** An internal error: the pod is retried with backoff, the message is not a per-node verdict. */
  Error = 1,
  /** Does not fit now; preemption may help. */
  Unschedulable = 2,
  /** Does not fit and preemption on this node cannot help (e.g. node affinity, nodeName). */
  UnschedulableAndUnresolvable = 3,
  /** A Permit plugin asks the pod to wait. */
  Wait = 4,
  /** The plugin has nothing to do for this pod (PreFilter/PreScore): its Filter/Score are skipped. */
  Skip = 5,
  /** Pending (upstream 1.30+): rejected for a reason that resolves without a cluster event. */
  Pending = 6,
}

export const CODE_NAMES: Record<Code, string> = {
  [Code.Success]: 'Success',
  [Code.Error]: 'Error',
  [Code.Unschedulable]: 'Unschedulable',
  [Code.UnschedulableAndUnresolvable]: 'UnschedulableAndUnresolvable',
  [Code.Wait]: 'Wait',
  [Code.Skip]: 'Skip',
  [Code.Pending]: 'Pending',
};

export class Status {
  /** The plugin that returned it (the runtime sets it when it is empty). */
  plugin = '';

  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
    readonly err?: unknown,
  ) {}

  static readonly SUCCESS = new Status(Code.Success);

  static success(): Status {
    return Status.SUCCESS;
  }

  static error(err: unknown): Status {
    return new Status(Code.Error, [err instanceof Error ? err.message : String(err)], err);
  }

  static unschedulable(...reasons: string[]): Status {
    return new Status(Code.Unschedulable, reasons);
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status(Code.UnschedulableAndUnresolvable, reasons);
  }

  static skip(): Status {
    return new Status(Code.Skip);
  }

  static wait(...reasons: string[]): Status {
    return new Status(Code.Wait, reasons);
  }

  withPlugin(plugin: string): this {
    if (!this.plugin && this !== (Status.SUCCESS as unknown)) this.plugin = plugin;
    return this;
  }

  isSuccess(): boolean {
    return this.code === Code.Success;
  }

  isSkip(): boolean {
    return this.code === Code.Skip;
  }

  isWait(): boolean {
    return this.code === Code.Wait;
  }

  /** Unschedulable, UnschedulableAndUnresolvable or Pending: a verdict about the pod, not a failure. */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable || this.code === Code.Pending;
  }

  message(): string {
    return this.reasons.join(', ');
  }

  toString(): string {
    return `${CODE_NAMES[this.code]}${this.plugin ? ` (${this.plugin})` : ''}${this.reasons.length ? `: ${this.message()}` : ''}`;
  }
}

/** Status of a nil-safe check: undefined counts as Success, as upstream's nil *Status. */
export const isSuccess = (s: Status | undefined): boolean => !s || s.isSuccess();

/**
 * A successful Score result a plugin reuses from one node to the next (ScorePlugin.score allows it: callers read a
 * result before the next call): Score runs for hundreds of nodes per pod, and a fresh object per node and plugin
 * was most of a scheduling cycle's garbage. Failures still return their own objects.
 */
export class ScoreResult {
  score = 0;
  readonly status: Status = Status.SUCCESS;

  of(score: number): this {
    this.score = score;
    return this;
  }
}
