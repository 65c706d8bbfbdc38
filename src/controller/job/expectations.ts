/**
 * Creations and deletions a controller has asked for and not yet seen in its informer (upstream's
 * ControllerExpectations, kept minimal until controller/framework's lands): a job is not managed again until
 * its pods' events caught up, or until the expectations are 5 minutes old (a lost event must not wedge a job).
 */
import type { Clock } from '../../machinery/clock/clock.js';

const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Pending {
  adds: number;
  dels: number;
  at: number;
}

export class Expectations {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly clock: Clock) {}

  expect(key: string, adds: number, dels: number): void {
    this.pending.set(key, { adds, dels, at: this.clock.now().getTime() });
  }

  creationObserved(key: string, n = 1): void {
    const p = this.pending.get(key);
    if (p) p.adds -= n;
  }

  deletionObserved(key: string, n = 1): void {
    const p = this.pending.get(key);
    if (p) p.dels -= n;
  }

  satisfied(key: string): boolean {
    const p = this.pending.get(key);
    if (!p) return true;
    return (p.adds <= 0 && p.dels <= 0) || this.clock.now().getTime() - p.at > EXPECTATIONS_TIMEOUT_MS;
  }

  delete(key: string): void {
    this.pending.delete(key);
  }
}
