/** Sizes of merchant knowledge, shared by the Knowledge page's form and the server's checks. */
export const FAQ_LIMITS = { question: 300, answer: 5000, entries: 1000, csvBytes: 1_000_000, csvRows: 1000 } as const;
