// The CRMs Baton can log to, with their names for people (shared by the server and the browser).
export const crmAdapterNames = ["builtin", "hubspot", "salesforce"] as const;
export type CrmAdapterName = (typeof crmAdapterNames)[number];

export const crmAdapterLabels: Record<CrmAdapterName, string> = { builtin: "Built-in CRM", hubspot: "HubSpot", salesforce: "Salesforce" };
