import fc from "fast-check";

// Values a lead should never send, generated with valid check digits, and the lead text around them.

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));

function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A Luhn-valid Visa or Mastercard number, written as one run or in groups of four with spaces or dashes. */
export const cardNumber = fc.tuple(fc.constantFrom("4", "51", "55"), digits(14), fc.constantFrom("", " ", "-")).map(([prefix, rest, sep]) => {
  const body = (prefix + rest).slice(0, 15);
  return (body + luhnDigit(body)).replace(/(\d{4})(?=\d)/g, `$1${sep}`);
});

/** A Spanish DNI with its check letter. */
export const dni = digits(8).map((n) => n + "TRWAGMYFPDXBNJZSQVHLCKE"[Number(n) % 23]);

/** A Spanish IBAN with valid check digits, grouped by four or not. */
export const iban = fc.tuple(digits(20), fc.boolean()).map(([bban, grouped]) => {
  const check = String(98 - Number(BigInt(bban + "142800") % 97n)).padStart(2, "0");
  const value = `ES${check}${bban}`;
  return grouped ? value.replace(/(.{4})(?=.)/g, "$1 ") : value;
});

/** A token shaped like an OpenAI, Slack, GitHub or AWS credential. */
export const token = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{24}$/).map((s) => `sk-proj-${s}`),
  fc.stringMatching(/^[0-9]{10}-[A-Za-z0-9]{16}$/).map((s) => `xoxb-${s}`),
  fc.stringMatching(/^[A-Za-z0-9]{36}$/).map((s) => `ghp_${s}`),
  fc.stringMatching(/^[A-Z0-9]{16}$/).map((s) => `AKIA${s}`),
);

/** A password as people choose them: letters and digits with a symbol. */
export const password = fc.tuple(fc.stringMatching(/^[A-Za-z]{4,10}$/), digits(2), fc.constantFrom("!", ".", "#", "$", "")).map(([w, d, s]) => `${w}${d}${s}`);

/** One sensitive value and the words the lead put it in, in English or Spanish. */
export const sensitiveSentence = fc.oneof(
  cardNumber.map((v) => ({ value: v, text: `For the invoice, my card is ${v}, thanks.` })),
  cardNumber.map((v) => ({ value: v, text: `Cobradlo en la tarjeta ${v}` })),
  dni.map((v) => ({ value: v, text: `Mi DNI es ${v} por si hace falta.` })),
  iban.map((v) => ({ value: v, text: `Our IBAN: ${v}` })),
  token.map((v) => ({ value: v, text: `Use our key ${v} for the integration` })),
  password.map((v) => ({ value: v, text: `HubSpot admin password: ${v}` })),
  password.map((v) => ({ value: v, text: `la contraseña es ${v}` })),
);

/** The sentence inside arbitrary lead text, a space either side. */
export const textWithSensitiveValue = fc
  .tuple(fc.string({ unit: "grapheme", maxLength: 60 }), sensitiveSentence, fc.string({ unit: "grapheme", maxLength: 60 }))
  .map(([before, { value, text }, after]) => ({ value, text: `${before} ${text} ${after}` }));
