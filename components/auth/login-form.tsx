"use client";
// Log in, or register the current guest (who keeps their chats).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "../lib/api";
import type { UserView } from "../lib/types";

type Mode = "login" | "register";

const field = "w-full rounded-md border bg-background px-3 py-2 text-sm outline-none focus:border-accent";

/** `canRegister`: sign-up is open (PARLEY_SIGNUP); `guests`: a guest's chats can come along (PARLEY_GUESTS). */
export function LoginForm({ user, canRegister, guests }: { user: UserView | null; canRegister: boolean; guests: boolean }) {
  const [mode, setMode] = useState<Mode>("login");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const router = useRouter();

  if (user?.name) {
    return (
      <p className="text-sm">
        You are logged in as <strong>{user.name}</strong>.{" "}
        <Link href="/" className="text-accent underline">
          Back to your chats
        </Link>
      </p>
    );
  }

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await api(mode === "login" ? "/api/auth/login" : "/api/auth/register", { method: "POST", body: { name, password } });
      // The new identity cookie is set: render the app again for the account.
      router.replace("/");
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <div>
      {canRegister && (
        <div role="tablist" aria-label="Account" className="mb-5 grid grid-cols-2 rounded-lg bg-muted p-1 text-sm">
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
              {tab === "login" ? "Log in" : "Register"}
            </button>
          ))}
        </div>
      )}
      <form
        aria-label={mode === "login" ? "Log in" : "Register"}
        className="grid gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label className="grid gap-1 text-sm">
          <span className="font-medium">Name</span>
          <input required autoComplete="username" minLength={3} maxLength={40} value={name} onChange={(e) => setName(e.target.value)} className={field} />
        </label>
        <label className="grid gap-1 text-sm">
          <span className="font-medium">Password</span>
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
          <p className="text-xs text-muted-foreground">At least 10 characters, not your name, not a common password.{guests && " Your chats as a guest stay with your new account."}</p>
        )}
        {mode === "login" && guests && <p className="text-xs text-muted-foreground">Chats you started as a guest here move into your account.</p>}
        {error && (
          <p role="alert" className="text-sm text-danger">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy} className="mt-1 rounded-md bg-primary py-2 text-sm font-medium text-primary-foreground disabled:opacity-50">
          {mode === "login" ? "Log in" : "Create account"}
        </button>
      </form>
    </div>
  );
}
