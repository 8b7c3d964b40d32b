import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "./env";

const saved = process.env.CHAT_WIDGET_ALLOWED_ORIGINS;

afterEach(() => {
  if (saved === undefined) delete process.env.CHAT_WIDGET_ALLOWED_ORIGINS;
  else process.env.CHAT_WIDGET_ALLOWED_ORIGINS = saved;
  resetEnvCache();
});

function withOrigins(value: string) {
  process.env.CHAT_WIDGET_ALLOWED_ORIGINS = value;
  resetEnvCache();
  return env().CHAT_WIDGET_ALLOWED_ORIGINS;
}

describe("CHAT_WIDGET_ALLOWED_ORIGINS", () => {
  it("is a comma-separated list of origins, normalised", () => {
    expect(withOrigins("https://www.example.com, https://shop.example.com:8443/ ,")).toEqual(["https://www.example.com", "https://shop.example.com:8443"]);
  });

  it("is unset when empty", () => {
    expect(withOrigins("")).toBeUndefined();
  });

  it.each(["https://www.example.com/widget", "www.example.com", "javascript:alert(1)", "https://a.example.com; script-src *", "*"])(
    "refuses %s, naming the setting",
    (value) => {
      expect(() => withOrigins(value)).toThrow(/CHAT_WIDGET_ALLOWED_ORIGINS.*origin like https:\/\/www\.example\.com/);
    },
  );
});
