// Shared by prisma.config.ts, the migration script and the app: which database a
// DATABASE_URL names, and where that flavour's schema lives.

/** @param {string} url @returns {"sqlite" | "postgresql"} */
export function databaseFlavour(url) {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (/^file:/i.test(url)) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgres://" (PostgreSQL); got "${url.split(":")[0]}:…"`,
  );
}

/** @param {"sqlite" | "postgresql"} flavour */
export function schemaPathFor(flavour) {
  return flavour === "postgresql" ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma";
}
