"use client";

import { z } from "zod";

// zod 4 probes `new Function` once to decide whether to compile its object parsers. The console's
// CSP allows no eval, so in the browser the probe would be reported as a violation on every page:
// parse without compiling there. (The server keeps the compiled, faster parsers.)
z.config({ jitless: true });

export function ZodWithoutEval() {
  return null;
}
