import { describe, expect, it } from "vitest";
import { inferCountry } from "@/lib/routing/country";

describe("inferCountry", () => {
  it("prefers an explicit field, then the phone, then a country-code domain", () => {
    expect(inferCountry({ countryField: "Spain", phone: "+1 555 0100" })).toBe("ES");
    expect(inferCountry({ countryField: "mx" })).toBe("MX");
    expect(inferCountry({ phone: "+351 912 000 000", email: "a@b.es" })).toBe("PT");
    expect(inferCountry({ phone: "0044 20 7946 0000" })).toBe("GB");
    expect(inferCountry({ email: "ana@acme.co.uk" })).toBe("GB");
    expect(inferCountry({ website: "https://www.acme.de/contact" })).toBe("DE");
  });

  it("says nothing when nothing says it", () => {
    expect(inferCountry({ email: "ana@acme.com", phone: "600 000 000" })).toBeNull();
    expect(inferCountry({})).toBeNull();
  });
});
