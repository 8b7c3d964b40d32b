import { AsyncLocalStorage } from "node:async_hooks";

// The running job's abort signal, for code far below the handler (an HTTP client, a lock wait) that
// should stop when pg-boss gives the job up (its timeout, a lost claim, a shutdown), so a retry never
// runs beside a first attempt that is still going. Outside a job there is none.
const current = new AsyncLocalStorage<AbortSignal>();

export function runWithJobSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return current.run(signal, work);
}

export function jobSignal(): AbortSignal | undefined {
  return current.getStore();
}

/** A request's own timeout, joined with the running job's signal when there is one. */
export function requestSignal(timeoutMs: number): AbortSignal {
  const job = jobSignal();
  const timeout = AbortSignal.timeout(timeoutMs);
  return job ? AbortSignal.any([timeout, job]) : timeout;
}

/** Throws the job's abort reason when it was given up: a checkpoint between steps of a long handler. */
export function throwIfJobAborted(): void {
  jobSignal()?.throwIfAborted();
}
