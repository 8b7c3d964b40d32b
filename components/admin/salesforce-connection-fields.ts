// The Salesforce card on /admin/connections (rendered by ConnectionForm like the other services).
export const salesforceConnectionSpec = {
  title: "Salesforce",
  description:
    "The org the CRM sync logs to when Salesforce is the chosen CRM: an External Client App with the client credentials flow and a Run As user. Leads without sales intent become Leads; with it, a Contact, its Account and (when qualified) an Opportunity. The test lists the API version and the daily limits, and checks Baton's custom fields.",
  fields: [
    {
      name: "instanceUrl",
      label: "My Domain URL",
      placeholder: "https://acme.my.salesforce.com",
      hint: "Not login.salesforce.com: the token comes from the org's own domain.",
    },
    { name: "clientId", label: "Client id (consumer key)", placeholder: "3MVG9…" },
    { name: "clientSecret", label: "Client secret (consumer secret)", secret: true, placeholder: "consumer secret" },
    { name: "apiVersion", label: "API version", placeholder: "67.0", hint: "Blank: the newest the org lists." },
    { name: "stageQualified", label: "Opportunity stage: qualified", placeholder: "Qualification" },
    { name: "stageInProgress", label: "Opportunity stage: in follow-up", placeholder: "Proposal/Price Quote" },
    { name: "stageWon", label: "Opportunity stage: won", placeholder: "Closed Won" },
    { name: "stageLost", label: "Opportunity stage: lost", placeholder: "Closed Lost" },
    { name: "closeDays", label: "Close date of an open opportunity (days ahead)", placeholder: "30" },
  ],
};
