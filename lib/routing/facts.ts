import type { IntakeEvent } from "@/lib/contract/intake";
import type { HandoffPackage } from "@/lib/contract/package";
import { inferCountry } from "@/lib/routing/country";
import type { RoutingFacts } from "@/lib/routing/route";

/** What routing reads from a package (and, at intake, the raw event's country field). */
export function routingFactsFor(input: {
  pkg: HandoffPackage;
  priority: RoutingFacts["priority"];
  reasons: RoutingFacts["reasons"];
  sourceTeamId: string | null;
  event?: IntakeEvent | null;
}): RoutingFacts {
  const { pkg, event } = input;
  return {
    priority: input.priority,
    reasons: input.reasons,
    channel: pkg.source.channel,
    sourceTeamId: input.sourceTeamId,
    country: inferCountry({
      countryField: countryField(event),
      phone: pkg.identification.phone,
      email: pkg.identification.email,
      website: pkg.identification.website,
    }),
    employees: pkg.salesContext.employees,
  };
}

function countryField(event: IntakeEvent | null | undefined): string | null {
  const fields = event?.fields;
  if (!fields) return null;
  const key = Object.keys(fields).find((name) => ["country", "country_code", "pais", "país"].includes(name.toLowerCase()));
  const value = key ? fields[key] : null;
  return typeof value === "string" ? value : null;
}
