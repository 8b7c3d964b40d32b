import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The import boundaries of eslint.config.mjs, checked on code that breaks them: a rule that stopped
// matching would let the layers erode without anyone noticing.
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

describe("import boundaries", () => {
  it("lib/ may not import the database client, app/, components/ or Next.js", async () => {
    expect(await boundaryErrors("lib/example/forbidden.ts", 'import { db } from "@/db";\nexport const x = db;\n')).toEqual([
      expect.stringContaining("Only db/queries imports the database client"),
    ]);
    expect(await boundaryErrors("lib/example/forbidden.ts", 'import { AppShell } from "@/components/app-shell";\nexport const x = AppShell;\n')).toEqual([
      expect.stringContaining("lib/ is plain TypeScript"),
    ]);
    expect(await boundaryErrors("lib/example/forbidden.ts", 'import { redirect } from "next/navigation";\nexport const x = redirect;\n')).toEqual([
      expect.stringContaining("lib/ is plain TypeScript"),
    ]);
  });

  it("components/ may not query, app/ may not reach the client; both may name a row's type", async () => {
    expect(await boundaryErrors("components/example/forbidden.tsx", 'import { listTeams } from "@/db/queries/users";\nexport const x = listTeams;\n')).toEqual([
      expect.stringContaining("Components render"),
    ]);
    expect(await boundaryErrors("app/example/page.tsx", 'import { db } from "@/db";\nexport const x = db;\n')).toEqual([
      expect.stringContaining("Only db/queries"),
    ]);
    expect(
      await boundaryErrors("components/example/allowed.tsx", 'import type { ApprovalRow } from "@/db/queries/approvals";\nexport type X = ApprovalRow;\n'),
    ).toEqual([]);
    expect(await boundaryErrors("lib/example/allowed.ts", 'import { listTeams } from "@/db/queries/users";\nexport const x = listTeams;\n')).toEqual([]);
  });
});
