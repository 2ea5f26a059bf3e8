# syntax=docker/dockerfile:1
# Multi-stage image for the three muvo apps; docker-compose.yml picks the app with `command`.

FROM node:20-bookworm-slim AS deps
WORKDIR /muvo
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY tsconfig.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY config config
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /muvo
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /muvo/dist dist
# City files, the committed mode model and other runtime configuration.
COPY config config
USER node
EXPOSE 3000 3001 3002
CMD ["node", "dist/apps/api/apps/api/src/main.js"]

# An image with the sources and dev tools, for the CLIs (city:apply, seed:demo, classify…):
#   docker compose run --rm tools npm run --silent city:apply -- /muvo/config/cities/palermo-centro.yaml
FROM deps AS tools
COPY . .
CMD ["npm", "run", "--silent", "seed:demo"]
