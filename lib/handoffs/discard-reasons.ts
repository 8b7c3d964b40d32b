export const discardReasons = {
  not_a_fit: "Not a fit for our offer",
  no_budget: "No budget",
  unreachable: "Could not reach the lead",
  duplicate: "Duplicate of another package",
  spam: "Spam or fake contact",
  competitor: "Competitor or vendor",
  went_elsewhere: "Chose another provider",
  other: "Other (explain below)",
} as const;

export type DiscardReason = keyof typeof discardReasons;
export const discardReasonKeys = Object.keys(discardReasons) as [DiscardReason, ...DiscardReason[]];
