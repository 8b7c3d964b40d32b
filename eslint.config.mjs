import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layers (ARCHITECTURE.md), held by the linter rather than by review: only db/queries talks to
// the database client; lib/ is the domain and never reaches up into app/ or components/; components
// render and never query. Types may cross (a component may name a row's type).
const clientMessage = "Only db/queries imports the database client: call a function in db/queries instead.";
const noDatabaseClient = { paths: ["@/db", "@/db/index"].map((name) => ({ name, message: clientMessage, allowTypeImports: true })) };
const noQueries = {
  patterns: [{ group: ["@/db/queries/*"], message: "Components render; the page or action calls db/queries and passes the data in.", allowTypeImports: true }],
};
const noUpward = {
  patterns: [{ group: ["@/app/*", "@/components/*", "next/*", "next"], message: "lib/ is plain TypeScript: it never imports app/, components/ or Next.js." }],
};
// One rule entry per folder: its paths and patterns together (a later entry would replace an earlier one).
const restrict = (...rules) => ({
  "@typescript-eslint/no-restricted-imports": ["error", { paths: rules.flatMap((r) => r.paths ?? []), patterns: rules.flatMap((r) => r.patterns ?? []) }],
});

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  // Playwright fixtures receive a callback named `use`; it is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  { files: ["app/**/*.{ts,tsx}"], rules: restrict(noDatabaseClient) },
  { files: ["lib/**/*.{ts,tsx}"], ignores: ["lib/**/*.test.ts", "lib/**/*.int.test.ts"], rules: restrict(noDatabaseClient, noUpward) },
  { files: ["components/**/*.{ts,tsx}"], rules: restrict(noDatabaseClient, noQueries) },
];

export default config;
