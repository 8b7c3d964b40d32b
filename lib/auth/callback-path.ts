/**
 * Where to go after signing in: only a path on this site. Auth.js drops cross-origin callbacks
 * (localhost vs 127.0.0.1), and an absolute URL here would be an open redirect.
 */
export function safeCallbackPath(raw: string | undefined): string {
  if (!raw) return "/inbox";
  try {
    const url = new URL(raw, "http://local.invalid");
    const path = url.pathname + url.search;
    return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/login") ? path : "/inbox";
  } catch {
    return "/inbox";
  }
}
