// Typed translations: a key missing from the catalogue is a type error.
import type { Locale } from "@/lib/i18n/locale";
import type messages from "@/messages/en.json";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
