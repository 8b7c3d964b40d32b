import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

// What the code exposes, found by walking app/ rather than listed by hand, so nothing new is missed.

const root = resolve(import.meta.dirname, "../../..");
const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

export type ExposedExport = { key: string; file: string; exportName: string; value: unknown };

/** Every export of every "use server" module (and every actions.ts, which must be one). */
export async function discoverServerActions(): Promise<ExposedExport[]> {
  const files = sourceFiles("app").filter((file) => file.endsWith("/actions.ts") || isUseServerModule(file));
  return exportsOf(files, () => true);
}

/** Every HTTP method a route.ts exports. */
export async function discoverRouteHandlers(): Promise<ExposedExport[]> {
  return exportsOf(
    sourceFiles("app").filter((file) => /\/route\.tsx?$/.test(file)),
    (name) => httpMethods.includes(name),
  );
}

/** Every page, as its URL pattern (route groups dropped). */
export function discoverPages(): { pattern: string; file: string }[] {
  return sourceFiles("app")
    .filter((file) => /\/page\.tsx?$/.test(file))
    .map((file) => {
      const segments = file
        .split("/")
        .slice(1, -1)
        .filter((s) => !(s.startsWith("(") && s.endsWith(")")));
      return { pattern: "/" + segments.join("/"), file };
    });
}

/** Files that declare server actions inline (a "use server" inside a function) are not allowed: they would escape the matrix. */
export function inlineServerActionFiles(): string[] {
  return [...sourceFiles("app"), ...sourceFiles("components"), ...sourceFiles("lib")].filter((file) => {
    const text = readFileSync(join(root, file), "utf8");
    return /["']use server["']/.test(text) && !isUseServerModule(file);
  });
}

function isUseServerModule(file: string): boolean {
  const text = readFileSync(join(root, file), "utf8");
  // The directive must be the first statement; comments may come before it.
  const code = text.replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, "");
  return /^["']use server["'];?/.test(code);
}

async function exportsOf(files: string[], include: (name: string) => boolean): Promise<ExposedExport[]> {
  const out: ExposedExport[] = [];
  for (const file of files.sort()) {
    const mod = (await import(/* @vite-ignore */ join(root, file))) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      if (include(exportName)) out.push({ key: `${file}#${exportName}`, file, exportName, value });
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(relative(root, path));
    }
  };
  walk(join(root, dir));
  return out;
}
