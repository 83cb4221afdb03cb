# One image for every stage; the compose file picks the stage with APP (the folder under apps/).
# Node 24, non-root. The image builds the sources once (apps/cli/bin/build.mjs, esbuild) and runs
# the built JavaScript with plain node; the build is keyed by the sources, so it cannot drift.

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/ packages/
COPY apps/ apps/
# Only the package manifests matter for this layer; sources are copied again below.
RUN find packages apps -type f ! -name package.json -delete \
 && npm ci --omit=dev --no-audit --no-fund \
 && npm install --no-save --no-audit --no-fund tsx@4

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends tini wget \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /app/var && chown node:node /app/var
COPY --from=deps /app/node_modules ./node_modules
COPY --chown=node:node package.json ./
COPY --chown=node:node proto/ proto/
COPY --chown=node:node packages/ packages/
COPY --chown=node:node apps/ apps/
USER node
RUN node apps/cli/bin/build.mjs
ARG APP=cli
ENV APP=${APP}
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["sh", "-c", "exec node apps/cli/bin/stage.mjs ${APP}"]
