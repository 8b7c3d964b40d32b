import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

// Outbound webhooks go where an admin typed, so a URL must not reach into Baton's own network
// (SSRF): loopback, private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT,
// multicast and reserved ranges are refused unless the host is listed in
// WEBHOOK_ALLOWED_PRIVATE_HOSTS. The address checked is the address connected to (see send.ts),
// so a name that resolves differently a second later (DNS rebinding) gains nothing.
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

/** True for an address no webhook may reach by default; IPv4-mapped IPv6 is judged as its IPv4. */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

export type ResolvedTarget = { ok: true; url: URL; address: string; family: 4 | 6 } | { ok: false; reason: string };

/** Parses and resolves a webhook URL; the address returned is the one to connect to. */
export async function resolveWebhookTarget(
  rawUrl: string,
  options: { allowedPrivateHosts: readonly string[]; resolve?: (host: string) => Promise<{ address: string; family: number }[]> },
): Promise<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, reason: "not a URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: "only http and https URLs can receive webhooks" };
  if (url.username || url.password) return { ok: false, reason: "a webhook URL cannot carry a user name or password" };
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  let addresses: { address: string; family: number }[];
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await (options.resolve ?? defaultResolve)(host);
  } catch {
    return { ok: false, reason: `${host} does not resolve` };
  }
  if (addresses.length === 0) return { ok: false, reason: `${host} does not resolve` };
  const allowed = options.allowedPrivateHosts.includes(host);
  // Every address must be safe: a name with one public and one private address could be steered to the private one.
  const unsafe = addresses.find((a) => isBlockedAddress(a.address));
  if (unsafe && !allowed) return { ok: false, reason: `${host} resolves to ${unsafe.address}, a loopback, private, link-local or reserved address` };
  const first = addresses[0]!;
  return { ok: true, url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

const defaultResolve = (host: string) => lookup(host, { all: true, verbatim: true });
