import type { Channel } from "@/db/schema/leads";
import type { HandoffPackage } from "@/lib/contract/package";
import type { Lang } from "./archetype";
import { pickFrom } from "./random";

// Entry points on the seller's site. Campaign names carry no dates: the data is relative to `now`.

const SELLER = "https://www.northline.consulting";

export type SourceDef = { path: string; pageName: string; formId?: string; campaign?: string; utm?: Record<string, string>; referrer?: string };

const sourceDefs: Record<Channel, Record<Lang, SourceDef[]>> = {
  form: {
    en: [
      {
        path: "/sales-audit",
        pageName: "Sales audit request",
        formId: "audit-request",
        campaign: "sales-audit-autumn",
        utm: { source: "linkedin", medium: "paid", campaign: "sales-audit-autumn" },
        referrer: "https://www.linkedin.com/",
      },
      { path: "/contact", pageName: "Contact us", formId: "contact-main" },
      {
        path: "/integrations/hubspot",
        pageName: "HubSpot integration enquiry",
        formId: "integration-enquiry",
        campaign: "crm-integrations",
        utm: { source: "google", medium: "cpc", campaign: "crm-integrations" },
        referrer: "https://www.google.com/",
      },
    ],
    es: [
      {
        path: "/es/auditoria-comercial",
        pageName: "Solicitud de auditoría comercial",
        formId: "auditoria-es",
        campaign: "es-auditoria-comercial",
        utm: { source: "google", medium: "cpc", campaign: "es-auditoria-comercial" },
        referrer: "https://www.google.es/",
      },
      { path: "/es/contacto", pageName: "Contacto", formId: "contacto-es" },
    ],
  },
  landing_page: {
    en: [
      {
        path: "/ai-sales-agent",
        pageName: "AI sales agent",
        formId: "demo-request",
        campaign: "ai-sales-agent",
        utm: { source: "google", medium: "cpc", campaign: "ai-sales-agent" },
        referrer: "https://www.google.com/",
      },
      {
        path: "/guides/lead-qualification",
        pageName: "Lead qualification guide",
        formId: "guide-download",
        campaign: "lead-qualification-guide",
        utm: { source: "linkedin", medium: "paid", campaign: "lead-qualification-guide" },
        referrer: "https://www.linkedin.com/",
      },
      {
        path: "/webinars/human-handoff",
        pageName: "Webinar: human handoff",
        formId: "webinar-registration",
        campaign: "handoff-webinar",
        utm: { source: "newsletter", medium: "email", campaign: "handoff-webinar" },
      },
    ],
    es: [
      {
        path: "/es/agente-ia-ventas",
        pageName: "Agente de IA para ventas",
        formId: "demo-es",
        campaign: "es-agente-ia",
        utm: { source: "meta", medium: "paid_social", campaign: "es-agente-ia" },
        referrer: "https://www.facebook.com/",
      },
    ],
  },
  chat: {
    en: [
      { path: "/pricing", pageName: "Pricing" },
      { path: "/", pageName: "Home" },
      { path: "/integrations/salesforce", pageName: "Salesforce integration" },
    ],
    es: [{ path: "/es/precios", pageName: "Precios" }],
  },
  email: {
    en: [
      { path: "", pageName: "Sales mailbox" },
      { path: "", pageName: "Sales mailbox", campaign: "revops-newsletter", utm: { source: "newsletter", medium: "email", campaign: "revops-newsletter" } },
    ],
    es: [{ path: "", pageName: "Buzón de ventas" }],
  },
};

export const mailboxes: Record<Lang, string> = { en: "hello@northline.consulting", es: "ventas@northline.consulting" };

export function pickSource(channel: Channel, lang: Lang, preferred: string | undefined, rand: () => number): SourceDef {
  const all = [...sourceDefs[channel].en, ...sourceDefs[channel].es];
  const wanted = preferred ? all.find((s) => s.pageName === preferred) : undefined;
  if (wanted) return wanted;
  return pickFrom(rand, sourceDefs[channel][lang]);
}

function sourceUrl(source: SourceDef): string | null {
  if (!source.path) return null;
  const query = source.utm
    ? "?" +
      Object.entries(source.utm)
        .map(([k, v]) => `utm_${k}=${v}`)
        .join("&")
    : "";
  return `${SELLER}${source.path}${query}`;
}

export function packageSource(source: SourceDef): Omit<HandoffPackage["source"], "channel" | "receivedAt"> {
  const out: Omit<HandoffPackage["source"], "channel" | "receivedAt"> = {};
  const url = sourceUrl(source);
  if (url) out.url = url;
  out.pageName = source.pageName;
  if (source.formId) out.formId = source.formId;
  if (source.campaign) out.campaign = source.campaign;
  if (source.utm) out.utm = source.utm;
  if (source.referrer) out.referrer = source.referrer;
  return out;
}
