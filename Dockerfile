# syntax=docker/dockerfile:1
# The dockcoach CLI as a container image: a static (musl) binary on an empty base,
# run as a non-root user.
#
#   docker build -t dockcoach .
#   docker run --rm -i dockcoach lint - < Dockerfile
#   docker run --rm -i dockcoach < Dockerfile          # the same: `lint -` is the default
#   docker run --rm -v "$PWD":/src:ro -w /src dockcoach lint .

FROM rust:1.98.0-alpine3.24 AS build
WORKDIR /src
COPY . .
# musl targets link statically; `--locked` builds exactly the versions in Cargo.lock.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --locked --release -p dockcoach \
    && cp target/release/dockcoach /usr/local/bin/dockcoach

FROM scratch
COPY --from=build /usr/local/bin/dockcoach /dockcoach
USER 65532:65532
WORKDIR /src
ENTRYPOINT ["/dockcoach"]
CMD ["lint", "-"]
