# edugroups — 黔南州集团化办学 API
#
#   docker build -t edugroups .
#   docker run -d --name edugroups -p 8080:8080 \
#     -e EDUGROUPS_JWT_SECRET="$(openssl rand -base64 48)" \
#     -v edugroups-data:/app/data edugroups
#
# The image runs in production mode on 0.0.0.0:8080, so it refuses to start without a JWT key:
# EDUGROUPS_JWT_SECRET (at least 32 bytes), or EDUGROUPS_JWT_ALGORITHM=RS256|EdDSA with
# EDUGROUPS_JWT_PUBLIC_KEY_FILE (and EDUGROUPS_JWT_PRIVATE_KEY_FILE to issue tokens).
# Without DATABASE_URL it keeps its SQLite database in /app/data; mount a volume there, or set
# DATABASE_URL=postgres://… . Migrations run at start-up.

# --- build -----------------------------------------------------------------------------------
FROM rust:1-bookworm AS build
WORKDIR /src
# The whole source tree (see .dockerignore): the migrations are embedded in the binary at compile
# time, and Cargo wants every target the manifest names.
COPY . .
RUN cargo build --release --locked \
    && cp target/release/edugroups /usr/local/bin/edugroups

# --- run -------------------------------------------------------------------------------------
FROM debian:bookworm-slim
# libssl3: libpq is compiled into the binary and links OpenSSL; curl is for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3 curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 edugroups \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin edugroups \
    && mkdir -p /app/data \
    && chown -R edugroups:edugroups /app
COPY --from=build /usr/local/bin/edugroups /usr/local/bin/edugroups

WORKDIR /app
USER edugroups:edugroups
ENV EDUGROUPS_BIND=0.0.0.0:8080 \
    EDUGROUPS_ENV=production
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health || exit 1
# `docker run IMAGE` serves; `docker run IMAGE migrate` (or token, client create, …) runs a command.
ENTRYPOINT ["/usr/local/bin/edugroups"]
CMD ["serve"]
