/**
 * The security headers every response carries. Pages get a per-request nonce from proxy.ts (Next
 * puts it on its own scripts, so no inline script without it runs); API routes get a fixed,
 * stricter set from next.config.ts, since they never render HTML.
 */

export type HeaderOptions = {
  /** Only the chat widget may be framed, and only by these origins (lib/chat/widget-origins.ts: the admin's list, else the environment's). */
  widgetOrigins: readonly string[];
  /** next dev evaluates code for fast refresh and React's debugging; a production build does not. */
  dev: boolean;
  /** APP_URL is https: ask browsers to keep to it. */
  https: boolean;
};

export function isChatWidgetPath(pathname: string): boolean {
  return pathname === "/chat" || pathname.startsWith("/chat/");
}

export function pageSecurityHeaders(pathname: string, nonce: string, options: HeaderOptions): Record<string, string> {
  const framable = isChatWidgetPath(pathname);
  const frameAncestors = framable ? ["'self'", ...options.widgetOrigins].join(" ") : "'none'";
  const policy = [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next loads from a nonced script run; 'self' is the fallback for browsers without CSP 3.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // React and the toaster set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
  return {
    "Content-Security-Policy": policy,
    ...commonHeaders(options),
    // X-Frame-Options cannot name several origins, so the widget relies on frame-ancestors alone.
    ...(framable ? {} : { "X-Frame-Options": "DENY" }),
  };
}

/** For /api/*: JSON and streams, never a page, so nothing may load, run or frame. */
export function apiSecurityHeaders(): Record<string, string> {
  return {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    // Fixed at build time (next.config.ts); HSTS comes with the pages, and a browser applies it to the whole host.
    ...commonHeaders({ https: false }),
    "X-Frame-Options": "DENY",
  };
}

function commonHeaders(options: Pick<HeaderOptions, "https">): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
