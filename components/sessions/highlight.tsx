// Marks the words of a search query in plain text (as text nodes: never as HTML).
// The API matches word prefixes, so "stream" marks "streaming" too; Chinese,
// Japanese and Korean words are marked wherever they occur (lib/search/terms.ts).
import { searchTerms, termPattern } from "@/lib/search/terms";

export function Highlight({ text, query }: { text: string; query: string }) {
  const pattern = termPattern(searchTerms(query));
  if (!pattern) return <>{text}</>;
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
