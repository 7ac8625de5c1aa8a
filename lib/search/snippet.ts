// A search result's excerpt: the message as plain text (its Markdown parsed and
// dropped, not shown as ** and #), cut so the first match is near its start and
// so visible in the two lines the list shows.
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { Nodes } from "mdast";
import { CJK, searchTerms, termPattern } from "./terms";

/** Context before the match, and the most the snippet holds, in columns (a CJK character is two). */
const BEFORE_COLUMNS = 24;
const LENGTH_COLUMNS = 160;
const WIDE = new RegExp(`[${CJK}\\u3000-\\u303f\\uff00-\\uff65]`, "u");

const columnsOf = (character: string) => (WIDE.test(character) ? 2 : 1);

/** Where to start so that about BEFORE_COLUMNS of text come before `at`. */
function contextStart(text: string, at: number): number {
  let columns = 0;
  let index = at;
  while (index > 0 && columns < BEFORE_COLUMNS) {
    index -= 1;
    columns += columnsOf(text[index]!);
  }
  return index;
}

/** Where LENGTH_COLUMNS of text from `start` end. */
function lengthEnd(text: string, start: number): number {
  let columns = 0;
  let index = start;
  while (index < text.length && columns < LENGTH_COLUMNS) {
    columns += columnsOf(text[index]!);
    index += 1;
  }
  return index;
}

/** Nodes whose children run on within a line; the children of any other are blocks, spaced apart. */
const INLINE = new Set(["paragraph", "heading", "emphasis", "strong", "delete", "link", "linkReference", "tableCell"]);

function textOf(node: Nodes): string {
  if (node.type === "html") return "";
  if (node.type === "image" || node.type === "imageReference") return node.alt ?? "";
  if (node.type === "break") return " ";
  if ("value" in node) return node.value;
  if (!("children" in node)) return "";
  return node.children.map((child) => textOf(child as Nodes)).join(INLINE.has(node.type) ? "" : " ");
}

/** The words of a Markdown text, without its markup. */
export function plainText(markdown: string): string {
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  return textOf(tree).replace(/\s+/g, " ").trim();
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

/** Where the word holding `index` starts (so a snippet never opens mid-word). */
function wordStart(text: string, index: number): number {
  for (const { index: start, segment } of segmenter.segment(text)) {
    if (start + segment.length > index) return start;
  }
  return index;
}

/** Where the word holding `index` ends. */
function wordEnd(text: string, index: number): number {
  for (const { index: start, segment } of segmenter.segment(text)) {
    if (start + segment.length >= index) return start + segment.length;
  }
  return text.length;
}

/** The excerpt of `markdown` around the first word of `query`, with … where it was cut. */
export function snippet(markdown: string, query: string): string {
  const text = plainText(markdown);
  const match = termPattern(searchTerms(query))?.exec(text);
  const at = match?.index ?? 0;
  const from = contextStart(text, at);
  const start = from === 0 ? 0 : wordStart(text, from);
  const limit = lengthEnd(text, start);
  const end = limit >= text.length ? text.length : wordEnd(text, limit);
  return `${start > 0 ? "…" : ""}${text.slice(start, end).trim()}${end < text.length ? "…" : ""}`;
}
