import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** 20 random base32 characters (100 bits): what `sales+r-<token>@…` carries, unguessable, valid in a local part. */
export function newReplyToken(): string {
  const bytes = randomBytes(20);
  return Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
}

/** `sales@example.com` + token → `sales+r-<token>@example.com`. */
export function replyAddress(address: string, token: string): string {
  const at = address.lastIndexOf("@");
  const local = address.slice(0, at).split("+")[0];
  return `${local}+r-${token}${address.slice(at)}`;
}
