"use client";
// The user's own roles: create, edit, delete. Built-in roles are listed, not editable.
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { useApp } from "../app/app-context";
import { api, errorMessage } from "../lib/api";
import type { RoleView } from "../lib/types";
import { Dialog } from "../ui/dialog";
import { IconButton } from "../ui/icon-button";
import { RoleForm } from "./role-form";

export function RolesDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { roles, setRoles } = useApp();
  // null: the list; "new": an empty form; a role: that role's form.
  const [editing, setEditing] = useState<RoleView | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const own = roles.filter((r) => !r.builtin);
  const builtin = roles.filter((r) => r.builtin);

  async function remove(role: RoleView) {
    setError(null);
    try {
      await api(`/api/roles/${role.id}`, { method: "DELETE" });
      setRoles((all) => all.filter((r) => r.id !== role.id));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const close = () => {
    setEditing(null);
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} title={editing === null ? "Roles" : editing === "new" ? "New role" : `Edit “${editing.name}”`}>
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
            <h3 className="mb-2 text-sm font-medium">Your roles</h3>
            {own.length === 0 ? (
              <p className="text-sm text-muted-foreground">None yet. A role is a named system prompt you can pick for any chat.</p>
            ) : (
              <ul className="divide-y rounded-lg border">
                {own.map((role) => (
                  <li key={role.id} className="flex items-center gap-2 px-3 py-2">
                    <div className="min-w-0 flex-1">
                      <div className="truncate text-sm font-medium">{role.name}</div>
                      {role.description && <div className="truncate text-xs text-muted-foreground">{role.description}</div>}
                    </div>
                    <IconButton label={`Edit role ${role.name}`} onClick={() => setEditing(role)}>
                      <Pencil className="size-4" aria-hidden />
                    </IconButton>
                    <IconButton label={`Delete role ${role.name}`} className="hover:text-danger" onClick={() => void remove(role)}>
                      <Trash2 className="size-4" aria-hidden />
                    </IconButton>
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
            <h3 className="mb-2 text-sm font-medium">Built-in</h3>
            <p className="text-sm text-muted-foreground">{builtin.map((r) => r.name).join(", ")}</p>
          </section>
          <div className="flex justify-between gap-2">
            <button type="button" onClick={() => setEditing("new")} className="inline-flex items-center gap-1.5 rounded-md bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground">
              <Plus className="size-4" aria-hidden />
              New role
            </button>
            <button type="button" onClick={close} className="rounded-md border px-3 py-1.5 text-sm hover:bg-muted">
              Done
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
