"use client";
// Model output as Markdown, rendered while it streams. The output is untrusted:
// Streamdown sanitizes HTML (no script, no event handlers), and its harden step is
// tightened here: links only to http(s)/mailto (never javascript:), images from no
// host at all (shown as "[Image blocked]"), no data: URLs. Math is typeset from
// every delimiter models use ($…$, \(…\), $$…$$, \[…\]). Code is highlighted in a Web
// Worker (code-highlighter.ts). Its own buttons and
// dialogs (copy, download, the link-safety dialog) speak the reader's language.
import { createMathPlugin } from "@streamdown/math";
import { useTranslations } from "next-intl";
import { memo, useMemo } from "react";
import { codeHighlighter } from "./code-highlighter";
import { normalizeMath } from "./math-delimiters";
import {
  defaultRehypePlugins,
  defaultTranslations,
  Streamdown,
  type PluginConfig,
  type StreamdownProps,
  type StreamdownTranslations,
} from "streamdown";

type Pluggable = NonNullable<StreamdownProps["rehypePlugins"]>[number];
type Plugin = Extract<Pluggable, (...args: never[]) => unknown>;

const [harden] = defaultRehypePlugins.harden as [Plugin, unknown];

const rehypePlugins: Pluggable[] = [
  defaultRehypePlugins.raw!,
  defaultRehypePlugins.sanitize!,
  [
    harden,
    {
      allowedLinkPrefixes: ["*"], // any http(s) address; the link-safety dialog asks before leaving
      allowedProtocols: [], // beyond harden's safe list (http, https, mailto…): none
      allowedImagePrefixes: [],
      allowDataImages: false,
    },
  ],
];

// Single dollars are inline math ($x_1$); normalizeMath keeps "$5" a price.
const plugins: PluginConfig = { code: codeHighlighter, math: createMathPlugin({ singleDollarTextMath: true }) };

// Every text Streamdown has: one it adds later is a missing key, not a silent English word.
const TRANSLATED = Object.keys(defaultTranslations) as Array<keyof StreamdownTranslations>;

function useStreamdownTranslations(): StreamdownTranslations {
  const t = useTranslations("markdown");
  return useMemo(() => {
    const translations = {} as StreamdownTranslations;
    for (const key of TRANSLATED) translations[key] = t(key);
    return translations;
  }, [t]);
}

export const Markdown = memo(function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  const translations = useStreamdownTranslations();
  return (
    <Streamdown
      className="markdown"
      translations={translations}
      rehypePlugins={rehypePlugins}
      plugins={plugins}
      isAnimating={streaming}
      caret="block"
      lineNumbers={false}
    >
      {normalizeMath(text)}
    </Streamdown>
  );
});
