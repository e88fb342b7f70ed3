#!/usr/bin/env bash
# Side-by-side benchmark: Dateline's wasm core against MiniSearch, FlexSearch,
# Lunr and Orama (in Node and in headless Chromium), and Dateline's prebuilt
# index (`dateline build`) against Pagefind, on the Reuters-21578 corpus.
# Writes BENCHMARKS.md at the repository root.
#
#   ./build.sh bench [--growth] [--runs N] [--builds N] [--sample N] [--compare REV]
#   ./build.sh bench --only annotations [--builds N]
#   ./build.sh bench --only network
#
#   --growth       also Reuters as it is and 200,000- and 1,000,000-article
#                  corpora (slow; BENCH_GROWTH_SIZES=all,200000,... to choose):
#                  build, cold queries, the page over the emulated network
#   --runs N       indexing runs per engine and environment (default 3)
#   --builds N     Pagefind and `dateline build` runs on Reuters, alternating (default 3)
#   --sample N     develop on the first N articles and 10 queries per class;
#                  writes target/bench/BENCHMARKS.md instead
#   --only import  only the import row (bench/import.mjs: 5,000 Reuters
#                  articles as HTML pages imported in the page, beside the
#                  same text as plain text): rewrites that section of
#                  BENCHMARKS.md in place
#   --only annotations
#                  only what events and entities cost `dateline build` on
#                  Reuters (bench/annotations.mjs: with them and with
#                  --no-annotations, --builds times each): rewrites that
#                  section of BENCHMARKS.md in place, leaving the rest as it is
#   --only network
#                  only the real page over an emulated slow network
#                  (bench/network.mjs: seeds, Reuters prebuilt, Reuters in-page
#                  on localhost; BENCH_NETWORK_SAMPLES, default 20): rewrites
#                  that section of BENCHMARKS.md in place
#   --compare REV  also run Dateline as it was at commit REV, side by side with
#                  the working tree, for in-page indexing and query latency in
#                  Node: REV is checked out in a git worktree under
#                  target/bench/compare/dateline (kept, so a next run rebuilds
#                  only what changed; `git worktree remove` it when done), its
#                  own ./build.sh builds its site from the same corpus, and
#                  bench/node.mjs runs `dateline` and `dateline@REV`
#                  alternately on the same query set. BENCHMARKS.md gets both
#                  rows (sections 1 and 2, Node). E.g. before and after a
#                  refactor: ./build.sh bench --compare main
#
# Never run in CI; timing is reported, never asserted. Generated files go to
# target/bench/ (never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CORPUS=../shared/corpora/reuters21578.jsonl
SITE=target/sites/reuters
WORK=target/bench
RESULTS=$WORK/results

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'bench.sh: %s\n' "$*" >&2; exit 1; }

growth=0 runs=3 builds=3 sample=0 compare= only=
while [ $# -gt 0 ]; do
  case $1 in
    --only) only=$2; shift 2 ;;
    --growth) growth=1; shift ;;
    --runs) runs=$2; shift 2 ;;
    --builds) builds=$2; shift 2 ;;
    --sample) sample=$2; shift 2 ;;
    --compare) compare=$2; shift 2 ;;
    *) die "unknown argument $1 (see the top of bench/bench.sh)" ;;
  esac
done

if [ ! -f "$CORPUS" ]; then
  echo "bench: skipped: $CORPUS is absent (the benchmark needs the Reuters-21578 corpus)" >&2
  exit 0
