import { describe, expect, it } from "vitest";
import { requestedActionView } from "./requested-action";

const owner = { mayAct: true, mayReassign: false, ownerName: "Dana Reyes" };

describe("a form the inbox asked for", () => {
  it("opens when the package allows it", () => {
    expect(requestedActionView("convert", { ...owner, status: "accepted" })).toEqual({ kind: "open" });
    expect(requestedActionView("convert", { ...owner, status: "in_follow_up" })).toEqual({ kind: "open" });
    expect(requestedActionView("discard", { ...owner, status: "pending" })).toEqual({ kind: "open" });
    expect(requestedActionView("reassign", { ...owner, mayReassign: true, status: "pending" })).toEqual({ kind: "open" });
  });

  it("offers to accept a pending package before converting it", () => {
    expect(requestedActionView("convert", { ...owner, status: "pending" })).toMatchObject({
      kind: "accept_first",
      message: expect.stringMatching(/accept it first/),
    });
  });

  it("says why when the package cannot get there", () => {
    expect(requestedActionView("convert", { ...owner, status: "discarded" })).toEqual({
      kind: "unavailable",
      message: "You can't convert a package that is discarded.",
    });
    expect(requestedActionView("discard", { ...owner, status: "converted" })).toEqual({
      kind: "unavailable",
      message: "You can't discard a package that is converted.",
    });
    expect(requestedActionView("reassign", { ...owner, status: "pending" })).toEqual({
      kind: "unavailable",
      message: "Only a manager or an admin can reassign a package.",
    });
    expect(requestedActionView("reassign", { ...owner, mayReassign: true, status: "converted" })).toMatchObject({
      kind: "unavailable",
      message: expect.stringMatching(/converted; there is nothing to reassign/),
    });
  });

  it("names the owner when the package is someone else's", () => {
    expect(requestedActionView("convert", { ...owner, mayAct: false, status: "pending" })).toMatchObject({
      kind: "unavailable",
      message: expect.stringMatching(/^Dana Reyes owns this package, so you cannot convert it/),
    });
  });
});
