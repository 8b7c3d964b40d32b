import { z } from "zod";

// What each sensitive action needs to run, checked when a person approves it (the agent's proposal
// may be incomplete: the refusal names what is missing) and again by the executor.

export const leadStatuses = ["NEW", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED"] as const;
export const dealStages = ["qualified", "in_progress", "won", "lost"] as const;

const upperSnake = (v: unknown) =>
  typeof v === "string"
    ? v
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, "_")
    : v;
const optionalText = (max: number) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max).optional());

export const sendEmailParams = z.looseObject({
  to: z.email({ error: "to must be an email address" }),
  subject: z.string({ error: "subject is required" }).trim().min(1, "subject must not be empty").max(200, "subject must be at most 200 characters"),
  body: z.string({ error: "body is required" }).trim().min(1, "body must not be empty").max(20_000, "body must be at most 20,000 characters"),
});

export const updateCrmStatusParams = z.looseObject({
  status: z.preprocess(upperSnake, z.enum(leadStatuses, { error: `status must be one of ${leadStatuses.join(", ")}` })),
});

export const createDealParams = z.looseObject({
  name: optionalText(200),
  amount: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number({ error: "amount must be a number" }).nonnegative("amount must not be negative").optional(),
  ),
  currency: z.preprocess(
    (v) => (v === "" || v === null ? undefined : upperSnake(v)),
    z
      .string()
      .regex(/^[A-Z]{3}$/, "currency must be a 3-letter code such as EUR")
      .optional(),
  ),
  stage: z.preprocess((v) => (v === "" ? undefined : v), z.enum(dealStages, { error: `stage must be one of ${dealStages.join(", ")}` }).default("qualified")),
});

/** The contact fields an approved `update_crm_record` may change (HubSpot's names are accepted too). */
export const updateCrmRecordParams = z
  .looseObject({
    phone: optionalText(60),
    jobTitle: optionalText(200),
    jobtitle: optionalText(200),
    website: optionalText(300),
    companyName: optionalText(200),
    company: optionalText(200),
    firstName: optionalText(100),
    firstname: optionalText(100),
    lastName: optionalText(100),
    lastname: optionalText(100),
  })
  .transform((p) => ({
    phone: p.phone,
    jobTitle: p.jobTitle ?? p.jobtitle,
    website: p.website,
    companyName: p.companyName ?? p.company,
    firstName: p.firstName ?? p.firstname,
    lastName: p.lastName ?? p.lastname,
  }))
  .refine(
    (f) => Object.values(f).some((v) => v !== undefined),
    "give at least one field to change: phone, jobTitle, website, companyName, firstName or lastName",
  );

export const executableActions = {
  send_email: sendEmailParams,
  update_crm_status: updateCrmStatusParams,
  create_deal: createDealParams,
  update_crm_record: updateCrmRecordParams,
} as const;
export type ExecutableAction = keyof typeof executableActions;

export type ParamsCheck =
  | { ok: true; action: ExecutableAction; params: Record<string, unknown> }
  /** `fieldErrors` by the name of the form field that holds each problem ("params" when no one field does). */
  | { ok: false; problem: string; fieldErrors: Record<string, string[]> };

/** Whether the request can run as it stands; the first problem, in words, when it cannot, and every problem by field. */
export function checkActionParams(actionType: string, params: Record<string, unknown>): ParamsCheck {
  if (!(actionType in executableActions)) {
    const problem = `Baton cannot run "${actionType}" actions yet.`;
    return { ok: false, problem, fieldErrors: { params: [problem] } };
  }
  const action = actionType as ExecutableAction;
  const parsed = executableActions[action].safeParse(params);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const field = editableFieldOf(action, issue.path[0]);
      (fieldErrors[field] ??= []).push(issue.message);
    }
    return { ok: false, problem: parsed.error.issues[0]?.message ?? "The parameters are not valid.", fieldErrors };
  }
  return { ok: true, action, params: parsed.data as Record<string, unknown> };
}

/** One parameter a person can set before approving, as the approval card's form shows it. */
export type ParamField = {
  name: string;
  label: string;
  input: "text" | "email" | "number" | "textarea" | "select";
  options?: readonly { value: string; label: string }[];
  maxLength?: number;
  /** Other names the agent may have used for it (HubSpot's), read when the request has no value under `name`. */
  aliases?: readonly string[];
};

