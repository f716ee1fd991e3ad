#!/usr/bin/env bash
# Peak memory of every command against the brief's size, for BENCHMARKS.md ("Memory"): the bound
# is 10 times the brief's size plus 50 MB (and under 100 MB at 10,000 entries).
#
#   bash benches/memory.sh                     # the release build, on the briefs below
#   BIN=/tmp/splw-old bash benches/memory.sh   # another build, to compare
#   BRIEFS="10000 tiny:100000" bash benches/memory.sh
#
# A brief is N (gen_brief's synthetic brief of N entries) or SHAPE:N (gen_brief --shape SHAPE N,
# benches/support/shapes.rs). Peak memory is the largest maximum resident set size of RUNS runs
# (3) under GNU time; each command's user time is the median of them. Writes
# target/bench-results/memory.tsv (or under $CARGO_TARGET_DIR; RESULT=FILE names another).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
BRIEFS=${BRIEFS:-"10000 30000 tiny:100000 tiny:500000 countries:20000 one-entry-everywhere:1000"}
TARGET=${CARGO_TARGET_DIR:-target}
OUT=$TARGET/bench-results
mkdir -p "$OUT"
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin splw --example gen_brief
  BIN=$TARGET/release/splw
else
  cargo build --release --quiet --example gen_brief
fi
GEN=$TARGET/release/examples/gen_brief

COMMANDS=("list" "find loneliness" "show" "cite --all --format bibtex" "map" "map --cols country --json" "stats" "page" "check")

RESULT=${RESULT:-$OUT/memory.tsv}
printf 'brief\tMB\tcommand\tpeak MB\tbound MB\tuser s\n' | tee "$RESULT"
for brief in $BRIEFS; do
  dir=$OUT/memory-${brief//:/-}
  if [ ! -d "$dir" ]; then
    case $brief in
      *:*) "$GEN" "${brief#*:}" "$dir" --shape "${brief%%:*}" >/dev/null ;;
      *) "$GEN" "$brief" "$dir" >/dev/null ;;
    esac
  fi
  bytes=$(cat "$dir"/*.toml | wc -c)
  # show: the last entry's id, which every brief has.
  last=$("$BIN" --brief "$dir" list --layout plain | tail -1 | cut -f1)
  for cmd in "${COMMANDS[@]}"; do
    [ "$cmd" = show ] && cmd="show $last"
    peak=0
    users=()
    for _ in $(seq "$RUNS"); do
      # shellcheck disable=SC2086
      # A command that finds nothing exits 1: its memory counts all the same.
      line=$(/usr/bin/time -f '%M %U' "$BIN" --brief "$dir" $cmd 2>&1 >/dev/null | tail -1) || true
      kb=${line% *}
      users+=("${line#* }")
      [ "$kb" -gt "$peak" ] && peak=$kb
    done
    user=$(printf '%s\n' "${users[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
    python3 -c "
b, kb = $bytes, $peak
mb = b / 1e6
print(f'$brief\t{mb:.1f}\t$cmd\t{kb * 1024 / 1e6:.0f}\t{10 * mb + 50:.0f}\t$user')
" | tee -a "$RESULT"
  done
done
