import { readFile } from "node:fs/promises";
import { mailParseLine } from "@/lib/email/mail-parse";

// npm run mail:parse -- FILE.eml…: one JSON line per file on stdout, no database. A file that cannot
// be read or parsed gets {"file","error"} and the rest still run; the exit code is 1 if any failed.
const files = process.argv.slice(2).filter((a) => a !== "--");
if (files.length === 0) {
  process.stderr.write("usage: npm run mail:parse -- FILE.eml [FILE.eml…]\n");
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  try {
    process.stdout.write(JSON.stringify(await mailParseLine(file, await readFile(file))) + "\n");
  } catch (error) {
    failed++;
    const message = error instanceof Error ? error.message : String(error);
    process.stdout.write(JSON.stringify({ file, error: `${file}: ${message}` }) + "\n");
  }
}
process.exitCode = failed ? 1 : 0;