fi
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# What every section runs on, installed when missing (a fresh machine, or
# an --only section run first): Chromium, the benchmark's packages (the
# peers, playwright-core) and the browser tests' (page_load.mjs drives the
# page through their harness).
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing: run ./build.sh test once (it installs it), or apt-get install chromium"
command -v openssl >/dev/null || die "openssl is missing (the HTTP/2 test server makes its certificate with it): run ./build.sh test once (it installs it), or apt-get install openssl"
if [ ! -d bench/node_modules/playwright-core ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  log "installing the benchmark's npm packages (npm ci in bench/)"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -d tests/browser/node_modules/playwright-core ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
  log "installing the browser tests' npm packages (npm ci in tests/browser/)"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

# The entity model the sites are built with (build.sh trains it when CoNLL is there).
NER_MODEL=target/ner/ner.bin
# The real page over an emulated slow network (bench/network.mjs): the seed
# site, the Reuters prebuilt site, and the Reuters in-page site on localhost.
network() {
  local pre=$WORK/reuters-prebuilt model=()
  [ -f "$NER_MODEL" ] && model=(--ner-model "$NER_MODEL")
  log "the page over an emulated network (HTTP/2, 100 ms round trip, 10 Mbit/s): seeds, Reuters prebuilt; Reuters in-page on localhost"
  target/release/dateline build "$CORPUS" --out "$pre" --index prebuilt --quiet --keep-going "${model[@]}"
  node bench/network.mjs --http2 --queries "$RESULTS/queries.json" --samples "${BENCH_NETWORK_SAMPLES:-20}" --out "$RESULTS/network.json" \
    seeds=dist reuters-prebuilt="$pre" --local reuters-in-page="$SITE"
}

if [ "$only" = import ]; then
  ./build.sh build
  mkdir -p "$RESULTS"
  log "your own files: HTML pages imported in the page beside plain text"
  node bench/import.mjs --corpus "$CORPUS" --site dist --work "$WORK/import" --runs "$runs" --out "$RESULTS/import.json"
  node bench/report.mjs --section import --results "$RESULTS" --out BENCHMARKS.md
  log "rewrote its section of BENCHMARKS.md (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
  exit 0
fi
if [ -n "$only" ]; then
  if [ "$only" = network ]; then
    ./build.sh build
    ./build.sh build --docs "$CORPUS" --out "$SITE" --keep-going
    mkdir -p "$RESULTS"
    [ -f "$RESULTS/queries.json" ] || node bench/queries.mjs "$CORPUS" "$RESULTS/queries.json" --per-class 80
    network
    node bench/report.mjs --section network --results "$RESULTS" --out BENCHMARKS.md
    log "rewrote its section of BENCHMARKS.md (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
    exit 0
  fi
  [ "$only" = annotations ] || die "--only: unknown section $only (annotations, network, import)"
  ./build.sh build
  mkdir -p "$RESULTS"
  log "what events and entities cost dateline build ($builds builds each)"
  node bench/annotations.mjs --corpus "$CORPUS" --builds "$builds" --ner-model "$NER_MODEL" --out "$RESULTS/annotations.json"
  node bench/report.mjs --section annotations --results "$RESULTS" --out BENCHMARKS.md
  log "rewrote its section of BENCHMARKS.md (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
  exit 0
fi

# --keep-going: Reuters-21578 has an article with an empty body, which the
# build reports and skips (as every engine here skips it: nothing to index).
./build.sh build --docs "$CORPUS" --out "$SITE" --keep-going

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
per_class=80 out=BENCHMARKS.md
if [ "$sample" != 0 ]; then
  log "sample run: first $sample articles"
  head -n "$sample" "$CORPUS" > "$WORK/sample.jsonl"
  CORPUS=$WORK/sample.jsonl
  rm -rf "$WORK/sample-site" && mkdir -p "$WORK/sample-site"
  # The whole page (the page-load run opens it), with the sample's packs.
  cp -r "$SITE/pkg" "$SITE/css" "$SITE/js" "$SITE/index.html" "$WORK/sample-site/"
  target/release/dateline pack "$CORPUS" --out "$WORK/sample-site/corpus" --keep-going >&2
  SITE=$WORK/sample-site per_class=10 out=$WORK/BENCHMARKS.md
fi

compare_args=()
if [ -n "$compare" ]; then
  rev=$(git rev-parse --short "$compare^{commit}") || die "--compare: no commit $compare"
  wt=$WORK/compare/dateline
  log "Dateline at $compare ($rev): its site, built in the worktree $wt"
  if [ -d "$wt" ]; then
    git -C "$wt" checkout --quiet --detach "$rev"
  else
    mkdir -p "$(dirname "$wt")"
    git worktree add --quiet --detach "$wt" "$rev"
  fi
  # That commit's own build.sh, so that its packs match its wasm core.
  (cd "$wt" && ./build.sh build --docs "$ROOT/$CORPUS" --out "$ROOT/$WORK/compare/site" --keep-going)
  compare_args=(--compare-site "$WORK/compare/site" --compare-rev "$rev")
fi

log "query set"
node bench/queries.mjs "$CORPUS" "$RESULTS/queries.json" --per-class "$per_class"
common=(--corpus "$CORPUS" --site "$SITE" --queries "$RESULTS/queries.json")
log "in-Node runs ($runs per engine)"
node bench/node.mjs "${common[@]}" --runs "$runs" "${compare_args[@]}" --out "$RESULTS/node.json"
log "in-Chromium runs ($runs per engine)"
node bench/browser.mjs "${common[@]}" --runs "$runs" --out "$RESULTS/browser.json"
log "Dateline's indexing phases (events, entities)"
RUNS=$runs node bench/phases.mjs "$SITE" --json "$RESULTS/phases.json" > "$RESULTS/phases.md"
log "the page in Chromium: searchable, and people and places ready (the site without its entity model beside it)"
NOMODEL=$WORK/site-without-entity-model
rm -rf "$NOMODEL" && mkdir -p "$NOMODEL/corpus"
cp -r "$SITE/css" "$SITE/js" "$SITE/pkg" "$SITE/index.html" "$NOMODEL/"
cp "$SITE"/corpus/*.pack "$NOMODEL/corpus/"
node -e 'const fs = require("fs"); const m = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); delete m.models; fs.writeFileSync(process.argv[2], JSON.stringify(m));' "$SITE/corpus/manifest.json" "$NOMODEL/corpus/manifest.json"
node bench/page_load.mjs --runs "$runs" --json "$RESULTS/pageload.json" "$NOMODEL" "$SITE" > "$RESULTS/pageload.md"
log "prebuilt indexes: Pagefind and dateline build, side by side"
node bench/pagefind.mjs "${common[@]}" --builds "$builds" --out "$RESULTS/pagefind.json"
log "what events and entities cost dateline build"
node bench/annotations.mjs --corpus "$CORPUS" --builds "$builds" --ner-model "$NER_MODEL" --out "$RESULTS/annotations.json"
log "your own files: HTML pages imported in the page beside plain text"
import_articles=5000
[ "$sample" != 0 ] && import_articles=$sample
node bench/import.mjs --corpus "$CORPUS" --site dist --work "$WORK/import" --articles "$import_articles" --runs "$runs" --out "$RESULTS/import.json"
network
if [ "$growth" = 1 ]; then
  log "growth corpora (slow)"
  sizes=${BENCH_GROWTH_SIZES:-all,200000,1000000}
  [ "$sample" != 0 ] && sizes=5000,10000
  node bench/growth.mjs --corpus "$CORPUS" --site "$SITE" --queries "$RESULTS/queries.json" --sizes "$sizes" ${BENCH_PAGEFIND_MAX:+--pagefind-max "$BENCH_PAGEFIND_MAX"} --out "$RESULTS/growth.json"
fi
node bench/report.mjs --results "$RESULTS" --corpus "$CORPUS" --out "$out" --load-start "$load_start" --caveats bench/CAVEATS.md
log "wrote $out (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
