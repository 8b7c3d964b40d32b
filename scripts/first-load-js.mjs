// The JavaScript a browser downloads to show one route of the production build the first time
// (Next 16 no longer prints it after `next build`): the framework's root chunks plus every chunk the
// route's layouts and page name, each gzipped as the server sends it.
//
//   node scripts/first-load-js.mjs [/inbox] [--budget-kb 200] [--json]
//
// Exits 1 when a budget is given and the route is over it.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

/** First-load JS of `route` in the build under `distDir`: total and per chunk, in bytes. */
export function firstLoadJs(route, distDir = ".next") {
  const buildManifest = readJson(join(distDir, "build-manifest.json"));
  const appRoutes = readJson(join(distDir, "app-path-routes-manifest.json"));
  const appPath = Object.keys(appRoutes).find((path) => appRoutes[path] === route && path.endsWith("/page"));
  if (!appPath) throw new Error(`no app route ${route} in ${distDir} (routes: ${Object.values(appRoutes).join(", ")})`);

  const manifestFile = join(distDir, "server", "app", `${appPath}_client-reference-manifest.js`);
  if (!existsSync(manifestFile)) throw new Error(`missing ${manifestFile}: run next build first`);
  // The manifest is a script that assigns itself to a global; run it in a box of its own.
  const box = { self: {} };
  box.globalThis = box;
  runInNewContext(readFileSync(manifestFile, "utf8"), box);
  const manifest = (box.__RSC_MANIFEST ?? box.self.__RSC_MANIFEST)[appPath];
  const routeChunks = Object.values(manifest.entryJSFiles).flat();

  const files = [...new Set([...buildManifest.rootMainFiles, ...routeChunks])];
  const chunks = files.map((file) => {
    const bytes = readFileSync(join(distDir, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
  });
  return {
    route,
    chunks,
    bytes: chunks.reduce((sum, c) => sum + c.bytes, 0),
    gzipBytes: chunks.reduce((sum, c) => sum + c.gzipBytes, 0),
  };
}

function readJson(file) {
  if (!existsSync(file)) throw new Error(`missing ${file}: run next build first`);
  return JSON.parse(readFileSync(file, "utf8"));
}

const kb = (bytes) => (bytes / 1024).toFixed(1);

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { "budget-kb": { type: "string" }, json: { type: "boolean" } } });
  const result = firstLoadJs(positionals[0] ?? "/inbox");
  const budget = values["budget-kb"] ? Number(values["budget-kb"]) : null;
  if (values.json) {
    console.log(JSON.stringify({ ...result, budgetKb: budget }, null, 2));
  } else {
    for (const c of [...result.chunks].sort((a, b) => b.gzipBytes - a.gzipBytes))
      console.log(`${kb(c.gzipBytes).padStart(8)} KB gzip  ${kb(c.bytes).padStart(8)} KB  ${c.file}`);
    console.log(`First-load JS of ${result.route}: ${kb(result.gzipBytes)} KB gzip (${kb(result.bytes)} KB raw)${budget ? `, budget ${budget} KB gzip` : ""}`);
  }
  if (budget && result.gzipBytes > budget * 1024) {
    console.error(`over budget by ${kb(result.gzipBytes - budget * 1024)} KB gzip`);
    process.exit(1);
  }
}
