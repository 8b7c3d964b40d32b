// Errors a person may see. Anything else is logged with its cause and shown as a generic message.

export const errorCodes = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class UserError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: ErrorCode, message: string, fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = "UserError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }

  get status(): number {
    return errorCodes[this.code];
  }

  toResponse(): Response {
    return Response.json({ error: { code: this.code, message: this.message, fieldErrors: this.fieldErrors } }, { status: this.status });
  }
}

export const GENERIC_ERROR_MESSAGE = "Something went wrong on our side. Try again; if it keeps happening, tell an admin.";
