#!/usr/bin/env bash
# Regenerates the citation goldens that tests/cite.rs compares splw with: every entry of the
# built-in brief rendered by pandoc's CSL processor (citeproc) in each of the four official CSL
# styles. CI does not need pandoc; run this after a deliberate change to the brief.
#
#   apt-get install pandoc citation-style-language-styles
#   tests/goldens/regenerate.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
styles=/usr/share/citation-style-language/styles
out=tests/goldens
cargo build --quiet
splw=target/debug/splw

"$splw" cite --all --format csl-json > "$out/catalogue.json"
# References are rendered without abstracts: the HEE style prints any abstract (twice, behind
# an "[REQUIRES AN NHS OPENATHENS ACCOUNT …]" notice), which belongs in an evidence brief, not in
# a reference list. The other three styles ignore abstracts.
refs=$(mktemp --suffix=.json)
trap 'rm -f "$refs"' EXIT
python3 -c 'import json, sys; items = json.load(open(sys.argv[1])); [i.pop("abstract", None) for i in items]; json.dump(items, open(sys.argv[2], "w"), ensure_ascii=False)' "$out/catalogue.json" "$refs"
# The works: every entry but the signposts, which splw does not cite.
ids=$(python3 -c 'import json, sys; print("\n".join(i["id"] for i in json.load(open(sys.argv[1]))))' "$refs")
pandoc --version | head -1 > "$out/PANDOC_VERSION"

render() { # style id format
    printf -- '---\nnocite: "@%s"\n---\n' "$2" |
        pandoc --citeproc --bibliography="$refs" --csl="$styles/$1.csl" \
            --to "$3" --wrap=none
}
for style in harvard-cite-them-right apa vancouver health-education-england-harvard; do
    file="$out/$style.tsv"
    : > "$file"
    for id in $ids; do
        text=$(render "$style" "$id" plain | tr '\n' ' ' | sed 's/^ *//; s/ *$//; s/^1\. *//')
        html=$(render "$style" "$id" html | grep -v '^<div id="refs"\|^</div>$' |
            sed 's/^<div id="ref-[^"]*"[^>]*>//; s/<div class="csl-left-margin">[^<]*<\/div>//; s/<div class="csl-right-inline">//; s/<\/div>//g' |
            tr '\n' ' ' | sed 's/^ *//; s/ *$//')
        intext=$(printf '[@%s]\n' "$id" |
            pandoc --citeproc --bibliography="$refs" --csl="$styles/$style.csl" \
                --to plain --wrap=none | head -1)
        printf '%s\t%s\t%s\t%s\n' "$id" "$text" "$html" "$intext" >> "$file"
    done
    echo "$file: $(wc -l < "$file") entries"
done
# Whole reference lists, for the order of the author–date styles (tests/cite.rs).
all=$(printf '%s\n' $ids | sed 's/^/@/' | paste -sd, -)
for style in harvard-cite-them-right apa health-education-england-harvard; do
    printf -- '---\nnocite: "%s"\n---\n' "$all" |
        pandoc --citeproc --bibliography="$refs" --csl="$styles/$style.csl" --to plain --wrap=none |
        sed '/^$/d' > "$out/$style-list.txt"
    echo "$out/$style-list.txt: $(wc -l < "$out/$style-list.txt") references"
done
