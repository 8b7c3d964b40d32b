import { z } from "zod";

// RFC 9457 problem details for the REST API v1: `application/problem+json`, `type` about:blank
// (the status says what kind of problem it is), `title` the status phrase, `detail` for people,
// plus `code` (the house error codes) and `errors` naming each field that was refused.

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });
export type Problem = z.infer<typeof problemSchema>;

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

const codes: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  412: "precondition_failed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  428: "precondition_required",
  429: "rate_limited",
  500: "internal",
};

export function problemResponse(
  status: number,
  detail: string,
  options: { errors?: { field: string; message: string }[]; retryAfter?: number; code?: string } = {},
): Response {
  const body: Problem = {
    type: "about:blank",
    title: titles[status] ?? "Error",
    status,
    detail,
    code: options.code ?? codes[status] ?? "error",
    ...(options.errors?.length ? { errors: options.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, ...(options.retryAfter ? { "retry-after": String(options.retryAfter) } : {}) },
  });
}

/** A zod refusal as a 400 naming each field. */
export function validationProblem(error: z.ZodError, where: "body" | "query"): Response {
  const errors = error.issues.map((issue) => ({ field: [where, ...issue.path.map(String)].join("."), message: issue.message }));
  return problemResponse(400, `The request's ${where} was refused: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}`, { errors });
}
