/**
 * compileRuleSet names each problem by where it is ("rules.1 (default.escalate).when: unknown …",
 * "thresholds.monthlyLeads: …"). The editor shows a problem next to its field: this groups the
 * messages by a plain path ("rules.1.when"), the key the form's fields are rendered under.
 */
export function problemsByPath(problems: string[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const problem of problems) {
    const split = problem.indexOf(": ");
    const rawPath = split >= 0 ? problem.slice(0, split) : "";
    const message = split >= 0 ? problem.slice(split + 2) : problem;
    const path = rawPath.includes(" ") && !/^rules\.\d+ \(/.test(rawPath) ? "" : rawPath.replace(/^rules\.(\d+) \([^)]*\)/, "rules.$1");
    (grouped[path] ??= []).push(path ? message : problem);
  }
  return grouped;
}

/** The messages at `path` and below it (`rules.1` collects `rules.1.when`, `rules.1.reasons.0.when`, …). */
export function problemsUnder(grouped: Record<string, string[]>, path: string): string[] {
  return Object.entries(grouped)
    .filter(([key]) => key === path || key.startsWith(`${path}.`))
    .flatMap(([, messages]) => messages);
}
