import nodemailer from "nodemailer";
import type { ConnectionKind } from "@/lib/connections/schema";
import type { ResolvedConnections } from "@/lib/connections/load-connection-settings";
import { testSalesforce } from "@/lib/crm/salesforce/test-connection";
import { mailboxStatus } from "@/lib/email/imap-client";

export type ConnectionTestResult = { ok: boolean; message: string };

const TIMEOUT_MS = 8_000;

/**
 * One real call to the service with the settings in force, answering in words an admin can act on:
 * Slack auth.test (bot token) or a test post to the webhook, SMTP's handshake and login, HubSpot's
 * owners list, the LLM server's model list.
 */
export async function testConnection(kind: ConnectionKind, settings: ResolvedConnections): Promise<ConnectionTestResult> {
  try {
    switch (kind) {
      case "slack":
        return await testSlack(settings.slack);
      case "smtp":
        return await testSmtp(settings.smtp);
      case "imap":
        return await testImap(settings.imap);
      case "hubspot":
        return await testHubSpot(settings.hubspot);
      case "salesforce":
        return await testSalesforce(settings.salesforce, TIMEOUT_MS);
      case "llm":
        return await testLlm(settings.llm);
      case "calcom":
      case "calendly":
        return testBookingWebhook(kind, settings);
    }
  } catch (error) {
    return { ok: false, message: describeNetworkError(error) };
  }
}

