import { formatMoney } from "@/lib/format";

// What an approval request changes, as sentences a salesperson reads ("Mark the deal as lost:
// reason 'Budget'"), never the CRM's keys or values (`lifecycleStage`, `closed_lost`, JSON). The
// approval card, the package page, /approvals, the confirmation page and the approval email and Slack
// message all say it this way.

const leadStatusWords: Record<string, string> = {
  NEW: "new",
  IN_PROGRESS: "in progress",
  OPEN_DEAL: "open deal",
  UNQUALIFIED: "unqualified",
};

const dealStageWords: Record<string, string> = {
  qualified: "qualified",
  in_progress: "in progress",
  won: "won",
  lost: "lost",
  closedwon: "won",
  closedlost: "lost",
  closed_won: "won",
  closed_lost: "lost",
};

const lifecycleWords: Record<string, string> = {
  lead: "lead",
  salesqualifiedlead: "sales-qualified lead",
  opportunity: "opportunity",
  customer: "customer",
};

/** The contact fields an `update_crm_record` may change, with HubSpot's spellings, as the screen names them. */
const contactFieldWords: Record<string, string> = {
  phone: "phone",
  jobTitle: "job title",
  jobtitle: "job title",
  website: "website",
  companyName: "company name",
  company: "company name",
  firstName: "first name",
  firstname: "first name",
  lastName: "last name",
  lastname: "last name",
  email: "email",
  lifecycleStage: "lifecycle stage",
  lifecyclestage: "lifecycle stage",
  leadStatus: "lead status",
  hs_lead_status: "lead status",
};

/** A key as words: "lifecycleStage" → "lifecycle stage", "close_date" → "close date". */
export function keyInWords(key: string): string {
  return (
    contactFieldWords[key] ??
    key
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .replace(/[._-]+/g, " ")
      .trim()
      .toLowerCase()
  );
}

/** A value as words: a CRM code becomes its meaning ("closed_lost" → "lost"), an object its parts, never JSON. */
export function valueInWords(value: unknown, key?: string): string {
  if (value === null || value === undefined || value === "") return "nothing";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value.toLocaleString("en");
  if (typeof value === "string") {
    const lower = value.toLowerCase();
    if (key && /stage/i.test(key)) return dealStageWords[lower] ?? lifecycleWords[lower] ?? codeInWords(value);
    if (key && /status/i.test(key)) return leadStatusWords[value.toUpperCase()] ?? codeInWords(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => valueInWords(v)).join(", ");
  if (typeof value === "object") {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => `${keyInWords(k)} ${quoted(valueInWords(v, k))}`);
    return parts.length ? parts.join(", ") : "nothing";
  }
  return String(value);
}

function codeInWords(code: string): string {
  return /^[A-Za-z]+(?:[_-][A-Za-z]+)+$/.test(code) ? code.replace(/[_-]+/g, " ").toLowerCase() : code;
}

function quoted(text: string): string {
  return `'${text}'`;
}

const text = (params: Record<string, unknown>, key: string): string | null => {
  const v = params[key];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : null;
};

/** Keys the action's own sentence already said, or that are bookkeeping (the info request an email answers). */
const saidElsewhere = new Set(["infoRequestId"]);

function remainder(params: Record<string, unknown>, said: string[]): string[] {
  const skip = new Set([...said, ...saidElsewhere]);
  return Object.entries(params)
    .filter(([key, value]) => !skip.has(key) && value !== null && value !== undefined && value !== "")
    .map(([key, value]) => `${capitalize(keyInWords(key))}: ${valueInWords(value, key)}`);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The change an approval request makes, one sentence a line: the action's own sentence first, then
 * whatever else the request carries, each key and value in words.
 */
export function approvalChangeInWords(actionType: string, params: Record<string, unknown>): string[] {
  switch (actionType) {
    case "send_email": {
      const to = text(params, "to");
      const subject = text(params, "subject");
      const body = text(params, "body");
      return [
        `Email ${to ?? "the lead"}${subject ? ` with the subject '${subject}'` : ""}.`,
        ...remainder(params, ["to", "subject", "body"]),
        ...(body ? [`Message: ${body}`] : []),
      ];
    }
    case "update_crm_status": {
      const status = text(params, "status");
      const words = status ? (leadStatusWords[status.toUpperCase().replace(/[\s-]+/g, "_")] ?? codeInWords(status)) : null;
      const sentence = !words
        ? "Change the lead's status in the CRM."
        : words === "unqualified"
          ? "Mark the lead as unqualified in the CRM."
          : `Set the lead's status in the CRM to '${words}'.`;
      return [sentence, ...remainder(params, ["status"])];
    }
    case "create_deal": {
      const name = text(params, "name");
      const stageCode = text(params, "stage");
      const stage = stageCode ? (dealStageWords[stageCode.toLowerCase()] ?? codeInWords(stageCode)) : "qualified";
      const amount = typeof params.amount === "number" ? params.amount : text(params, "amount") !== null ? Number(text(params, "amount")) : null;
      const currency = text(params, "currency");
      const value = amount !== null && Number.isFinite(amount) ? (currency ? formatMoney(amount, currency.toUpperCase()) : amount.toLocaleString("en")) : null;
      const reason = text(params, "reason") ?? text(params, "lostReason") ?? text(params, "closedLostReason");
      const deal = `the deal${name ? ` '${name}'` : ""}${value ? ` of ${value}` : ""}`;
      const sentence =
        stage === "lost" || stage === "won"
          ? `Mark ${deal} as ${stage}${reason ? `: reason '${reason}'` : ""}.`
          : `Create ${deal.replace(/^the deal/, "a deal")} in the CRM at the '${stage}' stage${reason ? `: reason '${reason}'` : ""}.`;
      return [sentence, ...remainder(params, ["name", "stage", "amount", "currency", "reason", "lostReason", "closedLostReason"])];
    }
    case "update_crm_record": {
      const changes = Object.entries(params).filter(([key, value]) => key in contactFieldWords && value !== null && value !== undefined && value !== "");
      const lines = changes.map(([key, value]) => `Change the contact's ${keyInWords(key)} to '${valueInWords(value, key)}'.`);
      return [
        ...(lines.length ? lines : ["Change the contact in the CRM."]),
        ...remainder(
          params,
          changes.map(([key]) => key),
        ),
      ];
    }
    case "send_booking_link": {
      const to = text(params, "to");
      return [`Email ${to ?? "the lead"} the link to book a meeting.`, ...remainder(params, ["to"])];
    }
    case "create_task": {
      const title = text(params, "title") ?? text(params, "subject");
      return [`Create a task in the CRM${title ? `: '${title}'` : ""}.`, ...remainder(params, ["title", "subject"])];
    }
    default:
      return remainder(params, []);
  }
}
