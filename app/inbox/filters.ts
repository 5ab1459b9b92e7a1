/** The inbox's tabs; shared by the page (browser) and the query (server). */
export const INBOX_FILTERS = ["waiting", "open", "closed", "all"] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];
