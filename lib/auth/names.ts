// Account names: shown as typed, unique by their key, so names that look alike
// are one account (ALICE, alice, ａｌｉｃｅ and a Cyrillic аlice).
import { remove as foldLookalikes } from "confusables";

/**
 * NFKC (full-width and compatibility forms), lower case, then letters that look
 * like Latin ones folded onto them (confusables leaves Chinese, Japanese and Korean alone).
 */
export function nameKey(name: string): string {
  return foldLookalikes(name.normalize("NFKC").toLowerCase()).toLowerCase();
}

/** Whether a name is one of the operator's admin names (PARLEY_ADMINS), compared by key. */
export function isAdminName(name: string | null, admins: string[]): boolean {
  if (!name) return false;
  const key = nameKey(name);
  return admins.some((admin) => nameKey(admin) === key);
}
