#!/usr/bin/env bash
# Whole-process timings and peak memory for BENCHMARKS.md.
#
#   bash benches/whole-process.sh            # everything: about 10 minutes on 2 cores
#   RUNS=20 SCALE="1000 10000" bash benches/whole-process.sh   # a quick look
#
# With PUBS and PAPIS set to their commands (see BENCHMARKS.md for setting up their libraries),
# it also times pubs and papis doing the same jobs on the built-in brief's 57 entries:
#   PUBS="/tmp/pypubs/bin/pubs -c /tmp/pubsrc" PAPIS=/tmp/pyref/bin/papis bash benches/whole-process.sh
#
# Needs hyperfine, GNU time (/usr/bin/time) and python3. Writes hyperfine's JSON and a summary
# (summary.md) into target/bench-results/ (or $CARGO_TARGET_DIR/bench-results/).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-200}              # runs per command on the built-in brief
SCALE_RUNS=${SCALE_RUNS:-100}  # runs per command at 1,000 and 10,000 entries
BIG_RUNS=${BIG_RUNS:-10}       # runs per command at 100,000 entries (each takes seconds)
SCALE=${SCALE:-"1000 10000 100000"}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=$TARGET/bench-results
mkdir -p "$OUT"
rm -f "$OUT/peak-memory.tsv.new"

cargo build --release --quiet --bin splw --example gen_brief
BIN=$TARGET/release/splw
GEN=$TARGET/release/examples/gen_brief

# hyperfine -N runs commands without a shell, so globs are expanded here.
CAT_BRIEF="cat $(echo brief/*.toml)"

# --output=pipe: splw writes into a pipe, as in a script, and picks its plain layout.
hf() { hyperfine -N --output=pipe --style basic "$@"; }

echo "== the built-in brief"
hf --warmup 20 --runs "$RUNS" --export-json "$OUT/built-in.json" \
  -n "cat brief/*.toml" "$CAT_BRIEF" \
  -n "true" "true" \
  -n "list" "$BIN list" \
  -n "list --topic loneliness" "$BIN list --topic loneliness" \
  -n "find loneliness" "$BIN find loneliness" \
  -n "show kiely-2022" "$BIN show kiely-2022" \
  -n "cite kiely-2022" "$BIN cite kiely-2022" \
  -n "cite --all --format bibtex" "$BIN cite --all --format bibtex" \
  -n "topics" "$BIN topics" \
  -n "list --layout table" "$BIN list --layout table" \
  -n "list, parsing brief/ at run time" "$BIN --brief brief list"

if [ -n "${PUBS:-}" ] && [ -n "${PAPIS:-}" ]; then
  echo "== pubs and papis, on the built-in brief's 57 entries"
  hf --warmup 3 --runs "${PY_RUNS:-30}" --export-json "$OUT/python.json" \
    -n "cat brief/*.toml" "$CAT_BRIEF" \
    -n "splw list" "$BIN list" \
    -n "pubs list" "$PUBS list" \
    -n "papis list --all" "$PAPIS list --all" \
    -n "splw cite --all --format bibtex" "$BIN cite --all --format bibtex" \
    -n "pubs export" "$PUBS export" \
    -n "papis export --all --format bibtex" "$PAPIS export --all --format bibtex"
fi

for n in $SCALE; do
  dir="$OUT/brief-$n"
  if [ ! -f "$dir/00-front-matter.toml" ]; then
    rm -rf "$dir"
    "$GEN" "$n" "$dir" >/dev/null
  fi
  runs=$SCALE_RUNS
  [ "$n" -ge 100000 ] && runs=$BIG_RUNS
  echo "== --brief at $n entries"
  hf --warmup 2 --runs "$runs" --export-json "$OUT/scale-$n.json" \
    -n "cat" "find $dir -name *.toml -exec cat {} +" \
    -n "list" "$BIN --brief $dir list" \
    -n "find loneliness" "$BIN --brief $dir find loneliness" \
    -n "cite --all --format bibtex" "$BIN --brief $dir cite --all --format bibtex"
  for cmd in "list" "find loneliness" "cite --all --format bibtex"; do
    # Peak memory: the largest of three runs' maximum resident set size.
    peak=0
    for _ in 1 2 3; do
      # shellcheck disable=SC2086
      kb=$(/usr/bin/time -v "$BIN" --brief "$dir" $cmd 2>&1 >/dev/null |
        awk '/Maximum resident set size/ {print $6}')
      [ "$kb" -gt "$peak" ] && peak=$kb
    done
    echo "$n	$cmd	$peak" >>"$OUT/peak-memory.tsv.new"
  done
done
[ -f "$OUT/peak-memory.tsv.new" ] && mv "$OUT/peak-memory.tsv.new" "$OUT/peak-memory.tsv"

# Peak memory on the built-in brief, for comparison.
kb=$(/usr/bin/time -v "$BIN" cite --all --format bibtex 2>&1 >/dev/null |
  awk '/Maximum resident set size/ {print $6}')
echo "built-in	cite --all --format bibtex	$kb" >>"$OUT/peak-memory.tsv"

python3 - "$OUT" <<'EOF' | tee "$OUT/summary.md"
import json, statistics, sys, pathlib
out = pathlib.Path(sys.argv[1])
def table(path):
    results = json.loads(path.read_text())["results"]
    base = statistics.median(results[0]["times"])
    print(f"\n{path.name}: median of {len(results[0]['times'])} runs (ms), and the ratio to `{results[0]['command']}`\n")
    print("| command | median | mean ± σ | ratio |\n|---|---:|---:|---:|")
    for r in results:
        m = statistics.median(r["times"])
        print(f"| `{r['command']}` | {m*1e3:.2f} | {r['mean']*1e3:.2f} ± {r['stddev']*1e3:.2f} | {m/base:.2f}× |")
for path in sorted(out.glob("*.json")):
    table(path)
print("\npeak memory (max RSS, KiB)\n")
print((out / "peak-memory.tsv").read_text())
EOF
