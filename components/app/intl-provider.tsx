"use client";
// next-intl for the client components, handling translation problems as the server
// does (lib/i18n/errors.ts): the layout, a server component, cannot pass functions.
import { NextIntlClientProvider } from "next-intl";
import type { ComponentProps } from "react";
import { messageFallback, onIntlError } from "@/lib/i18n/errors";

type Props = Omit<ComponentProps<typeof NextIntlClientProvider>, "onError" | "getMessageFallback">;

export function IntlProvider(props: Props) {
  return <NextIntlClientProvider {...props} onError={onIntlError} getMessageFallback={messageFallback} />;
}
