#!/usr/bin/env bash
# `splw page` at scale, for BENCHMARKS.md: how long splw takes to write the page (hyperfine, beside
# `splw cite --all --format csl-json`, which renders every work too), how big the page is, and in
# headless Chromium how long it takes to load, each keystroke to search and redraw, and where a
# link to the work halfway down stands 300 ms after load (0: at the top of the screen).
#
#   NODE_PATH=/path/to/node_modules bash benches/page.sh
#
# Needs hyperfine, and for the browser half node with puppeteer-core and Chromium (as .ci/run
# installs them). Writes into target/bench-results/ (or $CARGO_TARGET_DIR/bench-results/).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-20}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=$TARGET/bench-results
mkdir -p "$OUT"

cargo build --release --quiet --bin splw --example gen_brief
BIN=$TARGET/release/splw
GEN=$TARGET/release/examples/gen_brief

for size in builtin 1000 10000; do
    brief=()
    if [[ $size != builtin ]]; then
        dir=$OUT/brief-$size
        [[ -d $dir ]] || "$GEN" "$size" "$dir" >/dev/null
        brief=(--brief "$dir")
    fi
    page=$OUT/page-$size.html
    "$BIN" page "${brief[@]}" -o "$page"
    echo "== $size: $(wc -c <"$page") bytes"
    hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$OUT/page-$size.json" \
        "$BIN page ${brief[*]} -o $page" \
        "$BIN cite --all --format csl-json ${brief[*]}"
    if command -v node >/dev/null && node -e "require('puppeteer-core')" 2>/dev/null; then
        node tests/page/browser.js speed "$page" | tee "$OUT/page-$size-browser.json"
    else
        echo "skip: node with puppeteer-core not installed: no browser timings"
    fi
done
