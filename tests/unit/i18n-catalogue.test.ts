// The message catalogues: English and Chinese say the same things (same keys, no
// empty message, the same ICU arguments), every message parses, and every built-in
// role has its name and description in both.
import { IntlMessageFormat } from "intl-messageformat";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { BUILTIN_ROLES } from "@/lib/ai/roles";
import en from "@/messages/en.json";
import zh from "@/messages/zh.json";

type Catalogue = { [key: string]: string | Catalogue };
type Element = ReturnType<IntlMessageFormat["getAst"]>[number];

const catalogues = { en, zh } as Record<string, Catalogue>;

/** Every message of a catalogue by its dotted key. */
function flatten(catalogue: Catalogue, prefix = ""): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") for (const entry of flatten(value, path)) entries.set(...entry);
    else entries.set(path, value);
  }
  return entries;
}

/** The names a message needs filled in: arguments, plurals, selects, tags. */
function argumentsOf(elements: Element[]): string[] {
  return elements.flatMap((element) => {
    const name = "value" in element && typeof element.value === "string" && element.type !== 0 ? [element.value] : [];
    const options = "options" in element ? Object.values(element.options).flatMap((option) => argumentsOf(option.value)) : [];
    const children = "children" in element ? argumentsOf(element.children) : [];
    return [...name, ...options, ...children];
  });
}

const parse = (message: string, locale: string) => new IntlMessageFormat(message, locale, undefined, { ignoreTag: false }).getAst();

const english = flatten(en);
const chinese = flatten(zh);

describe("message catalogues", () => {
  it("have exactly the same keys in English and Chinese", () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(Object.keys(catalogues))("%s: every message is a non-empty string that parses as ICU", (locale) => {
    for (const [key, message] of flatten(catalogues[locale]!)) {
      expect(typeof message === "string" && message.trim() !== "", `${locale} ${key} is empty`).toBe(true);
      expect(() => parse(message as string, locale), `${locale} ${key} does not parse`).not.toThrow();
    }
  });

  it("gives each message the same arguments in both languages", () => {
    for (const [key, message] of english) {
      const wanted = new Set(argumentsOf(parse(message as string, "en")));
      const got = new Set(argumentsOf(parse(chinese.get(key) as string, "zh")));
      expect(got, key).toEqual(wanted);
    }
  });

  it("names every built-in role in both languages, the English as the API does", () => {
    for (const role of BUILTIN_ROLES) {
      expect(en.roles.builtin).toHaveProperty(role.id, { name: role.name, description: role.description });
      expect(zh.roles.builtin).toHaveProperty([role.id, "name"]);
      expect(zh.roles.builtin).toHaveProperty([role.id, "description"]);
    }
  });

  it("formats plurals and numbers as the UI uses them", () => {
    const onError = (error: Error) => {
      throw error;
    };
    const translators = { en: createTranslator({ locale: "en", messages: en, onError }), zh: createTranslator({ locale: "zh", messages: zh, onError }) };
    const thought = (locale: "en" | "zh", minutes: number, seconds: number) => translators[locale]("reasoning.thoughtFor", { minutes, seconds });
    expect(thought("en", 0, 12)).toBe("Thought for 12 s");
    expect(thought("en", 1, 5)).toBe("Thought for 1 min 5 s");
    expect(thought("en", 2, 0)).toBe("Thought for 2 min");
    expect(thought("zh", 0, 12)).toBe("思考了 12 秒");
    expect(thought("zh", 1, 5)).toBe("思考了 1 分 5 秒");
    expect(thought("zh", 2, 0)).toBe("思考了 2 分钟");
    const tokens = { input: "120", output: "48" };
    expect(translators.en("message.usage.tokens", { ...tokens, reasoning: 0 })).toBe("120 in · 48 out tokens");
    expect(translators.en("message.usage.tokens", { ...tokens, reasoning: 8 })).toBe("120 in · 48 out (8 reasoning) tokens");
    expect(translators.en("attachments.uploading", { progress: 0.42 })).toBe("Uploading… 42%");
  });
});
