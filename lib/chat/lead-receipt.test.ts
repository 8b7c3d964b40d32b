import { describe, expect, it } from "vitest";
import { applyLeadCorrection, leadReceipt } from "@/lib/chat/lead-receipt";
import type { HandoffPackage } from "@/lib/contract/package";

const pkg = {
  identification: { name: "Tomás Rivera", email: "tomas@harbor.example", phone: null, company: "Harbor", role: null, website: "harbor.example" },
  need: "route leads into HubSpot",
  facts: {
    confirmed: [
      { field: "name", value: "Tomás Rivera", fragment: "I'm Tomás Rivera" },
      { field: "company", value: "Harbor", fragment: "from Harbor" },
      { field: "email", value: "tomas@harbor.example", fragment: "tomas@harbor.example" },
      { field: "monthly_leads", value: "500", fragment: "500 leads" },
    ],
    inferred: [{ field: "website", value: "harbor.example", basis: "email domain", fragment: null }],
    openQuestions: [],
  },
} as unknown as HandoffPackage;

describe("the lead's receipt", () => {
  it("lists the confirmed facts of the receipt's fields, in order, labelled in the lead's language; never an inference", () => {
    expect(leadReceipt(pkg, "en")).toEqual([
      { field: "name", label: "Name", value: "Tomás Rivera" },
      { field: "email", label: "Email", value: "tomas@harbor.example" },
      { field: "company", label: "Company", value: "Harbor" },
    ]);
    expect(leadReceipt(pkg, "es").map((l) => l.label)).toEqual(["Nombre", "Email", "Empresa"]);
  });

  it("a correction replaces the confirmed fact and the identification, or adds one", () => {
    const { pkg: fixed, before } = applyLeadCorrection(pkg, "company", "Harbor Freight Ltd");
    expect(before).toBe("Harbor");
    expect(fixed.identification.company).toBe("Harbor Freight Ltd");
    expect(fixed.facts.confirmed.find((f) => f.field === "company")).toEqual({ field: "company", value: "Harbor Freight Ltd", fragment: "Harbor Freight Ltd" });
    const added = applyLeadCorrection(pkg, "need", "a CRM integration").pkg;
    expect(added.need).toBe("a CRM integration");
    expect(leadReceipt(added, "en").at(-1)).toEqual({ field: "need", label: "What you need", value: "a CRM integration" });
    expect(pkg.identification.company).toBe("Harbor");
  });
});
