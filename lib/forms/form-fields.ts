import { z } from "zod";

// Form data arrives as strings: these read it the way a person means it.

/** A checkbox: present means on. */
export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** Several checkboxes of one name: one string, several, or none. */
export const listOf = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(schema));

/** A blank field is "not set". */
export const blankIsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), schema.optional());

/** A whole number typed into a field. */
export const wholeNumber = (min: number, max: number) =>
  z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
