// The check digits that tell a real card number, IBAN or Spanish id from any run of digits.

/** Luhn (ISO/IEC 7812): the last digit of every payment card number. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ISO 13616: the IBAN moved four characters, letters as 10..35, is 1 modulo 97. */
export function passesIbanMod97(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const value = code >= 48 && code <= 57 ? String(code - 48) : code >= 65 && code <= 90 ? String(code - 55) : null;
    if (value === null) return false;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

/** The control letter of a Spanish DNI (8 digits) or NIE (X, Y or Z and 7 digits). */
export function spanishIdLetter(id: string): string | null {
  const nie = /^([XYZ])(\d{7})$/.exec(id);
  const number = nie ? Number(String("XYZ".indexOf(nie[1]!)) + nie[2]) : /^\d{8}$/.test(id) ? Number(id) : null;
  return number === null ? null : DNI_LETTERS[number % 23]!;
}
