# easel's container image: `easel` on a slim Debian, no Swift toolchain.
#
#   docker build --build-arg EASEL_COMMIT=$(git rev-parse --short=12 HEAD) -t easel:0.1.0 .
#   docker run --rm -v "$PWD:/work" -e CANVAS_URL -e CANVAS_TOKEN easel:0.1.0 plan
#
# Not built on the machine this project is developed on (it has no container engine). Its
# steps are the tested ones: the builder runs `make release` (scripts/release), and the
# runtime stage installs the .deb that release writes with apt-get, as scripts/test-install
# does in a clean bookworm root where the installed easel validates and plans.

# The builder: Swift on the same Debian release as the runtime, so the libraries the
# binary links (and the package's Depends) are bookworm's.
FROM swift:6.3.1-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      make git dpkg-dev binutils pkg-config libyaml-dev libcurl4-openssl-dev zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The commit easel --version names: .git is not in the build context (.dockerignore).
ARG EASEL_COMMIT
RUN test -n "$EASEL_COMMIT" || { echo "pass --build-arg EASEL_COMMIT=\$(git rev-parse --short=12 HEAD)"; exit 1; } \
 && EASEL_COMMIT="$EASEL_COMMIT" make release

# The runtime: the .deb and what it depends on; ca-certificates for https Canvas; curl and jq
# for the CI examples' merge-request notes (examples/ci/gitlab/.gitlab-ci.yml).
FROM debian:bookworm-slim
COPY --from=build /src/dist/easel_*_amd64.deb /tmp/
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      /tmp/easel_*_amd64.deb ca-certificates curl jq \
 && rm -rf /var/lib/apt/lists/* /tmp/easel_*_amd64.deb \
 && useradd --create-home --uid 10001 --shell /bin/bash easel \
 && easel --version
USER easel
WORKDIR /work
ENTRYPOINT ["easel"]
CMD ["--help"]
