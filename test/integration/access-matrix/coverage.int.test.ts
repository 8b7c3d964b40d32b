import { describe, expect, it } from "vitest";
import { discoverPages, discoverRouteHandlers, discoverServerActions, inlineServerActionFiles } from "./discover";
import { actionExpectations, pageExpectations, routeExpectations } from "./expectations";

// The matrix is only as good as its coverage: every endpoint found in the code needs an entry.
const actions = await discoverServerActions();
const routes = await discoverRouteHandlers();
const pages = discoverPages();

describe("the access-control matrix covers everything app/ exposes", () => {
  it("has an entry for every server action, and none for actions that are gone", () => {
    const found = actions.map((a) => a.key).sort();
    expect(
      found.filter((key) => !(key in actionExpectations)),
      "server actions without an entry in expectations.ts",
    ).toEqual([]);
    expect(
      Object.keys(actionExpectations).filter((key) => !found.includes(key)),
      "entries whose action no longer exists",
    ).toEqual([]);
  });

  it("has an entry for every route handler method, and none for handlers that are gone", () => {
    const found = routes.map((r) => r.key).sort();
    expect(
      found.filter((key) => !(key in routeExpectations)),
      "route handlers without an entry in expectations.ts",
    ).toEqual([]);
    expect(
      Object.keys(routeExpectations).filter((key) => !found.includes(key)),
      "entries whose handler no longer exists",
    ).toEqual([]);
  });

  it("has an entry for every page, and none for pages that are gone", () => {
    const found = pages.map((p) => p.pattern).sort();
    expect(
      found.filter((pattern) => !(pattern in pageExpectations)),
      "pages without an entry in expectations.ts",
    ).toEqual([]);
    expect(
      Object.keys(pageExpectations).filter((pattern) => !found.includes(pattern)),
      "entries whose page no longer exists",
    ).toEqual([]);
  });

  it("finds no server action declared inline, where the matrix could not see it", () => {
    expect(inlineServerActionFiles()).toEqual([]);
  });

  it("really enumerates the code (a sanity floor, so an empty walk cannot pass)", () => {
    expect(actions.length).toBeGreaterThanOrEqual(20);
    expect(routes.length).toBeGreaterThanOrEqual(7);
    expect(pages.length).toBeGreaterThanOrEqual(10);
  });
});
