/** A send that failed. `permanent`: retrying cannot help (bad configuration, a refused message). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}
