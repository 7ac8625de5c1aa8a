// Which language a page is in: the cookie, else Accept-Language, else English.
import { describe, expect, it } from "vitest";
import { htmlLang, localeCookie, localeFromAcceptLanguage, resolveLocale } from "@/lib/i18n/locale";

describe("locale resolution", () => {
  it.each([
    ["zh", "zh"],
    ["zh-CN", "zh"],
    ["zh-Hans", "zh"],
    ["zh-Hant-TW", "zh"],
    ["zh-TW,zh;q=0.9", "zh"],
    ["ZH-cn", "zh"],
    ["en-US,en;q=0.9", "en"],
    ["en-GB", "en"],
    ["fr-FR,fr;q=0.9,zh-CN;q=0.8,en;q=0.7", "zh"],
    ["fr-FR,fr;q=0.9,en;q=0.8,zh;q=0.7", "en"],
    ["en;q=0.5,zh;q=0.8", "zh"],
    ["zh;q=0.8,en;q=0.8", "zh"],
    ["zh;q=0,en;q=0.1", "en"],
  ])("Accept-Language %j → %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  it.each([null, undefined, "", "fr-FR,de;q=0.9", "*", "zh;q=0", "zh;q=abc"])("no supported language in %j", (header) => {
    expect(localeFromAcceptLanguage(header)).toBeNull();
    expect(resolveLocale({ acceptLanguage: header })).toBe("en");
  });

  it("prefers the cookie to the browser's languages", () => {
    expect(resolveLocale({ cookie: "zh", acceptLanguage: "en-US" })).toBe("zh");
    expect(resolveLocale({ cookie: "en", acceptLanguage: "zh-CN" })).toBe("en");
  });

  it("ignores a cookie that names no language we have", () => {
    expect(resolveLocale({ cookie: "fr", acceptLanguage: "zh-CN" })).toBe("zh");
    expect(resolveLocale({ cookie: "zh-CN", acceptLanguage: null })).toBe("en");
    expect(resolveLocale({})).toBe("en");
  });

  it("marks the page Simplified Chinese for zh", () => {
    expect(htmlLang("zh")).toBe("zh-CN");
    expect(htmlLang("en")).toBe("en");
  });

  it("keeps the choice for a year, on every path", () => {
    expect(localeCookie("zh")).toBe("parley-locale=zh; Path=/; Max-Age=31536000; SameSite=Lax");
  });
});
