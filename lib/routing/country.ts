/**
 * The lead's country for territory routing, from what the intake says: an explicit country field
 * first, then the phone's calling code, then a country-code top-level domain of the email or website.
 * Null when nothing says (".com" says nothing).
 */
export function inferCountry(input: { countryField?: string | null; phone?: string | null; email?: string | null; website?: string | null }): string | null {
  const field = input.countryField?.trim();
  if (field) {
    const upper = field.toUpperCase();
    if (/^[A-Z]{2}$/.test(upper)) return upper === "UK" ? "GB" : upper;
    const named = countryNames[field.toLowerCase()];
    if (named) return named;
  }
  const phone = input.phone?.replace(/[\s().-]/g, "");
  if (phone?.startsWith("+") || phone?.startsWith("00")) {
    const digits = phone.replace(/^(\+|00)/, "");
    // Longest prefix first: +351 is Portugal, not +35.
    for (const length of [3, 2, 1]) {
      const code = callingCodes[digits.slice(0, length)];
      if (code) return code;
    }
  }
  for (const address of [input.email?.split("@")[1], input.website]) {
    const host = address
      ?.toLowerCase()
      .replace(/^https?:\/\//, "")
      .split(/[/:?#]/)[0];
    const tld = host?.split(".").pop();
    if (tld && tld.length === 2) return tld === "uk" ? "GB" : tld.toUpperCase();
  }
  return null;
}

const callingCodes: Record<string, string> = {
  "1": "US",
  "7": "RU",
  "20": "EG",
  "27": "ZA",
  "30": "GR",
  "31": "NL",
  "32": "BE",
  "33": "FR",
  "34": "ES",
  "36": "HU",
  "39": "IT",
  "40": "RO",
  "41": "CH",
  "43": "AT",
  "44": "GB",
  "45": "DK",
  "46": "SE",
  "47": "NO",
  "48": "PL",
  "49": "DE",
  "51": "PE",
  "52": "MX",
  "54": "AR",
  "55": "BR",
  "56": "CL",
  "57": "CO",
  "61": "AU",
  "81": "JP",
  "86": "CN",
  "91": "IN",
  "351": "PT",
  "353": "IE",
  "358": "FI",
  "420": "CZ",
  "971": "AE",
};

const countryNames: Record<string, string> = {
  spain: "ES",
  españa: "ES",
  france: "FR",
  germany: "DE",
  italy: "IT",
  portugal: "PT",
  "united kingdom": "GB",
  "great britain": "GB",
  ireland: "IE",
  netherlands: "NL",
  "united states": "US",
  usa: "US",
  canada: "CA",
  mexico: "MX",
  méxico: "MX",
  brazil: "BR",
  argentina: "AR",
  colombia: "CO",
  chile: "CL",
};
