// Reading a reply's SSE response as text in tests (Vitest and Playwright alike).

/** Reads an SSE response until `predicate` holds on the text so far; returns the reader to continue. */
export async function readUntil(response: Response, predicate: (text: string) => boolean) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!predicate(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += value;
  }
  return { reader, text };
}

/** The rest of the response, to its end. */
export async function readRest(reader: ReadableStreamDefaultReader<string>): Promise<string> {
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += value;
  }
}
