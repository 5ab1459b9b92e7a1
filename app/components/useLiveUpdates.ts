import { useEffect } from "react";
import { useRevalidator } from "@remix-run/react";

/**
 * Keeps an inbox page current: long-polls /app/inbox/updates (answered as soon as the
 * conversation, or any of the shop's, changes after `since`) and reloads the page's
 * data when something did. App Bridge adds the session token to the fetch.
 */
export function useLiveUpdates(since: string, conversation?: string) {
  const revalidator = useRevalidator();
  useEffect(() => {
    const controller = new AbortController();
    let stopped = false;
    (async () => {
      let failures = 0;
      while (!stopped) {
        const params = new URLSearchParams({ since, ...(conversation ? { conversation } : {}) });
        try {
          const response = await fetch(`/app/inbox/updates?${params}`, { signal: controller.signal });
          if (!response.ok) throw new Error(String(response.status));
          failures = 0;
          const { changed } = (await response.json()) as { changed: boolean };
          // The reload brings a new `since`, which restarts this loop.
          if (changed) return revalidator.revalidate();
        } catch {
          if (stopped) return;
          failures += 1;
          await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1_000 * 2 ** failures)));
        }
      }
    })();
    return () => {
      stopped = true;
      controller.abort();
    };
  }, [since, conversation]);
}
