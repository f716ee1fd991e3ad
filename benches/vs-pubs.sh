#!/usr/bin/env bash
# splw against pubs (a Python bibliography manager) doing the same jobs on the same works, at
# 1,000 and 10,000 entries, side by side with `cat` of the brief's files in one hyperfine run per
# job. For BENCHMARKS.md.
#
#   bash benches/vs-pubs.sh                 # about 15 minutes on 2 cores, most of it pubs
#   SIZES=1000 RUNS=10 bash benches/vs-pubs.sh
#
# Needs hyperfine and python3. Sets up pubs 0.9 in a virtualenv (bibtexparser<2: pubs 0.9 breaks
# with bibtexparser 2) and imports splw's own BibTeX export of each synthetic brief into a pubs
# library of its own, with no editor, documents, plugins or colour. Writes hyperfine's JSON into
# target/bench-results/ (or $CARGO_TARGET_DIR/bench-results/).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-20}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=$TARGET/bench-results
mkdir -p "$OUT"

cargo build --release --quiet --bin splw --example gen_brief
BIN=$TARGET/release/splw
GEN=$TARGET/release/examples/gen_brief

VENV=$OUT/pubs-venv
if [ ! -x "$VENV/bin/pubs" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet pubs 'bibtexparser<2'
fi
PUBS=$VENV/bin/pubs

for n in $SIZES; do
  dir="$OUT/brief-$n"
  [ -f "$dir/00-front-matter.toml" ] || { rm -rf "$dir"; "$GEN" "$n" "$dir" >/dev/null; }
  rc="$OUT/pubsrc-$n"
  lib="$OUT/pubs-$n"
  if [ ! -d "$lib" ]; then
    cat >"$rc" <<EOF
[main]
pubsdir = $lib
docsdir = docsdir://
doc_add = link
open_cmd = true
edit_cmd = true
debug = False

[formating]
bold = False
italics = False
color = False

[plugins]
active = ,
EOF
    "$PUBS" -c "$rc" init -p "$lib" >/dev/null
    sed -i 's/^open_cmd = xdg-open/open_cmd = true/' "$rc" # init writes its defaults back
    "$BIN" cite --all --format bibtex --brief "$dir" >"$OUT/brief-$n.bib"
    "$PUBS" -c "$rc" import "$OUT/brief-$n.bib" >/dev/null 2>&1
  fi
  echo "== $n entries: $("$PUBS" -c "$rc" list | wc -l) in pubs"
  # Without -N: the shell expands the glob for cat. --output=pipe: both write into a pipe.
  hf() { hyperfine --warmup 3 --runs "$RUNS" --output=pipe --style basic "$@"; }
  hf --export-json "$OUT/pubs-list-$n.json" -n cat "cat $dir/*.toml" \
    -n "splw list" "$BIN list --brief $dir" -n "pubs list" "$PUBS -c $rc list"
  # pubs has no free-text search: every term needs a field.
  hf --export-json "$OUT/pubs-find-$n.json" -n cat "cat $dir/*.toml" \
    -n "splw find loneliness" "$BIN find loneliness --brief $dir" \
    -n "pubs list title:loneliness" "$PUBS -c $rc list title:loneliness"
  hf --export-json "$OUT/pubs-export-$n.json" -n cat "cat $dir/*.toml" \
    -n "splw cite --all --format bibtex" "$BIN cite --all --format bibtex --brief $dir" \
    -n "pubs export" "$PUBS -c $rc export"
done
