// What a translation problem does (a missing key, a message that does not parse):
// it is a bug, so in development and tests it throws and cannot go unnoticed. In
// production the page still renders, showing the key where the text belongs, and
// the error is logged (the browser tests fail on any console error).
import type { IntlError } from "next-intl";

export function onIntlError(error: IntlError): void {
  if (process.env.NODE_ENV !== "production") throw error;
  console.error(error);
}

export function messageFallback({ namespace, key }: { namespace?: string; key: string }): string {
  return namespace ? `${namespace}.${key}` : key;
}
