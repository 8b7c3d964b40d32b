import type { PgBoss } from "pg-boss";
import type { z } from "zod";
import type { Logger } from "@/lib/logger";

export type JobContext = {
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** The worker's pg-boss, for sending follow-up jobs (inside a transaction with `fromDrizzle`). */
  boss: PgBoss;
  log: Logger;
  /** The worker's clock; tests drive it. */
  now: () => Date;
  /** Aborted when pg-boss gives the job up (timeout, lost claim, shutdown): stop, a retry will follow. */
  signal: AbortSignal;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  queue: string;
  schema: S;
  handle: (data: z.output<S>, ctx: JobContext) => Promise<void>;
};

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/** A failure that retrying cannot fix (bad configuration, a refused payload): dead-lettered at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}
