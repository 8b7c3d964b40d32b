import { describe, expect, it } from "vitest";
import { MAX_WIDGET_ORIGINS, parseWidgetOrigins, widgetOriginsSchema } from "./widget-origins-schema";

describe("the sites allowed to embed the chat widget", () => {
  it("reads one origin a line or comma-separated, normalised, without duplicates", () => {
    expect(parseWidgetOrigins("https://www.example.com\n https://shop.example.com:8443/ ,https://www.example.com\n\n")).toEqual({
      ok: true,
      origins: ["https://www.example.com", "https://shop.example.com:8443"],
    });
    expect(parseWidgetOrigins("  ")).toEqual({ ok: true, origins: [] });
  });

  it.each(["https://www.example.com/pricing", "www.example.com", "https://exa mple.com", "ftp://files.example.com", "https://a.example.com?x=1", "'none'"])(
    "names the bad entry %s",
    (bad) => {
      const parsed = parseWidgetOrigins(`https://ok.example.com\n${bad}`);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(`"${bad}" is not a site's origin`);
    },
  );

  it("refuses more than the limit", () => {
    const many = Array.from({ length: MAX_WIDGET_ORIGINS + 1 }, (_, i) => `https://s${i}.example.com`).join("\n");
    expect(parseWidgetOrigins(many)).toMatchObject({ ok: false, message: expect.stringContaining(`at most ${MAX_WIDGET_ORIGINS}`) });
  });

  it("the form schema gives the list or the message", () => {
    expect(widgetOriginsSchema.parse({ origins: "https://www.example.com" })).toEqual({ origins: ["https://www.example.com"] });
    const bad = widgetOriginsSchema.safeParse({ origins: "https://www.example.com/x" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('"https://www.example.com/x"');
  });
});
