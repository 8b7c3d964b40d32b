// Where leads and their companies are; the deal currency follows from it.

export type Country = "GB" | "IE" | "ES" | "NL" | "FR" | "PT" | "DE" | "IT" | "DK" | "SE" | "BE" | "AT" | "US" | "CA" | "MX" | "CO" | "BR";

export const currencyOf = (country: Country) => (country === "GB" ? "GBP" : ["US", "CA", "MX", "CO", "BR"].includes(country) ? "USD" : "EUR");
