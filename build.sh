#!/usr/bin/env bash
# Dateline's one entry point: build, serve, test.
#
#   ./build.sh build [--docs PATH]... [--out DIR] [--prebuilt] [--ner-model FILE] [--keep-going]
#                                                    build the site (default: www/docs -> dist/):
#                                                    the wasm cores, the minified page (target/shell),
#                                                    the CLI with the page in it, then `dateline build`;
#                                                    --prebuilt: a prebuilt index the page fetches
#                                                    per query, instead of article packs it indexes;
#                                                    --keep-going: publish despite input errors
#   ./build.sh serve [--docs PATH]... [--prebuilt] [--port N]
#                                                    build, then serve it on http://localhost:N (default 8000)
#   ./build.sh test                                  every check and test: cargo fmt --check, clippy -D warnings
#                                                    (native and wasm), Rust tests (unit, property, integration,
#                                                    layers), the JS type check, JS unit tests, browser tests
#   ./build.sh fuzz [SECONDS]                        every fuzz target (fuzz/, cargo-fuzz) for SECONDS each
#                                                    (default 600), one after the other -> FUZZING.md (never in CI)
#   ./build.sh bench [--growth]                      side-by-side benchmarks -> BENCHMARKS.md (never in CI)
#
# Installs what is missing (wasm target, wasm-bindgen-cli matching Cargo.lock,
# Chromium, playwright-core, esbuild) and nothing that is already there.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi; }

