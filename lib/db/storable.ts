// PostgreSQL stores neither NUL characters nor unpaired UTF-16 surrogates, in
// text or in jsonb. Model output may hold both (a tokenizer cut inside an emoji,
// a binary-ish tool result); it is cleaned here, on its way into the database,
// so one odd character never fails a reply's write. (User input holding them is
// refused at the edge instead: see lib/api/schemas.ts.)
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function storableText(text: string): string {
  const withoutNul = text.includes("\u0000") ? text.replace(NUL, "") : text;
  return LONE_SURROGATE.test(withoutNul) ? withoutNul.toWellFormed() : withoutNul;
}

/** The value with every string in it (keys too) made storable. */
export function storable<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableText(key), storable(item)])) as T;
  }
  return value;
}
