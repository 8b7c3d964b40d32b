// How a CRM call failed decides what the job does: a validation error is the payload's fault and
// goes to the dead-letter list at once with the CRM's own message; anything else is retried.

export type CrmFailure = { message: string; status?: number; category?: string; correlationId?: string };

/** The CRM refused the data (HubSpot 400): retrying the same payload cannot succeed. */
export class CrmValidationError extends Error {
  readonly failure: CrmFailure;
  constructor(failure: CrmFailure) {
    super(failure.message);
    this.name = "CrmValidationError";
    this.failure = failure;
  }
}

/** The CRM is down, slow, rate-limited past our patience, or answered 5xx: try again later. */
export class CrmUnavailableError extends Error {
  readonly failure: CrmFailure;
  constructor(failure: CrmFailure) {
    super(failure.message);
    this.name = "CrmUnavailableError";
    this.failure = failure;
  }
}
