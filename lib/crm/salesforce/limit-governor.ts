import { CrmUnavailableError } from "@/lib/crm/errors";

// Salesforce counts every API request against the org's daily allocation (a rolling 24 hours), shared
// with every other integration of the org, and reports it on each response as
// `Sforce-Limit-Info: api-usage=N/M`. Baton slows down once the org has used `slowAt` of it (one
// request per `slowIntervalMs`), and stops at `stopAt`, leaving the rest to the org's other
// integrations: the job fails as "unavailable" and the queue retries it later. The usage only drops
// as the 24 hours roll on, and only a response says so: while stopped, one request every
// `recheckMs` goes out to read the header again.

export type LimitGovernorOptions = { slowAt: number; stopAt: number; slowIntervalMs: number; recheckMs: number };

export const defaultLimitOptions: LimitGovernorOptions = { slowAt: 0.8, stopAt: 0.95, slowIntervalMs: 2_000, recheckMs: 300_000 };

export class LimitGovernor {
  private used = 0;
  private max = 0;
  private lastSentAt = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly options: LimitGovernorOptions,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** The header of a response: `api-usage=N/M`, possibly followed by `; api-bursts=N/M`. */
  observe(header: string | null): void {
    const m = header ? /api-usage=(\d+)\/(\d+)/.exec(header) : null;
    if (!m) return;
    this.used = Number(m[1]);
    this.max = Number(m[2]);
  }

  /** The usage last reported (max 0: nothing reported yet). */
  usage(): { used: number; max: number } {
    return { used: this.used, max: this.max };
  }

  /** Waits its turn when the org is past `slowAt`; refuses past `stopAt`. Counts the request it lets through. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitTurn());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitTurn(): Promise<void> {
    if (this.max > 0) {
      if (this.used + 1 > Math.floor(this.max * this.options.stopAt) && this.now() - this.lastSentAt < this.options.recheckMs)
        throw new CrmUnavailableError({
          message: `Salesforce's daily API limit is nearly used up (${this.used} of ${this.max} requests in the last 24 hours): Baton stops at ${Math.round(this.options.stopAt * 100)}% to leave the rest to the org's other integrations, and the sync retries later.`,
          category: "REQUEST_LIMIT_EXCEEDED",
        });
      if (this.used >= this.max * this.options.slowAt) {
        const wait = this.lastSentAt + this.options.slowIntervalMs - this.now();
        if (wait > 0) await this.sleep(wait);
      }
      // Until the response says, this request counts too (several may be in flight).
      this.used += 1;
    }
    this.lastSentAt = this.now();
  }
}

const governors = new Map<string, LimitGovernor>();

/** The process's governor for an org: every client of the same org shares its daily allocation. */
export function governorFor(orgKey: string, options: LimitGovernorOptions): LimitGovernor {
  let governor = governors.get(orgKey);
  if (!governor) {
    governor = new LimitGovernor(options);
    governors.set(orgKey, governor);
  }
  return governor;
}
