"use client";
// The user's own roles: create, edit, delete. Built-in roles are listed, not editable.
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useApp } from "../app/app-context";
import { api } from "../lib/api";
import type { RoleView } from "../lib/types";
import { useErrorMessage } from "../lib/use-error-message";
import { Dialog } from "../ui/dialog";
import { IconButton } from "../ui/icon-button";
import { RoleForm } from "./role-form";
import { useRoleText } from "./use-role-text";

export function RolesDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { roles, setRoles } = useApp();
  const t = useTranslations("roles.dialog");
  const common = useTranslations("common");
  const roleText = useRoleText();
  const format = useFormatter();
  const describe = useErrorMessage();
  // null: the list; "new": an empty form; a role: that role's form.
  const [editing, setEditing] = useState<RoleView | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The role whose deletion waits for a second click. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const own = roles.filter((r) => !r.builtin);
  const builtin = roles.filter((r) => r.builtin);

  async function remove(role: RoleView) {
    setError(null);
    setConfirming(null);
    try {
      await api(`/api/roles/${role.id}`, { method: "DELETE" });
      setRoles((all) => all.filter((r) => r.id !== role.id));
    } catch (err) {
      setError(describe(err));
    }
  }

  const close = () => {
    setEditing(null);
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} title={editing === null ? t("title") : editing === "new" ? t("newRole") : t("editTitle", { name: editing.name })}>
      {editing !== null ? (
        <RoleForm
          role={editing === "new" ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setRoles((all) => (all.some((r) => r.id === saved.id) ? all.map((r) => (r.id === saved.id ? saved : r)) : [...all, saved]));
            setEditing(null);
          }}
        />
      ) : (
        <div className="grid gap-4">
          <section>
            <h3 className="mb-2 text-sm font-medium">{t("ownRoles")}</h3>
            {own.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("none")}</p>
            ) : (
              <ul className="divide-y rounded-lg border">
                {own.map((role) => (
                  <li key={role.id} className="flex flex-wrap items-center gap-2 px-3 py-2">
                    {confirming === role.id ? (
                      <div role="group" aria-label={t("confirmDelete", { name: role.name })} className="flex w-full flex-wrap items-center gap-2 text-sm">
                        <span className="min-w-0 flex-1">{t("confirmDelete", { name: role.name })}</span>
                        <button type="button" onClick={() => setConfirming(null)} className="rounded-md border px-2.5 py-1 hover:bg-muted">
                          {common("cancel")}
                        </button>
                        <button type="button" autoFocus onClick={() => void remove(role)} className="rounded-md bg-danger px-2.5 py-1 font-medium text-white hover:opacity-90">
                          {t("deleteConfirm")}
                        </button>
                      </div>
                    ) : (
                      <>
                    <div className="min-w-0 flex-1">
                      <div className="truncate text-sm font-medium">{role.name}</div>
                      {role.description && <div className="truncate text-xs text-muted-foreground">{role.description}</div>}
                    </div>
                    <IconButton label={t("edit", { name: role.name })} onClick={() => setEditing(role)}>
                      <Pencil className="size-4" aria-hidden />
                    </IconButton>
                    <IconButton label={t("delete", { name: role.name })} className="hover:text-danger" onClick={() => setConfirming(role.id)}>
                      <Trash2 className="size-4" aria-hidden />
                    </IconButton>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {error && (
              <p role="alert" className="mt-2 text-sm text-danger">
                {error}
              </p>
            )}
          </section>
          <section>
            <h3 className="mb-2 text-sm font-medium">{t("builtin")}</h3>
            {/* Narrow: "A, B, C" in English, "A、B、C" in Chinese. */}
            <p className="text-sm text-muted-foreground">{format.list(builtin.map((r) => roleText(r).name), { type: "conjunction", style: "narrow" })}</p>
          </section>
          <div className="flex justify-between gap-2">
            <button type="button" onClick={() => setEditing("new")} className="inline-flex items-center gap-1.5 rounded-md bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground">
              <Plus className="size-4" aria-hidden />
              {t("newRole")}
            </button>
            <button type="button" onClick={close} className="rounded-md border px-3 py-1.5 text-sm hover:bg-muted">
              {t("done")}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
