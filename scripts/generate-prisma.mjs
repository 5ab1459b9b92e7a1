// Generates both Prisma clients (SQLite and PostgreSQL) into app/db/generated/. The
// URLs only choose the flavour; nothing connects.
import { prisma } from "./prisma.mjs";

prisma(["generate"], "file:./prisma/generate-only.sqlite", { quiet: true });
prisma(["generate"], "postgresql://generate-only@localhost/none", { quiet: true });
console.log("Prisma clients generated (sqlite, postgresql)");
