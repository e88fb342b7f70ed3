#!/usr/bin/env bash
# Dateline's one entry point: build, serve, test.
#
#   ./build.sh build [--docs PATH]... [--out DIR] [--prebuilt] [--ner-model FILE] [--keep-going]
#                                                    build the site (default: www/docs -> dist/);
#                                                    --prebuilt: a prebuilt index the page fetches
#                                                    per query, instead of article packs it indexes;
#                                                    --keep-going: publish despite input errors
#   ./build.sh serve [--docs PATH]... [--prebuilt] [--port N]
#                                                    build, then serve it on http://localhost:N (default 8000)
#   ./build.sh test                                  every check and test: cargo fmt --check, clippy -D warnings
#                                                    (native and wasm), Rust tests (unit, property, integration,
#                                                    layers), the JS type check, JS unit tests, browser tests
#   ./build.sh bench [--growth]                      side-by-side benchmarks -> BENCHMARKS.md (never in CI)
#
# Installs what is missing (wasm target, wasm-bindgen-cli matching Cargo.lock,
# Chromium, playwright-core) and nothing that is already there.
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
  if [ ! -x /usr/bin/chromium ]; then
    log "installing Chromium (Debian package)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
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

# Two wasm cores: the full one (pkg/dateline*) indexes article packs in the
# page; the reader (pkg/dateline_reader*, no default features) only reads a
# prebuilt index (`dateline build`) and is half the size. The reader has its
# own profile (Cargo.toml), hence its own folder: neither build undoes the other.
# wasm-bindgen also writes target/pkg/dateline.d.ts and dateline_reader.d.ts:
# the TypeScript types of everything that crosses the boundary, generated
# from the Rust structs (their `Tsify` derives); www/js/types.js re-exports them.
build_wasm() {
  ensure_wasm_toolchain
  log "building the wasm core and the reader core"
  local dir=target/wasm32-unknown-unknown wasm
  cargo build --lib --release --target wasm32-unknown-unknown --quiet
  cargo build --lib --profile wasm-reader --no-default-features --target wasm32-unknown-unknown --quiet
  # wasm-bindgen names its output after its input.
  cp "$dir/wasm-reader/dateline.wasm" "$dir/wasm-reader/dateline_reader.wasm"
  for wasm in release/dateline wasm-reader/dateline_reader; do
    wasm-bindgen "$dir/$wasm.wasm" --target web \
      --remove-name-section --remove-producers-section --out-dir target/pkg
  done
  for wasm in target/pkg/dateline_bg.wasm target/pkg/dateline_reader_bg.wasm; do
    log "$(basename "$wasm"): $(wc -c < "$wasm") bytes, $(gzip -9c "$wasm" | wc -c) gzipped"
  done
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

# site [--prebuilt] [--ner-model FILE] [--keep-going] OUT DOCS...: assemble a static site from
# www/, the wasm core and the corpus: article packs the page indexes
# (`dateline pack`), or with --prebuilt an index the page fetches piece by
# piece (`dateline build`). The entity model defaults to the trained one.
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
  log "assembling $out from ${*}$($prebuilt && echo ' (prebuilt index)')"
  rm -rf "$out"
  mkdir -p "$out/pkg"
  cp www/index.html "$out/"
  cp -r www/css www/js "$out/"
  cp target/pkg/dateline.js target/pkg/dateline_bg.wasm target/pkg/dateline_reader.js target/pkg/dateline_reader_bg.wasm "$out/pkg/"
  local model=()
  [ -n "$model_file" ] && [ -f "$model_file" ] && model=(--ner-model "$model_file")
  if $prebuilt; then
    # `dateline build --out SITE` writes SITE/corpus/ (manifest.json, index/*.bin).
    # A prebuilt index has no entities yet, so the model is not shipped with it.
    target/release/dateline build "$@" --out "$out" --quiet "${keep[@]}"
  else
    target/release/dateline pack "$@" --out "$out/corpus" "${model[@]}" "${keep[@]}"
  fi
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
  build_cli
  build_ner_model
  site "${opts[@]}" "$out" "${docs[@]}"
  local wasm=$out/pkg/dateline_bg.wasm reader=$out/pkg/dateline_reader_bg.wasm
  log "built $out ($(du -sh "$out" | cut -f1); wasm $(( $(wc -c < "$wasm") / 1024 )) KiB, $(( $(gzip -9c "$wasm" | wc -c) / 1024 )) KiB gzipped; reader $(( $(wc -c < "$reader") / 1024 )) KiB, $(( $(gzip -9c "$reader" | wc -c) / 1024 )) KiB gzipped)"
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
# without default features, as the reader; both wasm cores).
check_rust_style() {
  log "cargo fmt --check"
  cargo fmt --check || die "cargo fmt --check: the code is not formatted (run cargo fmt)"
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  local lint
  for lint in "--features cli --all-targets" "--no-default-features --all-targets" \
    "--lib --target wasm32-unknown-unknown" "--no-default-features --lib --target wasm32-unknown-unknown"; do
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

case ${1:-} in
  build) shift; cmd_build "$@" ;;
  serve) shift; cmd_serve "$@" ;;
  test) shift; cmd_test "$@" ;;
  bench) shift; exec bench/bench.sh "$@" ;;
  *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2 ;;
esac
