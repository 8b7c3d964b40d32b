import { describe, expect, it } from "vitest";
import { laneKeysOf, lanesOf } from "./lanes";

const raw = (headers: string[]) => Buffer.from([...headers, "", "body"].join("\r\n"));

describe("laneKeysOf", () => {
  it("reads the sender and every Message-ID the headers name, folded References included", () => {
    const keys = laneKeysOf(
      raw(["From: Luis <Luis@Example.com>", "Message-ID: <b@x>", "In-Reply-To: <a@x>", "References: <root@x>\r\n <a@x>", "Subject: Re: hi"]),
    );
    expect(keys).toEqual(["from:luis@example.com", "id:b@x", "id:a@x", "id:root@x", "id:a@x"]);
    expect(laneKeysOf(undefined)).toEqual([]);
  });
});

describe("lanesOf", () => {
  const keys: Record<number, string[]> = {
    1: ["from:ana@x", "id:1"],
    2: ["from:bo@y", "id:2"],
    3: ["from:luis@x", "id:3", "id:1"], // answers 1, from another address
    4: ["from:marta@x", "id:4", "id:3"], // answers 3
    5: [],
  };
  const batch = [1, 2, 3, 4, 5].map((uid) => ({ uid }));

  it("puts a reply in the lane of the email it answers, whoever sent it, in UID order", () => {
    const lanes = lanesOf(batch, (m) => keys[m.uid]!).map((lane) => lane.map((m) => m.uid));
    expect(lanes).toEqual([[1, 3, 4], [2], [5]]);
  });

  it("keeps one sender's messages together, and unrelated senders apart", () => {
    const lanes = lanesOf([{ uid: 7 }, { uid: 8 }, { uid: 9 }], (m) => (m.uid === 9 ? ["from:c@z"] : ["from:a@z", `id:${m.uid}`])).map((l) =>
      l.map((m) => m.uid),
    );
    expect(lanes).toEqual([[7, 8], [9]]);
  });
});
