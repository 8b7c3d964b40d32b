import type { HandoffPackage } from "@/lib/contract/package";

/**
 * The package's fields the inbox sorts, filters and searches on, kept beside the jsonb as columns.
 * Every writer of a package (intake, chat, the seed, the benches) stores them through this, so a
 * column cannot drift from the package it mirrors.
 */
export function handoffColumnsFromPackage(pkg: HandoffPackage) {
  return {
    package: pkg,
    intent: pkg.intent,
    fit: pkg.qualification.fit,
    leadName: pkg.identification.name,
    leadEmail: pkg.identification.email,
    companyName: pkg.identification.company,
    summary: pkg.summary,
  };
}
