import { describe, expect, it } from "vitest";
import { isBlockedAddress, resolveWebhookTarget } from "./safe-target";

describe("isBlockedAddress", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.20.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "fe80::1",
    "fd00:ec2::254",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
  ])("refuses %s", (address) => expect(isBlockedAddress(address)).toBe(true));
  it.each(["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows %s", (address) => expect(isBlockedAddress(address)).toBe(false));
});

describe("resolveWebhookTarget", () => {
  const resolveTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  it("refuses a name that resolves to a private address, and one with any private address among public ones", async () => {
    expect(await resolveWebhookTarget("https://hooks.example.com/x", { allowedPrivateHosts: [], resolve: resolveTo("10.0.0.5") })).toMatchObject({ ok: false });
    expect(
      await resolveWebhookTarget("https://hooks.example.com/x", { allowedPrivateHosts: [], resolve: resolveTo("93.184.215.14", "192.168.0.2") }),
    ).toMatchObject({
      ok: false,
    });
  });

  it("refuses literal loopback and metadata addresses, other schemes and credentials in the URL", async () => {
    for (const url of [
      "http://127.0.0.1:5678/hook",
      "http://[::1]/x",
      "http://169.254.169.254/latest/meta-data",
      "ftp://example.com/x",
      "https://u:p@example.com/",
      "nope",
    ])
      expect((await resolveWebhookTarget(url, { allowedPrivateHosts: [] })).ok, url).toBe(false);
  });

  it("lets a listed host through though it is private, and answers the address to connect to", async () => {
    expect(await resolveWebhookTarget("http://127.0.0.1:5678/hook", { allowedPrivateHosts: ["127.0.0.1"] })).toMatchObject({ ok: true, address: "127.0.0.1" });
    expect(await resolveWebhookTarget("https://hooks.example.com/x", { allowedPrivateHosts: [], resolve: resolveTo("93.184.215.14") })).toMatchObject({
      ok: true,
      address: "93.184.215.14",
    });
  });
});
