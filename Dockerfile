# One image for every process of ours: the command chooses the role (docker-compose.yml, deploy/topology.ts):
#   node --import tsx worker/main.ts | src/api/main.ts | src/banner/main.ts
# Built and checked only as text here (test/deploy/image.test.ts): this machine has no Docker engine.

# Build stage: the full Debian image has the compilers a native module falls back on (better-sqlite3) when no
# prebuilt binary fits. Only the production dependencies are installed: tsx runs the TypeScript at start, so
# there is no compile step, and nothing of jest, playwright or the test identity provider reaches the image.
FROM node:20.20.2-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY . .
# The workflow bundle is made when a worker starts (worker/workflow-bundle.ts), about 3 s of it. It cannot be made
# here yet: the bundle carries the workers' TAKEDOWN_ACTOR_PUBLIC_KEYS as a constant, which a deployment sets and
# rotates without rebuilding the image. When the worker can read a prebuilt bundle with the keys supplied at
# start (issue 15, "Operations"), build it here with that script and copy it along.

# Runtime stage: the slim image of the same Node and Debian (the native modules built above load as they are).
FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    TAKEDOWN_DATA_DIR=/data
# A user of its own; the code belongs to root and is only read, so a compromised process cannot change it.
# /data (the SQLite ledger and allow-list, evidence blobs) is the one place it writes: a volume mounted there
# starts with this owner.
RUN groupadd --system --gid 10001 takedown \
 && useradd --system --uid 10001 --gid takedown --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin takedown \
 && mkdir /data && chown takedown:takedown /data
WORKDIR /app
COPY --from=build /app /app
USER takedown
VOLUME ["/data"]
# 8080 the API and web UI, 8090 the banner, 9464 the worker's health and metrics (deploy/topology.ts).
EXPOSE 8080 8090 9464
CMD ["node", "--import", "tsx", "src/api/main.ts"]
