import { validateRuleSet } from "@/lib/rules/compile";
import { problemsByPath } from "@/lib/rules/problems";
import { UserError } from "@/lib/errors";

/** The rule set to store, or a UserError naming every problem, each under the path of its field. */
export function requireValidRuleSet(raw: Record<string, unknown>): Record<string, unknown> {
  const result = validateRuleSet(raw);
  if (result.ok) return raw;
  const count = result.problems.length;
  throw new UserError(
    "bad_request",
    `The rules have ${count} problem${count === 1 ? "" : "s"}: ${result.problems[0]}${count > 1 ? " …" : ""}`,
    problemsByPath(result.problems),
  );
}
