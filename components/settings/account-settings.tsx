"use client";
// The account: who you are, a new password, logging out everywhere, and deleting it all.
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useApp } from "../app/app-context";
import { api } from "../lib/api";
import { useErrorMessage } from "../lib/use-error-message";
import { Dialog } from "../ui/dialog";
import { Section } from "./section";

const field = "h-9 w-full rounded-md border bg-background px-3 text-sm outline-none focus:border-accent";
const button = "inline-flex h-9 items-center justify-center rounded-md border px-3 text-sm font-medium hover:bg-muted disabled:opacity-50";

type Outcome = { ok: boolean; text: string } | null;

function OutcomeLine({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return (
    <p role={outcome.ok ? "status" : "alert"} className={`rounded-lg px-3 py-2 text-sm ${outcome.ok ? "bg-muted" : "bg-danger-soft text-danger"}`}>
      {outcome.text}
    </p>
  );
}

export function AccountSettings() {
  const { user } = useApp();
  const router = useRouter();
  const t = useTranslations("settings.account");
  const format = useFormatter();
  const describe = useErrorMessage();
  const guest = !user?.name;
  const [deleting, setDeleting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  /** After the session ended: the next render starts a fresh guest. */
  function startOver() {
    router.push("/");
    router.refresh();
  }

  async function logOutEverywhere() {
    try {
      await api("/api/auth/logout-everywhere", { method: "POST" });
      startOver();
    } catch (error) {
      setOutcome({ ok: false, text: describe(error) });
    }
  }

  return (
    <Section id="account" title={t("title")} description={guest ? t("guestDescription") : t("description")}>
      <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted-foreground">{t("name")}</dt>
        <dd data-testid="account-name">{guest ? t("guest") : <Rename name={user.name!} onRenamed={() => router.refresh()} />}</dd>
        {user && (
          <>
            <dt className="text-muted-foreground">{t("since")}</dt>
            <dd>
              <time dateTime={user.createdAt}>{format.dateTime(new Date(user.createdAt), { dateStyle: "medium" })}</time>
            </dd>
          </>
        )}
      </dl>
      {guest ? (
        <a href="/login?next=/settings" className={button}>
          {t("register")}
        </a>
      ) : (
        <ChangePassword />
      )}
      <div className="mt-5 flex flex-wrap gap-2 border-t pt-4">
        {!guest && (
          <button type="button" className={button} onClick={() => void logOutEverywhere()}>
            {t("logOutEverywhere")}
          </button>
        )}
        <button type="button" className={`${button} border-danger/40 text-danger hover:bg-danger-soft`} onClick={() => setDeleting(true)}>
          {t("delete")}
        </button>
      </div>
      <div className="mt-3">
        <OutcomeLine outcome={outcome} />
      </div>
      <DeleteAccountDialog open={deleting} guest={guest} onClose={() => setDeleting(false)} onDeleted={startOver} />
    </Section>
  );
}

/** The name, and a small form to change it. */
function Rename({ name, onRenamed }: { name: string; onRenamed: () => void }) {
  const t = useTranslations("settings.account");
  const common = useTranslations("common");
  const describe = useErrorMessage();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api("/api/auth/me", { method: "PATCH", body: { name: value.trim() } });
      setEditing(false);
      onRenamed();
    } catch (err) {
      setError(describe(err));
    }
  }

  if (!editing) {
    return (
      <span className="flex items-center gap-2">
        {name}
        <button type="button" onClick={() => setEditing(true)} className="text-xs text-accent underline-offset-2 hover:underline">
          {t("rename")}
        </button>
      </span>
    );
  }
  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-wrap items-center gap-2">
      <input aria-label={t("newName")} autoFocus required minLength={3} maxLength={40} value={value} onChange={(e) => setValue(e.target.value)} className="h-9 w-48 rounded-md border bg-background px-3 text-sm outline-none focus:border-accent" />
      <button type="submit" className={button}>
        {t("saveName")}
      </button>
      <button type="button" onClick={() => setEditing(false)} className={button}>
        {common("cancel")}
      </button>
      {error && (
        <p role="alert" className="w-full text-sm text-danger">
          {error}
        </p>
      )}
    </form>
  );
}

function ChangePassword() {
  const t = useTranslations("settings.account");
  const describe = useErrorMessage();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      await api("/api/auth/password", { method: "POST", body: { currentPassword: current, newPassword: next } });
      setCurrent("");
      setNext("");
      setOutcome({ ok: true, text: t("passwordChanged") });
    } catch (error) {
      setOutcome({ ok: false, text: describe(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3" aria-labelledby="change-password-title">
      <h3 id="change-password-title" className="text-sm font-medium">
        {t("changePassword")}
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          {t("currentPassword")}
          <input type="password" required autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} className={field} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("newPassword")}
          <input type="password" required minLength={10} autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} className={field} />
        </label>
      </div>
      <p className="text-xs text-muted-foreground">{t("passwordRules")}</p>
      <div>
        <button type="submit" disabled={busy} className={button}>
          {busy ? t("changing") : t("changePassword")}
        </button>
      </div>
      <OutcomeLine outcome={outcome} />
    </form>
  );
}

function DeleteAccountDialog({ open, guest, onClose, onDeleted }: { open: boolean; guest: boolean; onClose: () => void; onDeleted: () => void }) {
  const t = useTranslations("settings.account");
  const common = useTranslations("common");
  const describe = useErrorMessage();
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api("/api/auth/me", { method: "DELETE", body: guest || !password ? {} : { password } });
      onDeleted();
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} title={t("deleteTitle")}>
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
        <p className="text-sm text-muted-foreground">{t("deleteText")}</p>
        {!guest && (
          <label className="flex flex-col gap-1 text-sm">
            {t("yourPassword")}
            <input type="password" autoComplete="current-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} className={field} />
          </label>
        )}
        {error && (
          <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
            {error}
          </p>
        )}
        <div className="mt-2 flex justify-end gap-2">
          <button type="button" onClick={onClose} className={button}>
            {common("cancel")}
          </button>
          <button type="submit" disabled={busy} className="h-9 rounded-md bg-danger px-3 text-sm font-medium text-white hover:opacity-90 disabled:opacity-50">
            {busy ? t("deleting") : t("deleteConfirm")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
