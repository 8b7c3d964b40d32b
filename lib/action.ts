import { z } from "zod";
import type { UserRole } from "@/db/schema/auth";
import { requireRole, type Actor } from "@/lib/auth/guard";
import { GENERIC_ERROR_MESSAGE, UserError, type ErrorCode } from "@/lib/errors";
import { UNSTORABLE_MESSAGE, unstorableAt } from "@/lib/http/unstorable-text";
import { logger, type Logger } from "@/lib/logger";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** What went wrong, in words a person reads; never an internal field key (see lib/action-error-text.ts). */
      error: string;
      code?: ErrorCode;
      /** The input's key that `error` is about ("match.countries.0"), for the form to label it. */
      field?: string;
      fieldErrors?: Record<string, string[]>;
    };

export type ActionDefinition<S extends z.ZodType, T> = {
  name: string;
  roles: readonly UserRole[];
  schema: S;
  handler: (ctx: { actor: Actor; input: z.output<S>; log: Logger }) => Promise<T>;
};

/**
 * Every server action goes through here: authenticate, check the role, parse the input once with
 * its zod schema, run. Expected failures (UserError) reach the person as they are; anything else
 * is logged with its cause and shown as a generic message.
 */
export function defineAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>) {
  const action = (input: FormData | z.input<S>): Promise<ActionResult<T>> => runAction(definition, (roles) => requireRole(...roles), input);
  // Kept on the function, out of sight, so the access-control matrix can find every action's roles
  // and run it as each role through runAction with a real user, without exporting the definitions.
  Object.defineProperty(action, actionDefinitionKey, { value: definition, enumerable: false });
  return action;
}

const actionDefinitionKey = Symbol.for("baton.actionDefinition");

/** The definition behind a defineAction result; null for anything else (e.g. the public login action). */
export function actionDefinitionOf(value: unknown): ActionDefinition<z.ZodType, unknown> | null {
  if (typeof value !== "function") return null;
  return (value as unknown as Record<symbol, ActionDefinition<z.ZodType, unknown> | undefined>)[actionDefinitionKey] ?? null;
}

/** The body of every action, with the way the caller is identified passed in (tests pass a real user). */
export async function runAction<S extends z.ZodType, T>(
  definition: ActionDefinition<S, T>,
  authenticate: (roles: readonly UserRole[]) => Promise<Actor>,
  input: FormData | z.input<S>,
): Promise<ActionResult<T>> {
  const log = logger.child({ action: definition.name });
  try {
    const actor = await authenticate(definition.roles);
    const raw = input instanceof FormData ? formDataToObject(input) : input;
    // Checked for every form at once: no field of any action can hold text Postgres would refuse
    // later, mid-write, as a generic error.
    const unstorable = unstorableAt(raw);
    if (unstorable) {
      const field = unstorable.join(".") || "input";
      return { ok: false, code: "bad_request", error: UNSTORABLE_MESSAGE, field, fieldErrors: { [String(unstorable[0] ?? "input")]: [UNSTORABLE_MESSAGE] } };
    }
    const parsed = definition.schema.safeParse(raw);
    if (!parsed.success) {
      const { fieldErrors } = z.flattenError(parsed.error);
      const first = parsed.error.issues[0];
      const path = first?.path.join(".");
      return {
        ok: false,
        code: "bad_request",
        error: first?.message ?? "Invalid input.",
        ...(path ? { field: path } : {}),
        fieldErrors: fieldErrors as Record<string, string[]>,
      };
    }
    const data = await definition.handler({ actor, input: parsed.data, log: log.child({ userId: actor.id }) });
    return { ok: true, data };
  } catch (error) {
    if (error instanceof UserError) {
      return { ok: false, error: error.message, code: error.code, fieldErrors: error.fieldErrors };
    }
    if (isFrameworkSignal(error)) throw error;
    log.error("action failed", { error });
    return { ok: false, error: GENERIC_ERROR_MESSAGE };
  }
}

function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    // Next adds $ACTION_* keys for progressive enhancement; they are not input.
    if (key.startsWith("$ACTION")) continue;
    if (typeof value !== "string") continue;
    out[key] = key in out ? ([] as unknown[]).concat(out[key], value) : value;
  }
  return out;
}

// redirect() and notFound() work by throwing; they must pass through untouched.
function isFrameworkSignal(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_") || digest.startsWith("BAILOUT"));
}