const option = (value: string, label: string) => ({ value, label });

/** The parameters of each action a person can correct before approving; the schemas above check them. */
export const editableParams: Record<ExecutableAction, readonly ParamField[]> = {
  send_email: [
    { name: "to", label: "To", input: "email", maxLength: 320 },
    { name: "subject", label: "Subject", input: "text", maxLength: 200 },
    { name: "body", label: "Body", input: "textarea", maxLength: 20_000 },
  ],
  update_crm_status: [
    {
      name: "status",
      label: "Lead status",
      input: "select",
      options: [option("NEW", "New"), option("IN_PROGRESS", "In progress"), option("OPEN_DEAL", "Open deal"), option("UNQUALIFIED", "Unqualified")],
    },
  ],
  create_deal: [
    { name: "name", label: "Deal name", input: "text", maxLength: 200 },
    {
      name: "stage",
      label: "Stage",
      input: "select",
      options: [option("qualified", "Qualified"), option("in_progress", "In progress"), option("won", "Won"), option("lost", "Lost")],
    },
    { name: "amount", label: "Amount", input: "number" },
    { name: "currency", label: "Currency", input: "text", maxLength: 3 },
  ],
  update_crm_record: [
    { name: "firstName", label: "First name", input: "text", maxLength: 100, aliases: ["firstname"] },
    { name: "lastName", label: "Last name", input: "text", maxLength: 100, aliases: ["lastname"] },
    { name: "jobTitle", label: "Job title", input: "text", maxLength: 200, aliases: ["jobtitle"] },
    { name: "companyName", label: "Company", input: "text", maxLength: 200, aliases: ["company"] },
    { name: "phone", label: "Phone", input: "text", maxLength: 60 },
    { name: "website", label: "Website", input: "text", maxLength: 300 },
  ],
};

/** Every field name any action's form may send (the decide form's schema accepts these). */
export const editableParamNames = [...new Set(Object.values(editableParams).flatMap((fields) => fields.map((f) => f.name)))];

/** The field's current value as the form shows it: its own name first, then an alias. */
export function paramValue(params: Record<string, unknown>, field: ParamField): string {
  for (const key of [field.name, ...(field.aliases ?? [])]) {
    const value = params[key];
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  return "";
}

/**
 * The request's parameters with a person's edits applied (only this action's fields, only those that
 * change something: a form sends every field back). An edited field replaces its aliases too, so what
 * the person sees is what runs; a blank one is kept blank (the schema reads it as unset, or refuses
 * it where the action needs it). Returns null when nothing changed.
 */
export function applyParamEdits(
  actionType: string,
  params: Record<string, unknown>,
  edits: Record<string, string | undefined>,
): Record<string, unknown> | null {
  const fields = editableParams[actionType as ExecutableAction] ?? [];
  const next: Record<string, unknown> = { ...params };
  let changed = false;
  for (const field of fields) {
    const edit = edits[field.name];
    if (edit === undefined || edit === paramValue(params, field)) continue;
    changed = true;
    for (const alias of field.aliases ?? []) delete next[alias];
    next[field.name] = edit;
  }
  return changed ? next : null;
}

function editableFieldOf(action: ExecutableAction, key: PropertyKey | undefined): string {
  if (typeof key !== "string") return "params";
  const field = editableParams[action].find((f) => f.name === key || f.aliases?.includes(key));
  return field?.name ?? "params";
}

export const actionLabels: Record<string, string> = {
  send_email: "Send an email",
  update_crm_status: "Change the CRM status",
  create_deal: "Create a deal",
  update_crm_record: "Update the CRM record",
};

/** The timeline's words for an action that ran: one wording for the executor and the demo's history. */
export function executedSummary(action: string, params: { to?: unknown; subject?: unknown }, crmName: string): string {
  if (action === "send_email") return `sent the email "${String(params.subject)}" to ${String(params.to)}`;
  return action === "create_deal" ? `created the deal in the CRM (${crmName})` : `updated the CRM contact (${crmName})`;
}
