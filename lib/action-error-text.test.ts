import { describe, expect, it } from "vitest";
import { actionErrorText } from "@/lib/action-error-text";

describe("actionErrorText", () => {
  it("puts the field's label in front of the message", () => {
    expect(actionErrorText({ field: "minutes", error: "must be at least 1" }, { minutes: "Minutes" })).toBe("Minutes: must be at least 1");
  });

  it("labels a nested path by the longest label key it starts with", () => {
    const labels = { match: "Conditions", "match.countries": "Countries" };
    expect(actionErrorText({ field: "match.countries.0", error: "must be a two-letter country code" }, labels)).toBe(
      "Countries: must be a two-letter country code",
    );
  });

  it("shows the message alone, as a sentence, when the form has no label for the field", () => {
    expect(actionErrorText({ field: "valueAmount", error: "The value must be more than zero." })).toBe("The value must be more than zero.");
    expect(actionErrorText({ field: "capacity", error: "must be a number" }, { name: "Name" })).toBe("Must be a number");
  });

  it("never shows the key: a key that is a prefix of another word is not a match", () => {
    expect(actionErrorText({ field: "teamIds", error: "pick a team" }, { team: "Team" })).toBe("Pick a team");
  });

  it("passes a message with no field through", () => {
    expect(actionErrorText({ error: "Someone changed this package a moment ago." })).toBe("Someone changed this package a moment ago.");
  });
});
