// What a new password must be: long enough, not the name, not a commonly used one
// (zxcvbn-ts's list of ~49,000 passwords seen most in breaches).
import { dictionary } from "@zxcvbn-ts/language-common";
import { nameKey } from "./names";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

let common: Set<string> | undefined;

function isCommon(password: string): boolean {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

/** Why the password cannot be used, or null when it can. */
export function passwordProblem(password: string, name: string | null): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `expected at least ${MIN_PASSWORD_LENGTH} characters`;
  if (name && nameKey(password).includes(nameKey(name))) return "must not contain the name";
  if (isCommon(password)) return "is one of the most commonly used passwords; choose another";
  return null;
}
