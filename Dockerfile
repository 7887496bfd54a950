# 匠心 Jiangxin: the engine as an image. Stages: dependencies → build → production dependencies → runtime.
# The runtime holds the compiled server (dist/), the built console, and production dependencies only;
# it runs as the unprivileged `node` user, one plain node process that handles SIGTERM itself.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prune-optional-peers.mjs ./scripts/
RUN npm ci --omit=dev --no-audit --no-fund && node scripts/prune-optional-peers.mjs && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# The period report's PDF (GET /api/orgs/:id/report/pdf) is printed by Debian's Chromium with CJK fonts;
# build with --build-arg PDF_RENDERER=none for a smaller image whose PDF endpoint answers 503.
ARG PDF_RENDERER=chromium
RUN if [ "$PDF_RENDERER" = "chromium" ]; then \
      apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk && rm -rf /var/lib/apt/lists/*; \
    fi
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# package.json carries "type": "module", which the compiled ES modules need.
COPY --chown=node:node package.json ./
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
