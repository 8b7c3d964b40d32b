import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * WCAG 2.1 A and AA rules; a serious or critical violation fails the page.
 *
 * Axe judges colours as painted, so a toast half-way through its fade-in reads as low contrast
 * text that the reader never sees. The scan waits until every finite animation and transition
 * has ended (spinners and pulses loop forever and are left running).
 */
export async function seriousViolations(page: Page) {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== "running" || animation.effect?.getComputedTiming().iterations === Infinity),
  );
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ rule: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.slice(0, 3).map(describeNode) }));
}

// The selector alone ("div[data-title]", ".mt-2") rarely says which element it was; the start of its markup does.
function describeNode(node: { target: unknown[]; html: string }): string {
  return `${node.target.join(" ")} ${node.html.slice(0, 160)}`;
}
