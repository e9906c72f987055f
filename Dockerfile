# syntax=docker/dockerfile:1
# The bot as a container: build the TypeScript in one stage, install the production dependencies
# (better-sqlite3 is a native addon, so that stage has the compilers) in another, and run on a slim
# image with neither, as the non-root `node` user under tini. docs/deploy.md explains how to use it;
# compose.yaml runs two replicas of it with Postgres and Redis.

# --- build: compile src/, commands/ and scripts/ into dist/, with the article's snapshot --------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# tsc needs the dev dependencies but none of their install scripts (no native addon is built here).
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY commands ./commands
COPY scripts ./scripts
COPY src ./src
# The build derives the shipped article into dist/ (src/article/snapshot.ts), so start-up need not.
COPY data ./data
RUN npm run build

# --- deps: production dependencies only, native addons compiled for this image's Node -----------
FROM node:20-bookworm-slim AS deps
# better-sqlite3 downloads a prebuilt binary when it can; these let it compile when it cannot.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# --- run: what `node dist/src/main.js` needs, and nothing else ----------------------------------
FROM node:20-bookworm-slim AS run
# tini as PID 1 forwards SIGTERM to node (which drains and exits 0) and reaps zombies, so
# `docker run` works without --init.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
  PORT=3000 \
  STATE_DIR=/app/state
WORKDIR /app
# package.json marks the project root: the bot finds data/ beside it.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY data ./data
# The code stays root-owned and read-only to the bot; only STATE_DIR (the SQLite file when
# DATABASE_URL is unset) is the bot's. A new named volume mounted here inherits that owner.
RUN mkdir -p /app/state && chown node:node /app/state
VOLUME ["/app/state"]
USER node
EXPOSE 3000
# GET /healthz (on HEALTH_PORT when set, else PORT): 200 when every adapter is ready.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HEALTH_PORT || process.env.PORT || 3000}/healthz`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/main.js"]
