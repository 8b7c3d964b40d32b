/** What a breach leads to: a controlled closure once breaches reach the policy's limit, else a new owner or a new window. */
export function planBreach(input: { breaches: number; maxBreaches: number; reassignOnBreach: boolean }): "close" | "reassign" | "restart" {
  if (input.maxBreaches > 0 && input.breaches >= input.maxBreaches) return "close";
  return input.reassignOnBreach ? "reassign" : "restart";
}
