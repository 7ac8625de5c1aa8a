"use client";
// Log in, or register the current guest (who keeps their chats).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "../lib/api";
import type { UserView } from "../lib/types";
import { useErrorMessage } from "../lib/use-error-message";

type Mode = "login" | "register";

const field = "w-full rounded-md border bg-background px-3 py-2 text-sm outline-none focus:border-accent";

/** `canRegister`: sign-up is open (PARLEY_SIGNUP); `guests`: a guest's chats can come along (PARLEY_GUESTS); `next`: where the person was. */
export function LoginForm({ user, canRegister, guests, next }: { user: UserView | null; canRegister: boolean; guests: boolean; next: string }) {
  const [mode, setMode] = useState<Mode>("login");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const t = useTranslations("login");
  const describe = useErrorMessage();

  if (user?.name) {
    return (
      <p className="text-sm">
        {t.rich("loggedInAs", { name: user.name, strong: (chunks) => <strong>{chunks}</strong> })}{" "}
        <Link href="/" className="text-accent underline">
          {t("backToYourChats")}
        </Link>
      </p>
    );
  }

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await api(mode === "login" ? "/api/auth/login" : "/api/auth/register", { method: "POST", body: { name, password } });
      // The new identity cookie is set: back where the person was, rendered for the account.
      router.replace(next);
      router.refresh();
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  }

  return (
    <div>
      {canRegister && (
        <div role="tablist" aria-label={t("account")} className="mb-5 grid grid-cols-2 rounded-lg bg-muted p-1 text-sm">
          {(["login", "register"] as const).map((tab) => (
            <button
              key={tab}
              type="button"
              role="tab"
              aria-selected={mode === tab}
              onClick={() => {
                setMode(tab);
                setError(null);
              }}
              className={`rounded-md py-1.5 font-medium ${mode === tab ? "bg-background shadow-sm" : "text-muted-foreground"}`}
            >
              {t(tab === "login" ? "logIn" : "register")}
            </button>
          ))}
        </div>
      )}
      <form
        aria-label={t(mode === "login" ? "logIn" : "register")}
        className="grid gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label className="grid gap-1 text-sm">
          <span className="font-medium">{t("name")}</span>
          <input required autoComplete="username" minLength={3} maxLength={40} value={name} onChange={(e) => setName(e.target.value)} className={field} />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium">{t("password")}</span>
          <input
            required
            type="password"
            autoComplete={mode === "login" ? "current-password" : "new-password"}
            minLength={mode === "login" ? undefined : 10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className={field}
          />
        </label>
        {mode === "register" && (
          <p className="text-xs text-muted-foreground">{t("passwordRules", { guests: String(guests) })}</p>
        )}
        {mode === "login" && guests && <p className="text-xs text-muted-foreground">{t("guestChatsMove")}</p>}
        {error && (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy} className="mt-1 rounded-md bg-primary py-2 text-sm font-medium text-primary-foreground disabled:opacity-50">
          {t(mode === "login" ? "logIn" : "createAccount")}
        </button>
      </form>
    </div>
  );
}
