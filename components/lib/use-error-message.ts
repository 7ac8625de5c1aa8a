"use client";
// errorMessage() in the reader's language, for components to show what went wrong.
// The API's own messages stay as the server wrote them; what only the browser knows is translated.
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { ApiRequestError, errorMessage } from "./api";

export function useErrorMessage(): (error: unknown) => string {
  const t = useTranslations("errors");
  return useCallback(
    (error: unknown) => {
      // Not the API's JSON (a proxy's error page, say): the status is all there is to tell.
      if (error instanceof ApiRequestError && error.code === "http_error") return t("status", { status: error.status });
      return errorMessage(error, t("offline"));
    },
    [t],
  );
}
