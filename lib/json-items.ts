// Reads a large JSON document as it arrives, one item at a time (stream-json's
// tokenizer and assembler): the elements of a top-level array, or, in a
// top-level object, each field and each element of its `listKey` array. Memory
// holds one item, however long the file.
import { parserWebStream } from "stream-json/web";
import Assembler from "stream-json/assembler.js";
import { ApiError } from "./http/errors";

export type JsonItem =
  /** An element of the top-level array. */
  | { kind: "element"; index: number; value: unknown }
  /** A field of the top-level object other than the list. */
  | { kind: "field"; key: string; value: unknown }
  /** An element of the top-level object's list. */
  | { kind: "listElement"; index: number; value: unknown }
  /** The top-level value is not an array or an object. */
  | { kind: "scalar"; value: unknown };

type Token = { name: string; value?: unknown };

const SCALARS: Record<string, (value: unknown) => unknown> = {
  stringValue: (value) => value,
  numberValue: (value) => Number(value),
  nullValue: () => null,
  trueValue: () => true,
  falseValue: () => false,
};

function invalidJson(): ApiError {
  return new ApiError(400, "invalid_json", "The body is not valid JSON.");
}

export async function* jsonItems(text: ReadableStream<string>, listKey: string): AsyncGenerator<JsonItem> {
  const { readable, writable } = parserWebStream({ streamValues: false });
  const tokens: ReadableStream<Token> = text.pipeThrough({ readable, writable });
  let root: "array" | "object" | null = null;
  let key: string | null = null;
  let inList = false;
  let index = 0;
  // The item being assembled, and what it becomes once whole.
  const building: { asm: Assembler | null; make: (value: unknown) => JsonItem } = { asm: null, make: (value) => ({ kind: "scalar", value }) };
  let seen = false;

  try {
    for await (const token of tokens) {
      seen = true;
      const asm = building.asm;
      if (asm) {
        (asm as unknown as Record<string, (value: unknown) => void>)[token.name]?.call(asm, token.value);
        if (asm.done) {
          yield building.make(asm.current);
          building.asm = null;
        }
        continue;
      }
      // Where an item starts, it is either a scalar (whole in this token) or assembled from here on.
      const startItem = (make: (value: unknown) => JsonItem): JsonItem | null => {
        if (token.name in SCALARS) return make(SCALARS[token.name]!(token.value));
        if (token.name !== "startObject" && token.name !== "startArray") throw invalidJson();
        building.make = make;
        building.asm = new Assembler();
        (building.asm as unknown as Record<string, () => void>)[token.name]!.call(building.asm);
        return null;
      };
      let item: JsonItem | null = null;
      if (root === null) {
        if (token.name === "startArray") root = "array";
        else if (token.name === "startObject") root = "object";
        else item = startItem((value) => ({ kind: "scalar", value }));
      } else if (root === "array") {
        if (token.name === "endArray") root = null;
        else {
          const at = index++;
          item = startItem((value) => ({ kind: "element", index: at, value }));
        }
      } else if (inList) {
        if (token.name === "endArray") inList = false;
        else {
          const at = index++;
          item = startItem((value) => ({ kind: "listElement", index: at, value }));
        }
      } else if (token.name === "keyValue") {
        key = String(token.value);
      } else if (token.name === "endObject") {
        root = null;
      } else if (key === listKey && token.name === "startArray") {
        inList = true;
      } else {
        const field = key!;
        item = startItem((value) => ({ kind: "field", key: field, value }));
      }
      if (item) yield item;
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // The tokenizer's own complaint about the text.
    if (error instanceof Error && /parser|unexpected|JSON/i.test(`${error.name} ${error.message}`)) throw invalidJson();
    throw error;
  }
  if (!seen) throw invalidJson();
}

/** The bytes of a body as text, refusing (413) past `maxBytes`. */
export function limitedText(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<string> {
  let size = 0;
  return body
    .pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          if (size > maxBytes) throw new ApiError(413, "body_too_large", `The body is larger than ${maxBytes} bytes.`);
          controller.enqueue(chunk);
        },
      }),
    )
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>);
}
