import type { Metadata } from "next";
import { connection } from "next/server";
import { Toaster } from "sonner";
import { ZodWithoutEval } from "@/components/security/zod-without-eval";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Baton", template: "%s · Baton" },
  description: "The AI-to-sales handoff console",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts carry that request's CSP nonce (proxy.ts), which a
  // page prerendered at build time could not.
  await connection();
  return (
    <html lang="en">
      <body>
        <ZodWithoutEval />
        {children}
        <Toaster position="bottom-right" richColors closeButton />
      </body>
    </html>
  );
}
