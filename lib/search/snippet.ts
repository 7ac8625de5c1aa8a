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

/** The index `columns` columns away from `from`: backwards (step -1) or forwards (step 1), within the text. */
function columnsAway(text: string, from: number, columns: number, step: -1 | 1): number {
  let index = from;
  for (let walked = 0; walked < columns; index += step) {
    const character = text[step < 0 ? index - 1 : index];
    if (character === undefined) break;
    walked += columnsOf(character);
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
/** How far around an index to look for its word's edges (segmenting the whole message would cost more than the rest). */
const WORD_REACH = 64;

/** The word holding `index`: its start and end (so a snippet never opens or ends mid-word). */
function wordAround(text: string, index: number): { start: number; end: number } {
  const offset = Math.max(0, index - WORD_REACH);
  for (const { index: start, segment } of segmenter.segment(text.slice(offset, index + WORD_REACH))) {
    if (offset + start + segment.length > index) return { start: offset + start, end: offset + start + segment.length };
  }
  return { start: index, end: index };
}

/** The excerpt of `markdown` around the first word of `query`, with … where it was cut. */
export function snippet(markdown: string, query: string): string {
  const text = plainText(markdown);
  const match = termPattern(searchTerms(query))?.exec(text);
  const at = match?.index ?? 0;
  const from = columnsAway(text, at, BEFORE_COLUMNS, -1);
  const start = from === 0 ? 0 : wordAround(text, from).start;
  const limit = columnsAway(text, start, LENGTH_COLUMNS, 1);
  const end = limit >= text.length ? text.length : wordAround(text, limit - 1).end;
  return `${start > 0 ? "…" : ""}${text.slice(start, end).trim()}${end < text.length ? "…" : ""}`;
}
