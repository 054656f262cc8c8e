#!/usr/bin/env bash
# Builds the two base images the Dockerfile takes as arguments, from what a CI machine can reach (no image
# registry): a Debian root file system made by debootstrap from Debian's packages, imported into Docker, plus
#   presign-local/jdk:25  a JDK, Maven's certificates trusted: the build stage (BUILD_IMAGE)
#   presign-local/jre:25  a Java runtime: the runtime stage (RUNTIME_IMAGE)
# The Java is the machine's Temurin 25 (/usr/lib/jvm/temurin-25-jdk-amd64, or TEMURIN_HOME) where it is
# installed: the JDK copied, the runtime linked from it with jlink, on Debian bookworm. Elsewhere, or with
# TEMURIN_HOME=none, Debian's own openjdk-25 packages, on Debian trixie (bookworm has no Java newer than 17).
# Images that exist already are kept (FORCE=1 rebuilds them). Needs root, debootstrap and a running Docker daemon.
# Prints the time each step took. With the argument jre17 it builds presign-local/jre:17 instead, Debian bookworm's
# openjdk-17-jre-headless, to check the Dockerfile's CDS branch (Java 17-23): -Ddocker.runtime.image=presign-local/jre:17.
set -euo pipefail
build_image="presign-local/jdk:25"
runtime_image="presign-local/jre:25"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
temurin="${TEMURIN_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

if [ "${1:-}" = jre17 ]; then
  build_image="presign-local/jre:17"
  runtime_image="presign-local/jre:17"
fi
if [ -z "${FORCE:-}" ] && docker image inspect "$build_image" "$runtime_image" > /dev/null 2>&1; then
  echo "base images present: $build_image, $runtime_image (FORCE=1 rebuilds them)"
  exit 0
fi
work="$(mktemp -d -t presign-bases.XXXXXX)"
trap 'rm -rf "$work"' EXIT
step() { echo "$(date +%T) $*"; }

# import DIRECTORY IMAGE [--change ...]: the directory as a one-layer image
import() {
  local dir="$1" image="$2"
  shift 2
  tar -C "$dir" -c . | docker import "$@" - "$image" > /dev/null
}

# The certificates this machine trusts (a proxy's CA, say), which Maven inside the build must trust too.
machine_cas=(/usr/local/share/ca-certificates/*.crt)
[ -e "${machine_cas[0]}" ] || machine_cas=()

if [ "${1:-}" = jre17 ]; then
  step "debootstrap bookworm (minbase)"
  debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" > "$work/debootstrap.log" \
    || { tail -20 "$work/debootstrap.log"; exit 1; }
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb
  echo "deb ${mirror%/debian}/debian-security bookworm-security main" >> "$work/rootfs/etc/apt/sources.list"
  import "$work/rootfs" presign-local/debian:bookworm --change "ENV LANG=C.UTF-8"
  step "$runtime_image: Debian's openjdk-17-jre-headless"
  mkdir -p "$work/jre17"
  printf '%s\n' "FROM presign-local/debian:bookworm" \
    "RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \\" \
    "    openjdk-17-jre-headless && rm -rf /var/lib/apt/lists/*" > "$work/jre17/Dockerfile"
  docker build --network host -q -t "$runtime_image" "$work/jre17" > /dev/null
elif [ "$temurin" != none ] && [ -x "$temurin/bin/jlink" ] && "$temurin/bin/java" -version 2>&1 | grep -q '"25'; then
  step "debootstrap bookworm (minbase)"
  debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" > "$work/debootstrap.log" \
    || { tail -20 "$work/debootstrap.log"; exit 1; }
  # No package cache, lists, manuals or translations: nothing in the images installs packages.
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/usr/share/"{doc,man,info,locale}/*
  env=(--change "ENV JAVA_HOME=/opt/java/openjdk"
    --change "ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    --change "ENV LANG=C.UTF-8")

  step "$build_image: $("$temurin/bin/java" -version 2>&1 | sed -n 2p)"
  cp -a "$work/rootfs" "$work/jdk"
  mkdir -p "$work/jdk/opt/java"
  cp -a "$temurin" "$work/jdk/opt/java/openjdk"
  # Debian's layout links the JDK's cacerts to /etc/ssl/certs/java/cacerts: a file of its own in the image.
  rm -f "$work/jdk/opt/java/openjdk/lib/security/cacerts"
  cp -L "$temurin/lib/security/cacerts" "$work/jdk/opt/java/openjdk/lib/security/cacerts" 2> /dev/null \
    || cp -L /etc/ssl/certs/java/cacerts "$work/jdk/opt/java/openjdk/lib/security/cacerts"
  for ca in "${machine_cas[@]}"; do
    "$temurin/bin/keytool" -importcert -noprompt -storepass changeit -alias "machine-$(basename "$ca" .crt)" \
      -file "$ca" -keystore "$work/jdk/opt/java/openjdk/lib/security/cacerts" > /dev/null 2>&1 || true
  done
  import "$work/jdk" "$build_image" "${env[@]}"
  rm -rf "$work/jdk"

  step "$runtime_image: jlink of the same Temurin, without the development tools"
  modules="$("$temurin/bin/java" --list-modules | sed 's/@.*//' \
    | grep -vxE 'jdk\.(compiler|javadoc|jshell|jlink|jpackage|jdeps|jartool|hotspot\.agent|editpad|jconsole|jstatd|jdi|jdwp\.agent|incubator\.vector|internal\.(ed|le|opt|md|vm\.ci)|graal\.compiler(\.management)?)' \
    | paste -sd, -)"
  mkdir -p "$work/rootfs/opt/java"
  "$temurin/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --generate-cds-archive --output "$work/rootfs/opt/java/openjdk" > /dev/null
  import "$work/rootfs" "$runtime_image" "${env[@]}"
else
  # Debian's packages only: trixie has openjdk-25 (the security suite its updates), bookworm none newer than 17.
  step "debootstrap trixie (minbase)"
  debootstrap --variant=minbase trixie "$work/rootfs" "$mirror" > "$work/debootstrap.log" \
    || { tail -20 "$work/debootstrap.log"; exit 1; }
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb
  echo "deb ${mirror%/debian}/debian-security trixie-security main" >> "$work/rootfs/etc/apt/sources.list"
  import "$work/rootfs" presign-local/debian:trixie --change "ENV LANG=C.UTF-8"
  for package in jre jdk; do
    image="$runtime_image"; [ "$package" = jdk ] && image="$build_image"
    step "$image: Debian's openjdk-25-$package-headless"
    mkdir -p "$work/$package"
    # Only the build stage trusts this machine's certificates (Maven downloads through them).
    cas=""
    if [ "$package" = jdk ]; then
      for ca in "${machine_cas[@]}"; do cp "$ca" "$work/$package/"; done
      cas="COPY *.crt /usr/local/share/ca-certificates/"
      [ ${#machine_cas[@]} -gt 0 ] || cas=""
    fi
    printf '%s\n' "FROM presign-local/debian:trixie" "$cas" \
      "RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \\" \
      "    openjdk-25-$package-headless ca-certificates && update-ca-certificates && rm -rf /var/lib/apt/lists/*" \
      "ENV JAVA_HOME=/usr/lib/jvm/java-25-openjdk-amd64" > "$work/$package/Dockerfile"
    docker build --network host -q -t "$image" "$work/$package" > /dev/null
  done
fi
step "done: $build_image, $runtime_image"
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^presign-local/'
