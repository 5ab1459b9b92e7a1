# syntax=docker/dockerfile:1
# Multi-stage build: dependencies and the production build in a full Node image (native
# modules such as better-sqlite3 compile here), then a slim runtime that runs as a non-root user.

FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund \
  && node scripts/generate-prisma.mjs

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
RUN groupadd --system app && useradd --system --gid app --home /app app \
  && mkdir -p /app/data && chown app:app /app/data
COPY --from=build --chown=app:app /app/package.json /app/prisma.config.ts ./
COPY --from=build --chown=app:app /app/node_modules ./node_modules
COPY --from=build --chown=app:app /app/build ./build
COPY --from=build --chown=app:app /app/prisma ./prisma
COPY --from=build --chown=app:app /app/scripts ./scripts
# The app's source too: maintenance commands run from it with tsx (`npm run keys:rotate`).
COPY --from=build --chown=app:app /app/app ./app
COPY --from=build --chown=app:app /app/tsconfig.json ./
USER app
# SQLite by default, in a volume; set DATABASE_URL=postgres://… for PostgreSQL.
ENV DATABASE_URL=file:/app/data/app.sqlite
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "scripts/serve.mjs"]
