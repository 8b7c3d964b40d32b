import { describe, expect, it } from "vitest";
import { maskText } from "@/lib/privacy/mask-text";
import { privacyNotice, withPrivacyNotice } from "./privacy-notice";

describe("the agent's notice after it removed a sensitive value", () => {
  it("names what was removed and asks not to send such data, in English", () => {
    const { removed } = maskText("card 4111 1111 1111 1111, password: Hunter2!x");
    expect(privacyNotice(removed, "en")).toBe(
      "I've removed the card number and the password or access key you sent: it is not stored or passed on. Please don't send card numbers, passwords, bank details or ID numbers in this chat.",
    );
  });

  it("speaks Spanish with tú", () => {
    const { removed } = maskText("mi DNI es 12345678Z");
    const notice = privacyNotice(removed, "es")!;
    expect(notice).toMatch(/^He eliminado el número de identificación que enviaste/);
    expect(notice).toMatch(/no envíes/);
    expect(notice).not.toMatch(/usted|envíe /);
  });

  it("leaves the reply alone when nothing was removed, and gives a silent turn its notice only", () => {
    const reply = { kind: "ask" as const, text: "Which CRM do you use?" };
    expect(withPrivacyNotice(reply, [], "en")).toBe(reply);
    const { removed } = maskText("ES91 2100 0418 4502 0005 1332");
    expect(withPrivacyNotice({ kind: "silent", text: null }, removed, "en").text).toMatch(/^I've removed the bank account number/);
  });
});
