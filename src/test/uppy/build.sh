#!/usr/bin/env bash
# Bundles Uppy (versions pinned in package.json and package-lock.json) into target/uppy/uppy.bundle.mjs with its
# Dashboard styles, for the browser tests and the embedded run's /demo/uppy page. Needs npm and the npm registry.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../../target/uppy"
work="$out/build"
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/entry.js" "$work/"
cd "$work"
npm ci --no-audit --no-fund --loglevel=error
npx --no-install esbuild entry.js --bundle --format=esm --minify --log-level=warning --outfile="$out/uppy.bundle.mjs"
cat node_modules/@uppy/core/dist/style.min.css node_modules/@uppy/dashboard/dist/style.min.css > "$out/uppy.min.css"
echo "Uppy bundle: $out/uppy.bundle.mjs"
