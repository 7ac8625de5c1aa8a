"use client";
// A chat's header: its title, role and model, options, share and export. Memoized, with
// a stable onChange: it does not render again with each streamed chunk of a reply.
import { Ellipsis, FileDown, FileJson, Share2, SlidersHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo, useState } from "react";
import { IconButton } from "../ui/icon-button";
import { MenuButton } from "../ui/menu";
import { ChatSettingsBar, type ChatSettings } from "./chat-settings";
import { ChatOptionsDialog, type ChatOptions } from "./chat-options-dialog";
import { ShareDialog } from "./share-dialog";

type Props = {
  title: string;
  /** Null for a chat not created yet: nothing to share or export. */
  sessionId: string | null;
  settings: ChatSettings;
  options: ChatOptions;
  modelName: string;
  onChange: (change: Partial<ChatSettings & ChatOptions>) => void;
};

export const ChatHeader = memo(function ChatHeader({ title, sessionId, settings, options, modelName, onChange }: Props) {
  const t = useTranslations("chat");
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [sharing, setSharing] = useState(false);
  return (
    // On phones the shell's menu button sits at the left of this header.
    <header className="flex items-center gap-2 border-b px-3 py-2 max-md:pl-12">
      <h1 className="min-w-0 flex-1 truncate text-sm font-medium" data-testid="chat-title">
        {title}
      </h1>
      <div className="max-sm:hidden">
        <ChatSettingsBar settings={settings} onChange={onChange} />
      </div>
      <IconButton label={t("options.open")} className="max-sm:hidden" onClick={() => setOptionsOpen(true)} aria-pressed={options.systemPrompt !== null || options.temperature !== null}>
        <SlidersHorizontal className="size-4" aria-hidden />
      </IconButton>
      {/* On a phone one row: the model's name, whole, opens everything about the chat. */}
      <button
        type="button"
        onClick={() => setOptionsOpen(true)}
        aria-label={t("options.openWithModel", { model: modelName })}
        className="inline-flex min-h-11 shrink-0 items-center gap-1.5 rounded-md border px-2.5 text-xs font-medium sm:hidden"
      >
        <SlidersHorizontal className="size-3.5" aria-hidden />
        {modelName}
      </button>
      {optionsOpen && (
        <ChatOptionsDialog
          phoneBar={<ChatSettingsBar settings={settings} onChange={onChange} />}
          roleId={settings.roleId}
          options={options}
          onClose={() => setOptionsOpen(false)}
          onSave={(change) => {
            setOptionsOpen(false);
            onChange(change);
          }}
        />
      )}
      {sessionId && (
        <>
          <MenuButton
            label={t("actions.label")}
            icon={<Ellipsis className="size-4" aria-hidden />}
            items={[
              { label: t("actions.share"), icon: <Share2 className="size-4" aria-hidden />, onSelect: () => setSharing(true) },
              { label: t("actions.exportMarkdown"), icon: <FileDown className="size-4" aria-hidden />, href: `/api/sessions/${sessionId}/export?format=markdown`, download: true },
              { label: t("actions.exportJson"), icon: <FileJson className="size-4" aria-hidden />, href: `/api/sessions/${sessionId}/export`, download: true },
            ]}
          />
          {sharing && <ShareDialog sessionId={sessionId} onClose={() => setSharing(false)} />}
        </>
      )}
    </header>
  );
});