async function testSlack(slack: ResolvedConnections["slack"]): Promise<ConnectionTestResult> {
  if (slack.botToken) {
    const response = await fetch(new URL("auth.test", withSlash(slack.apiUrl)), {
      method: "POST",
      headers: { authorization: `Bearer ${slack.botToken}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => null)) as { ok?: boolean; error?: string; team?: string; user?: string } | null;
    if (!body) return { ok: false, message: `Slack answered HTTP ${response.status} without JSON: is ${slack.apiUrl} Slack's Web API?` };
    if (!body.ok) return { ok: false, message: `Slack refused the bot token: ${body.error ?? "unknown_error"}.` };
    return { ok: true, message: `Slack accepted the bot token: signed in as ${body.user ?? "the bot"} in ${body.team ?? "the workspace"}.` };
  }
  if (slack.webhookUrl) {
    const response = await fetch(slack.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "Baton connection test: this webhook works." }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = (await response.text().catch(() => "")).trim().slice(0, 200);
    if (response.status !== 200) return { ok: false, message: `Slack refused the webhook post (HTTP ${response.status}): ${text || "no reason given"}.` };
    return { ok: true, message: "Slack accepted a test message on the webhook." };
  }
  return { ok: false, message: "Slack is not configured: save a bot token or a webhook URL first." };
}

async function testSmtp(smtp: ResolvedConnections["smtp"]): Promise<ConnectionTestResult> {
  if (!smtp.url) return { ok: false, message: "SMTP is not configured: save an SMTP URL first." };
  const url = new URL(smtp.url);
  const secure = url.protocol === "smtps:";
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.verify();
    return {
      ok: true,
      message: `The SMTP server at ${url.hostname}:${url.port || (secure ? 465 : 587)} accepted the connection${url.username ? " and the login" : ""}.`,
    };
  } finally {
    transport.close();
  }
}

async function testImap(imap: ResolvedConnections["imap"]): Promise<ConnectionTestResult> {
  if (!imap.host || !imap.user) return { ok: false, message: "The mailbox is not configured: save its host and user first." };
  if (!imap.password) return { ok: false, message: "The mailbox has no password: enter the password or app password." };
  const status = await mailboxStatus({ ...imap, host: imap.host, user: imap.user, password: imap.password }, TIMEOUT_MS);
  return status.ok
    ? {
        ok: true,
        message: `Logged in to ${imap.host}:${imap.port} as ${imap.user}; ${status.folder} has ${status.messages} messages (UIDVALIDITY ${status.uidValidity}, next UID ${status.uidNext}).`,
      }
    : { ok: false, message: status.message };
}

async function testHubSpot(hubspot: ResolvedConnections["hubspot"]): Promise<ConnectionTestResult> {
  if (!hubspot.accessToken) return { ok: false, message: "HubSpot is not configured: save a private app access token first." };
  const response = await fetch(new URL("/crm/v3/owners?limit=1", hubspot.apiUrl), {
    headers: { authorization: `Bearer ${hubspot.accessToken}` },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (response.status === 401) return { ok: false, message: "HubSpot refused the access token (401): check the private app's token." };
  if (response.status === 403) return { ok: false, message: "HubSpot accepted the token but it lacks the crm.objects.owners.read scope (403)." };
  if (!response.ok) return { ok: false, message: `HubSpot answered HTTP ${response.status}.` };
  return { ok: true, message: "HubSpot accepted the access token and listed owners." };
}

async function testLlm(llm: ResolvedConnections["llm"]): Promise<ConnectionTestResult> {
  if (!llm.apiKey) return { ok: false, message: "The LLM is not configured: save an API key first." };
  const base = withSlash(llm.baseUrl ?? "https://api.openai.com/v1");
  const response = await fetch(new URL("models", base), { headers: { authorization: `Bearer ${llm.apiKey}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (response.status === 401) return { ok: false, message: "The LLM server refused the API key (401)." };
  if (!response.ok) return { ok: false, message: `The LLM server answered HTTP ${response.status} to GET ${base}models.` };
  const body = (await response.json().catch(() => null)) as { data?: { id?: string }[] } | null;
  const ids = (body?.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === "string");
  const listed = ids.includes(llm.model) ? `, including ${llm.model}` : ids.length ? `; ${llm.model} is not among them` : "";
  return { ok: true, message: `The LLM server accepted the key and lists ${ids.length} model${ids.length === 1 ? "" : "s"}${listed}.` };
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

// fetch hides the socket error in `cause`; nodemailer puts it in `code`. Neither message names the
// address, which is what the admin needs to check.
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; address?: string; port?: number } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  if (error instanceof Error && error.name === "TimeoutError") return `No answer within ${TIMEOUT_MS / 1000} seconds.`;
  const refused = /ECONNREFUSED ([^\s]+)/.exec(error instanceof Error ? error.message : "");
  if (code === "ECONNREFUSED" || refused) {
    const where = cause?.address ? `${cause.address}:${cause.port}` : refused?.[1];
    return `Connection refused${where ? ` at ${where}` : ""}: nothing is listening there. Check the host and port.`;
  }
  if (code === "ENOTFOUND" || code === "EDNS") return "The host name does not resolve. Check the URL.";
  if (code === "ETIMEDOUT" || code === "ETIMEDOUTCONN" || code === "ETIMEOUT") return `No answer within ${TIMEOUT_MS / 1000} seconds.`;
  if (code === "EAUTH") return `The server refused the login: ${(error as Error).message}`;
  if (code === "ECONNECTION" || code === "ESOCKET") return `Could not connect: ${(error as Error).message}`;
  // fetch's own refusals (a blocked port, a malformed URL) carry a plain message in `cause`.
  const detail = (error as { cause?: { message?: unknown } })?.cause?.message;
  if (typeof detail === "string" && detail) return `The call failed: ${detail}.`;
  return `The call failed (${code ?? (error instanceof Error ? error.name : "unknown error")}).`;
}

/** Cal.com and Calendly call Baton, not the other way: the test says whether deliveries can be verified. */
function testBookingWebhook(kind: "calcom" | "calendly", settings: ResolvedConnections): ConnectionTestResult {
  const name = kind === "calcom" ? "Cal.com" : "Calendly";
  const secret = kind === "calcom" ? settings.calcom.webhookSecret : settings.calendly.signingKey;
  if (!secret) return { ok: false, message: `No ${kind === "calcom" ? "webhook secret" : "signing key"} is set: every ${name} delivery is refused (401).` };
  return {
    ok: true,
    message: `${name} deliveries to /api/v1/bookings/${kind} are verified with this ${kind === "calcom" ? "secret" : "key"}; send a test booking from ${name} to see it arrive.`,
  };
}
