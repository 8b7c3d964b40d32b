import { describe, expect, it } from "vitest";
import { parseSse } from "@/lib/chat/sse-parse";

describe("parseSse", () => {
  it("splits complete events, keeps the unfinished rest, drops comments", () => {
    const { events, rest } = parseSse('retry: 1000\n\n: ping\n\nevent: message\nid: a1\ndata: {"x":1}\n\nevent: mess');
    expect(events).toEqual([{ event: "message", id: "a1", data: '{"x":1}' }]);
    expect(rest).toBe("event: mess");
    expect(parseSse(rest + "age\ndata: two\ndata: lines\n\n").events).toEqual([{ event: "message", id: null, data: "two\nlines" }]);
  });

  it("reads CRLF line ends and a field without a space after the colon", () => {
    expect(parseSse("data:{}\r\n\r\n").events).toEqual([{ event: "message", id: null, data: "{}" }]);
  });
});
