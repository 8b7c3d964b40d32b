import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import { logger, type Logger } from "@/lib/logger";

/** Every route's error body: `{ error: { code, message, problems? } }`, so clients read one shape. */
export type RouteErrorBody = { error: { code: string; message: string; problems?: string[] } };

export function errorResponse(status: number, code: string, message: string, options: { retryAfter?: number; problems?: string[] } = {}): Response {
  const body: RouteErrorBody = { error: { code, message, ...(options.problems ? { problems: options.problems } : {}) } };
  return Response.json(body, { status, headers: options.retryAfter ? { "Retry-After": String(options.retryAfter) } : undefined });
}

const codeByStatus: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  429: "rate_limited",
};

/** An error whose status says what it is: the code follows from the status. */
export const errorForStatus = (status: number, message: string, options: { retryAfter?: number } = {}) =>
  errorResponse(status, codeByStatus[status] ?? (status >= 500 ? "internal" : "bad_request"), message, options);

/** The body was over the route's limit (readLimited returned null). */
export const payloadTooLarge = (message: string) => errorResponse(413, "payload_too_large", message);

/**
 * A route handler with the house error handling: whatever it throws is logged with the route's name
 * and answered as a generic 500 in the same shape as every other error, never a stack or a framework page.
 */
export function jsonRoute<Args extends unknown[]>(route: string, handler: (log: Logger, request: Request, ...rest: Args) => Promise<Response>) {
  const log = logger.child({ route });
  return async (request: Request, ...rest: Args): Promise<Response> => {
    try {
      return await handler(log, request, ...rest);
    } catch (error) {
      log.error("route failed", { error });
      return errorResponse(500, "internal", GENERIC_ERROR_MESSAGE);
    }
  };
}