ensure_wasm_toolchain() {
  command -v cargo >/dev/null || die "cargo not found: install Rust from rustup.rs"
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
  [ -n "$want" ] || die "no wasm-bindgen version in Cargo.lock"
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    log "installing wasm-bindgen-cli $want (found: ${have:-none}); this takes about 2 minutes"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_chromium() {
  # openssl: the benchmark's HTTP/2 test server makes its certificate with it.
  if [ ! -x /usr/bin/chromium ] || ! command -v openssl >/dev/null; then
    log "installing Chromium and openssl (Debian packages)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver openssl >/dev/null
  fi
}

# tests/browser/node_modules: playwright-core, axe-core, typescript. npm
# writes node_modules/.package-lock.json at each install: a package-lock.json
# newer than it means a package was added or changed since, so install again.
ensure_node_modules() {
  command -v npm >/dev/null || die "npm not found: install Node.js 20+"
  local dir=tests/browser
  if [ ! -d $dir/node_modules/playwright-core ] || [ ! -d $dir/node_modules/axe-core ] \
    || [ ! -f $dir/node_modules/.package-lock.json ] \
    || [ $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]; then
    log "installing the browser-test packages (npm ci in $dir)"
    (cd $dir && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Three wasm cores: the full one (pkg/dateline*) indexes article packs in the
# page; the reader (pkg/dateline_reader*, no default features) only reads a
# prebuilt index (`dateline build`) and is half the size; the import core
# (pkg/dateline_import*, feature `import`: the full core plus the HTML, feed
# and table parsers) runs in the import worker, fetched only when the reader
# adds files of their own. The reader and the import core have their own
# profiles (Cargo.toml), hence their own folders: no build undoes another.
# wasm-bindgen also writes target/pkg/dateline.d.ts and dateline_reader.d.ts:
# the TypeScript types of everything that crosses the boundary, generated
# from the Rust structs (their `Tsify` derives); www/js/types.js re-exports them.
build_wasm() {
  ensure_wasm_toolchain
  log "building the wasm core and the reader core"
  local dir=target/wasm32-unknown-unknown wasm
  cargo build --lib --release --target wasm32-unknown-unknown --quiet
  cargo build --lib --profile wasm-reader --no-default-features --target wasm32-unknown-unknown --quiet
  cargo build --lib --profile wasm-import --features import --target wasm32-unknown-unknown --quiet
  # wasm-bindgen names its output after its input.
  cp "$dir/wasm-reader/dateline.wasm" "$dir/wasm-reader/dateline_reader.wasm"
  cp "$dir/wasm-import/dateline.wasm" "$dir/wasm-import/dateline_import.wasm"
  for wasm in release/dateline wasm-reader/dateline_reader wasm-import/dateline_import; do
    wasm-bindgen "$dir/$wasm.wasm" --target web \
      --remove-name-section --remove-producers-section --out-dir target/pkg
  done
  for wasm in target/pkg/dateline_bg.wasm target/pkg/dateline_reader_bg.wasm target/pkg/dateline_import_bg.wasm; do
    log "$(basename "$wasm"): $(wc -c < "$wasm") bytes, $(gzip -9c "$wasm" | wc -c) gzipped"
  done
  # What a site loads before its first search may not grow unnoticed:
  # each core against a budget (gzip -9 bytes), a little above its size
  # (ARCHITECTURE.md "Two wasm cores"). Lower a budget when a core shrinks.
  wasm_budget target/pkg/dateline_reader_bg.wasm "$READER_GZ_BUDGET"
  wasm_budget target/pkg/dateline_bg.wasm "$FULL_GZ_BUDGET"
}

# 180,000 until format 4; +0.5 KB knowingly for its entity name and
# per-document entity readers (enames-*, dents-*: cold queries read a
# median 319 KB instead of 381) and the typo walk over the dictionary (typo
# queries 3-4x faster). Issue 18's start-up target (150 KB with the page)
# needs the reader split, not trimming. +0.9 KB for a name's other
# spellings in search ("Zelensky": Zelenskyy, Zelenskiy; text/spelling.rs).
# +3.3 KB knowingly for facets counted per stem group at build time
# (gfacets-*: a frequent word's cold query reads one 4 KB file for its
# facets, not 40 dents-* chunks and ten name shards, about 180 KB).
# +0.8 KB knowingly for the postings shards' keys (FEATURE_POST_KEYS: a
# cold search reads a word's dictionary and postings in one round trip).
# +0.5 KB knowingly for the whole collection's facets in `meta`
# (FEATURE_COLLECTION_FACETS: start-up reads no `dents-*` chunk nor name
# shard for the opening list's facets, 8 KB and a round trip at Reuters).
# +1.5 KB knowingly for facets that read a few scattered results' entities
# from their notes chunks rather than `dents-*` chunks of 512 documents
# (Prebuilt::entities_of_docs: over the benchmark's 640 cold queries at
# Reuters, two-word searches' median 234 -> 161 KB, prefixes' 210 -> 104).
# -1.5 KB from format 8's dictionary shards (front-coded terms, stem groups
# found by the reader: no FST look-ups for them in the reader). +0.2 KB
# knowingly for a cold word's guessed postings shards covering the terms
# that start with its stem, and a prefix search's (`need_postings_of`:
# over the benchmark's 640 cold queries at Reuters, those taking more than
# 3 round trips 55 -> 14, the median 3 -> 2, the same bytes). +2.1 KB
# knowingly for the document event chunks (`dtimes-*`, prebuilt/doc_times.rs:
# the events of a frequent word's top 1,000 results at Reuters read 43 files,
# not about 900 notes chunks; a `mentions:` search 43, not 7,193).
READER_GZ_BUDGET=187700
# 367.5 KB when the budget was set; +5.7 KB knowingly from the merges of the
# banded typo automaton with galloping lookups (rank) and the sharded entity
# list (shell, format 3); +0.8 KB for the typo walk, the unscored
# intersection and organisation names joined over "of"/"for"; +1 KB for a
# name's other spellings in search; +1.7 KB for facets per stem group.
# +1.4 KB for the postings shards' keys (written and read) and a long
# list's bound (EntityListResponse). +0.7 KB for the whole collection's
# facets in `meta` (read) and the boilerplate count-min sketch (from 50,000
# articles: a million-article build peaked at 4,973 MiB, now 1,314).
# +0.8 KB for facets reading a few results' entities from notes chunks
# (the reader's budget above says why). +0.3 KB for format 8's dictionary
# shards (the reader's walk over a sorted term list beside the in-page FST),
# +0.2 KB for each facets record's document count in them (a record that
# cannot answer is not fetched: the cold queries' most round trips 5 -> 4).
# +0.2 KB for the guessed postings shards of a stem's or prefix's terms.
# +3.7 KB for the document event chunks (written and read; the reader's
# budget above says why).
FULL_GZ_BUDGET=391600

# Fails when `$1` gzipped (-9) is over `$2` bytes.
wasm_budget() {
  local gz
  gz=$(gzip -9c "$1" | wc -c)
  [ "$gz" -le "$2" ] || die "$(basename "$1") is $gz bytes gzipped, over its budget of $2 (build.sh): find what grew (twiggy top), or raise the budget knowingly"
}

build_cli() {
  cargo build --release --features cli --bin dateline --quiet
}

CONLL_TRAIN=../shared/corpora/conll2003/eng.train
UKRAINE_DOCS=../shared/corpora/news/ukraine2022
NER_MODEL=target/ner/ner.bin

# The entity model is trained from CoNLL-2003 (research data in ../shared,
# never committed) in about a second; without it the page uses rules and
# gazetteers only.
build_ner_model() {
  if [ ! -f "$CONLL_TRAIN" ]; then
    log "no $CONLL_TRAIN: the site will recognize entities with rules and gazetteers only"
    return
  fi
  if [ ! -f "$NER_MODEL" ] || [ "$NER_MODEL" -ot "$CONLL_TRAIN" ] || [ "$NER_MODEL" -ot target/release/dateline ]; then
    log "training the entity model from $CONLL_TRAIN"
    mkdir -p "$(dirname "$NER_MODEL")"
    target/release/dateline train-ner --conll "$CONLL_TRAIN" --out "$NER_MODEL" >/dev/null
  fi
}

# The page as sites get it, in target/shell/ (index.html, css/, js/, pkg/
# with the three wasm cores): the JS bundled (the page's entry and its two
# workers, code they share split into chunks) and the CSS bundled into one
# style sheet, minified by esbuild (pinned in tools/site/package.json;
# tools/site/shell.mjs). wasm-opt is not run: measured, it made
# both cores larger gzipped (ARCHITECTURE.md). The `dateline` binary embeds
# this folder when compiled (shell/, the dateline-shell crate), so build the
# shell before the CLI. single/page.js is the page bundled into one module
# for `dateline build --single-file`. Only files whose bytes changed are rewritten: an
# unchanged page does not relink the CLI.
ensure_site_tools() {
  command -v npm >/dev/null || die "npm not found: install Node.js 20+"
  local dir=tools/site
  if [ ! -x $dir/node_modules/.bin/esbuild ] || [ ! -f $dir/node_modules/.package-lock.json ] \
    || [ $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]; then
    log "installing the site tools (npm ci in $dir: esbuild, fflate)"
    (cd $dir && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_shell() {
  ensure_site_tools
  local esbuild=tools/site/node_modules/.bin/esbuild new=target/shell.new
  rm -rf "$new"
  mkdir -p "$new/pkg"
  # fflate's module and types also go to target/js/vendor/ so the type check
  # finds them as js/vendor/ (jsconfig rootDirs: www/ and target/ are one
  # tree, as for pkg/).
  mkdir -p target/js/vendor
  cp tools/site/node_modules/fflate/esm/browser.js target/js/vendor/fflate.js
  cp tools/site/node_modules/fflate/esm/browser.d.ts target/js/vendor/fflate.d.ts
  "$esbuild" target/pkg/dateline.js target/pkg/dateline_reader.js target/pkg/dateline_import.js --minify --outdir="$new/pkg" --log-level=warning
  cp target/pkg/dateline_bg.wasm target/pkg/dateline_reader_bg.wasm target/pkg/dateline_import_bg.wasm "$new/pkg/"
  # The page itself: index.html, one style sheet, the JS bundled (the page's
  # entry and its two workers, shared code split into chunks), the zip
  # writer fflate (pinned in tools/site; loaded by the import worker only on
  # a save) and the single-file page's bundle: see tools/site/shell.mjs.
  node tools/site/shell.mjs "$new"
  mkdir -p target/shell
  (cd "$new" && find . -type f) | while read -r f; do
    if ! cmp -s "$new/$f" "target/shell/$f"; then
      mkdir -p "$(dirname "target/shell/$f")"
      cp "$new/$f" "target/shell/$f"
    fi
  done
  (cd target/shell && find . -type f) | while read -r f; do
    [ -f "$new/$f" ] || rm -f "target/shell/$f"
  done
  rm -rf "$new"
  log "the page (target/shell): $(find target/shell -name '*.js' -o -name '*.css' -o -name '*.html' | xargs cat | wc -c) bytes of HTML, CSS and JS, $(find target/shell -name '*.js' -o -name '*.css' -o -name '*.html' | while read -r f; do gzip -9c "$f" | wc -c; done | awk '{ s += $1 } END { print s }') gzipped file by file"
}

# site [--prebuilt] [--ner-model FILE] [--keep-going] OUT DOCS...: the whole
# site, written by `dateline build` alone (the page is built into the
# binary): article packs the page indexes (`--index packs`), or with
# --prebuilt an index the page fetches piece by piece. The entity model
# (default: the trained one) ships with packs; a prebuilt build
# recognizes entities with it.
site() {
  local prebuilt=false model_file=$NER_MODEL keep=()
  while [ $# -gt 0 ]; do
    case $1 in
      --prebuilt) prebuilt=true; shift ;;
      --keep-going) keep=(--keep-going); shift ;;
      --ner-model) model_file=$2; shift 2 ;;
      *) break ;;
    esac
  done
  local out=$1; shift
  log "building the site $out from ${*}$($prebuilt && echo ' (prebuilt index)')"
  local kind=(--index packs)
  $prebuilt && kind=(--index prebuilt)
  # Packs ship the model to the page; a prebuilt index is recognized with it now.
  [ -n "$model_file" ] && [ -f "$model_file" ] && kind+=(--ner-model "$model_file")
  target/release/dateline build "$@" --out "$out" --quiet "${kind[@]}" "${keep[@]}"
}

cmd_build() {
  local out=dist docs=() opts=()
  while [ $# -gt 0 ]; do
    case $1 in
      --docs) docs+=("$2"); shift 2 ;;
      --out) out=$2; shift 2 ;;
      --prebuilt) opts+=(--prebuilt); shift ;;
      --keep-going) opts+=(--keep-going); shift ;;
      --ner-model) [ -f "${2:-}" ] || die "build: no entity model at ${2:-(nothing)}"; opts+=(--ner-model "$2"); shift 2 ;;
      *) die "build: unknown argument $1" ;;
    esac
  done
  [ ${#docs[@]} -gt 0 ] || docs=(www/docs)
  build_wasm
  build_shell
  build_cli
  build_ner_model
  site "${opts[@]}" "$out" "${docs[@]}"
  local wasm
  # The core the page loads first (a packs site also has the import core).
  wasm=$(ls "$out"/pkg/*.wasm | grep -v _import_ | head -n 1)
  log "built $out ($(du -sh "$out" | cut -f1); $(basename "$wasm") $(( $(wc -c < "$wasm") / 1024 )) KiB, $(( $(gzip -9c "$wasm" | wc -c) / 1024 )) KiB gzipped)"
}

cmd_serve() {
  local port=8000 args=()
  while [ $# -gt 0 ]; do
    case $1 in
      --port) port=$2; shift 2 ;;
      *) args+=("$1"); shift ;;
    esac
  done
  cmd_build "${args[@]}"
  log "serving dist/ on http://localhost:$port/ (Ctrl-C to stop)"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
}

# The cheap checks, first, so that a run fails in a minute rather than after
# the builds: formatting, and clippy with warnings as errors on every target
# the code is built for (native with the CLI and the tests; the library alone
# without default features, as the reader; the three wasm cores).
check_rust_style() {
  log "cargo fmt --check"
  cargo fmt --check || die "cargo fmt --check: the code is not formatted (run cargo fmt)"
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local lint
  for lint in "--features cli --all-targets" "--no-default-features --all-targets" \
    "--lib --target wasm32-unknown-unknown" "--no-default-features --lib --target wasm32-unknown-unknown" \
    "--features import --lib --target wasm32-unknown-unknown"; do
    log "cargo clippy $lint -- -D warnings"
    # shellcheck disable=SC2086 # $lint is a list of arguments
    cargo clippy $lint --quiet -- -D warnings || die "clippy ($lint) found warnings"
  done
}

# The page's JavaScript: the JSDoc types checked by TypeScript (jsconfig.json,
# against the wasm cores' .d.ts in target/pkg, hence after build_wasm), and
# the unit tests of the pure modules (tests/js/, no browser).
check_js() {
  local tsc=tests/browser/node_modules/.bin/tsc
  [ -x "$tsc" ] || die "no $tsc: typescript belongs in tests/browser/package.json"
  log "JS type check (tsc -p jsconfig.json)"
  "$tsc" -p jsconfig.json || die "the JS type check failed"
  if [ -d tests/js ]; then
    log "JS unit tests (node --test tests/js/)"
    node --test tests/js/ || die "JS unit tests failed"
  fi
}

cmd_test() {
  check_rust_style
  # The CLI embeds the page (tests/site.rs builds whole sites with it).
  build_wasm
  build_shell
  build_cli
  build_ner_model
  [ -f "$NER_MODEL" ] && export DATELINE_NER_MODEL="$ROOT/$NER_MODEL"
  log "Rust tests (unit, property, integration)"
  # --no-fail-fast: one failing test binary must not hide the others' results.
  cargo test --features cli --quiet --no-fail-fast 2>&1 | tail -n 200
  [ "${PIPESTATUS[0]}" = 0 ] || die "Rust tests failed"
  log "Rust unit tests of the reader core (--no-default-features)"
  cargo test --no-default-features --lib --quiet 2>&1 | tail -n 20
  [ "${PIPESTATUS[0]}" = 0 ] || die "the reader core's unit tests failed"
  cmd_build
  site target/sites/hostile tests/fixtures/hostile
  # A prebuilt index of a real collection (and the same collection in-page,
  # to compare) when the research corpora are here; its tests skip otherwise.
  if [ -d "$UKRAINE_DOCS" ]; then
    site --prebuilt target/sites/ukraine-prebuilt "$UKRAINE_DOCS"
    site target/sites/ukraine-inpage "$UKRAINE_DOCS"
    export DATELINE_PREBUILT_SITE="$ROOT/target/sites/ukraine-prebuilt"
    export DATELINE_UKRAINE_SITE="$ROOT/target/sites/ukraine-inpage"
  else
    log "no $UKRAINE_DOCS: the prebuilt-index browser tests will be skipped"
  fi
  ensure_node_modules
  check_js
  ensure_chromium
  log "browser tests (headless Chromium)"
  DATELINE_SITE="$ROOT/dist" DATELINE_HOSTILE_SITE="$ROOT/target/sites/hostile" node --test tests/browser/
}

# cargo-fuzz needs nightly-only compiler flags (sanitizer coverage); a stable
# toolchain accepts them with RUSTC_BOOTSTRAP=1, so no second toolchain is
# needed. Installs cargo-fuzz when missing.
ensure_cargo_fuzz() {
  command -v cargo >/dev/null || die "cargo not found: install Rust from rustup.rs"
  if ! cargo fuzz --version >/dev/null 2>&1; then
    log "installing cargo-fuzz; this takes about 4 minutes"
    cargo install cargo-fuzz --locked
  fi
}

# Per target: the longest input libFuzzer makes, and its dictionary (paths
# relative to fuzz/, where cargo fuzz runs).
fuzz_options() {
  case $1 in
    parse) echo "-max_len=16384 -dict=dict/input.dict" ;;
    manifest) echo "-max_len=4096 -dict=dict/input.dict" ;;
    query) echo "-max_len=4096 -dict=dict/query.dict" ;;
    pack | prebuilt) echo "-max_len=16384" ;;
    *) echo "-max_len=8192" ;;
  esac
}

# Every target of fuzz/ for SECONDS each, under nice, one after the other;
# seeds written from tests/fixtures (and ../shared/seeds when present) by
# examples/fuzz_seeds.rs; new corpus entries stay in fuzz/corpus/ (ignored by
# git); crashes land in fuzz/artifacts/TARGET/ and fail the run. The figures
# go to FUZZING.md.
cmd_fuzz() {
  local seconds=${1:-600} t out execs rate status failed=0 rows="" started
  [[ $seconds =~ ^[0-9]+$ ]] || die "fuzz: SECONDS must be a number (got $seconds)"
  ensure_cargo_fuzz
  export RUSTC_BOOTSTRAP=1
  log "building the fuzz targets (release, sanitizer coverage)"
  (cd fuzz && nice -n 10 cargo fuzz build -O)
  log "writing the seed corpora"
  rm -rf fuzz/seeds
  local inputs=(tests/fixtures/messy/*.txt tests/fixtures/messy/*.jsonl tests/fixtures/hostile/*.txt)
  if [ -d ../shared/seeds ]; then inputs+=(../shared/seeds/*.txt); fi
  nice -n 10 cargo run --quiet --features fuzzing --example fuzz_seeds -- fuzz/seeds "${inputs[@]}"
  started=$(date -u '+%Y-%m-%d %H:%M UTC')
  mkdir -p target/fuzz-logs
  for t in $(cd fuzz/fuzz_targets && ls -- *.rs | sed 's/\.rs$//'); do
    mkdir -p "fuzz/corpus/$t"
    log "fuzzing $t for ${seconds}s"
    out=target/fuzz-logs/$t.log
    # shellcheck disable=SC2046 # the options are separate words
    if (cd fuzz && nice -n 10 cargo fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      $(fuzz_options "$t")) >"$out" 2>&1; then
      status="no crash"
    else
      status="**CRASH** (fuzz/artifacts/$t/)"
      failed=1
    fi
    execs=$(awk '/stat::number_of_executed_units:/ { print $2 }' "$out" | tail -n 1)
    rate=$(awk '/stat::average_exec_per_sec:/ { print $2 }' "$out" | tail -n 1)
    printf '%-9s %12s executions (%s/s): %s\n' "$t" "${execs:-?}" "${rate:-?}" "$status" >&2
    rows+="| \`$t\` | $seconds | ${execs:-?} | ${rate:-?} | $(find "fuzz/corpus/$t" -type f | wc -l) | $status |"$'\n'
  done
  write_fuzzing_md "$seconds" "$started" "$rows"
  [ "$failed" = 0 ] || die "fuzz: a target crashed (see FUZZING.md and target/fuzz-logs/)"
}

# FUZZING.md: what the last `./build.sh fuzz` ran and found.
write_fuzzing_md() {
  local commit
  commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src fuzz || echo "+changes")
  cat >FUZZING.md <<EOF
# Fuzzing

Written by \`./build.sh fuzz $1\` (do not edit by hand): every target of
\`fuzz/\` (cargo-fuzz, libFuzzer) for $1 s, one after the other, under
\`nice\`, with \`-rss_limit_mb=2048 -timeout=10\` and a per-target \`-max_len\`.

- Started $2; commit \`$commit\`; $(rustc --version); $(nproc) cores (shared).
- Each target hands its input to a harness in \`src/fuzzing.rs\` that asserts
  what must hold for any input (no panic; errors name a byte or field inside
  the input; write → read round trips; bounded output; in-memory and
  prebuilt answers to a query agree). The same harnesses run as property
  tests in \`cargo test\` (\`cargo test --features cli --lib fuzzing\`).
- Crashes found are fixed and kept as regression tests beside the harnesses.

| target | seconds | executions | per second | corpus | result |
|---|---:|---:|---:|---:|---|
$3
| target | reads |
|---|---|
| \`parse\` | a seed \`.txt\` or a JSON Lines file's bytes (\`parse_seed\`, \`parse_jsonl\`: what the loader runs) |
| \`pack\` | an article pack (\`store::read_pack\`) |
| \`prebuilt\` | any file of a prebuilt index (\`meta.bin\` through \`Prebuilt::open\`, every shard kind through \`Prebuilt::add_file\`), then searches and article look-ups on it |
| \`model\` | the entity model (\`Model::from_bytes\`), then recognition with it |
| \`manifest\` | \`corpus/manifest.json\` (\`Manifest::from_deserializer\`) |
| \`query\` | any string as a query, parsed and run on a small collection in memory and prebuilt |
EOF
}

case ${1:-} in
  build) shift; cmd_build "$@" ;;
  serve) shift; cmd_serve "$@" ;;
  test) shift; cmd_test "$@" ;;
  fuzz) shift; cmd_fuzz "$@" ;;
  bench) shift; exec bench/bench.sh "$@" ;;
  *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2 ;;
esac
