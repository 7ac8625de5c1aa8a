// Marks the words of a search query in plain text (as text nodes: never as HTML).
// The API matches word prefixes, so "stream" marks "streaming" too.

function queryWords(query: string): string[] {
  return query.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function Highlight({ text, query }: { text: string; query: string }) {
  const words = queryWords(query);
  if (words.length === 0) return <>{text}</>;
  const pattern = new RegExp(`((?<![\\p{L}\\p{N}_])(?:${words.map(escapeRegExp).join("|")})[\\p{L}\\p{N}_]*)`, "giu");
  // split() with a capturing group puts the matches at the odd indexes.
  return (
    <>
      {text.split(pattern).map((piece, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit dark:bg-amber-500/40">
            {piece}
          </mark>
        ) : (
          piece
        ),
      )}
    </>
  );
}
