"use client";
// A role's name and description as the reader sees them: the API keeps the built-in
// roles in English (lib/ai/roles.ts); the catalogue has them in every language, by id
// (roles.builtin.<id>). A user's own roles are shown as they wrote them.
import { useTranslations, type Messages } from "next-intl";
import { useCallback } from "react";
import type { RoleView } from "../lib/types";

type BuiltinId = keyof Messages["roles"]["builtin"];

export function useRoleText(): (role: RoleView) => { name: string; description: string } {
  const t = useTranslations("roles.builtin");
  return useCallback(
    (role: RoleView) => {
      const id = role.id as BuiltinId;
      // A built-in role the catalogue does not know (tests/unit/i18n-catalogue.test.ts keeps them in step) keeps the API's words.
      if (!role.builtin || !t.has(`${id}.name`)) return { name: role.name, description: role.description };
      return { name: t(`${id}.name`), description: t(`${id}.description`) };
    },
    [t],
  );
}
