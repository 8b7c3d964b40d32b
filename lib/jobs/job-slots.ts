/**
 * How many jobs one worker process may run at once: no more than its pool has connections, less a
 * reserve for pg-boss's bookkeeping beside them (completions, heartbeats) and the watchdog. Every job
 * needs a connection at some point; with more jobs in flight than connections, a job that holds one
 * and wants a second (a transaction that reads outside it) can wait on jobs that wait on it.
 */
export function jobSlotsFor(poolMax: number): number {
  return Math.max(1, poolMax - 1);
}

/** A counting semaphore: `run` waits for a free slot, in arrival order, and frees it when the work settles. */
export class JobSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`A worker needs at least one job slot, not ${size}.`);
    this.free = size;
  }

  /** Jobs running now, and jobs fetched that wait for a slot. */
  get stats(): { running: number; waiting: number } {
    return { running: this.size - this.free, waiting: this.waiting.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so a newcomer cannot overtake it.
      if (next) next();
      else this.free++;
    }
  }
}
