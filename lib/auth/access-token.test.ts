import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN_PATTERN, hashAccessToken, newAccessToken, tokenProblemMessage } from "./access-token";

describe("newAccessToken", () => {
  it("keeps only a hash that is not the token, and the link's token matches the pattern", () => {
    const { token, tokenHash } = newAccessToken();
    expect(token).toMatch(ACCESS_TOKEN_PATTERN);
    expect(tokenHash).not.toContain(token);
    expect(hashAccessToken(token)).toBe(tokenHash);
    expect(newAccessToken().token).not.toBe(token);
  });

  it("says what is wrong with a link without saying whether the account exists", () => {
    expect(tokenProblemMessage("used", "password_reset")).toMatch(/already used/);
    expect(tokenProblemMessage("expired", "invitation")).toMatch(/expired.*admin/);
    expect(tokenProblemMessage("unknown", "password_reset")).toMatch(/not valid/);
  });
});
