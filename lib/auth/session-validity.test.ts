import { describe, expect, it } from "vitest";
import { sessionStillValid } from "./session-validity";

describe("sessionStillValid", () => {
  const user = { sessionVersion: 2, keptSessionId: "kept" };

  it("accepts a token issued under the current version", () => {
    expect(sessionStillValid(user, { version: 2, id: "any" })).toBe(true);
  });

  it("refuses a token from an earlier version", () => {
    expect(sessionStillValid(user, { version: 1, id: "other" })).toBe(false);
  });

  it("keeps the one session the password was changed from", () => {
    expect(sessionStillValid(user, { version: 1, id: "kept" })).toBe(true);
  });

  it("reads a token without a version as version 0", () => {
    expect(sessionStillValid({ sessionVersion: 0, keptSessionId: null }, { version: undefined, id: undefined })).toBe(true);
    expect(sessionStillValid({ sessionVersion: 1, keptSessionId: null }, { version: undefined, id: undefined })).toBe(false);
  });

  it("never matches a missing id against a missing kept id", () => {
    expect(sessionStillValid({ sessionVersion: 1, keptSessionId: null }, { version: 0, id: null })).toBe(false);
  });
});
