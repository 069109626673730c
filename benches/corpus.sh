#!/usr/bin/env bash
# Times the release binary on a real corpus, and measures its peak memory.
#
#   benches/corpus.sh [CORPUS]     (default: the Linux kernel sources)
#
# Without CORPUS, the corpus is Debian's linux-source tarball (any machine can
# get it from the package registry: `apt-get install linux-source`), unpacked
# once into $VIGIE_CORPUS_DIR (default target/corpora). Pass `.` to time the
# scan of this repository instead.
#
# Builds `target/release/vigie`, then times
#   vigie scan CORPUS --format json --output TMP --fail-on never -j N
# for N in $THREADS (default "1 2"), $RUNS times each (default 3), after one
# warm-up run that also fills the page cache and gives the byte count (the
# JSON summary's bytes_scanned). Prints wall time and MB/s (10^6 bytes/s).
#
# The report goes to a temporary file, so the timing includes writing it as a
# user's run would (an --output that is a device such as /dev/null is
# written in place). Uses hyperfine when installed, else a `date +%s.%N` loop.
#
# Environment: THREADS, RUNS, VIGIE_ARGS (extra arguments, e.g. --no-config),
# CARGO_TARGET_DIR (honoured when locating the binary).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The default corpus: the newest linux-source tarball, unpacked once.
linux_corpus() {
    local dir="${VIGIE_CORPUS_DIR:-$repo/target/corpora}"
    local tarball
    tarball="$(ls -1 /usr/src/linux-source-*.tar.* 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -z "$tarball" ]]; then
        echo "installing Debian's linux-source package (about 140 MB)..." >&2
        if [[ "$(id -u)" -eq 0 ]]; then
            apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-source >&2
        else
            sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-source >&2
        fi
        tarball="$(ls -1 /usr/src/linux-source-*.tar.* | sort -V | tail -n 1)"
    fi
    local name
    name="$(basename "$tarball")"
    name="${name%%.tar.*}"
    if [[ ! -d "$dir/$name" ]]; then
        echo "unpacking $tarball into $dir..." >&2
        mkdir -p "$dir"
        tar -xf "$tarball" -C "$dir"
    fi
    echo "$dir/$name"
}

if [[ $# -ge 1 ]]; then
    corpus="$1"
else
    corpus="$(linux_corpus)"
    # Debian's packaging appends `/*` to the kernel's .gitignore, which would
    # hide every file: scan the tree as released.
    VIGIE_ARGS="--no-ignore ${VIGIE_ARGS:-}"
fi
threads="${THREADS:-1 2}"
runs="${RUNS:-3}"
read -r -a extra <<<"${VIGIE_ARGS:-}"

if [[ ! -e "$corpus" ]]; then
    echo "error: corpus $corpus does not exist" >&2
    exit 2
fi
corpus="$(cd "$corpus" && pwd)"

echo "building the release binary..." >&2
(cd "$repo" && cargo build --release --quiet --bin vigie)
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
[[ "$target_dir" = /* ]] || target_dir="$repo/$target_dir"
vigie="$target_dir/release/vigie"

work="$(mktemp -d "${TMPDIR:-/tmp}/vigie-corpus.XXXXXX")"
trap 'rm -rf "$work"' EXIT
report="$work/report.json"

# One command line, as an array and as a shell string (for hyperfine).
scan_cmd() { # $1: threads
    printf '%q ' "$vigie" scan "$corpus" --format json --output "$report" \
        --fail-on never -j "$1" "${extra[@]+"${extra[@]}"}"
}

# Warm-up run: fills the page cache and gives the corpus size.
eval "$(scan_cmd 0)" 2>"$work/warmup.err" || {
    cat "$work/warmup.err" >&2
    echo "error: the warm-up scan failed" >&2
    exit 2
}
summary_field() { # $1: field of the JSON summary
    if command -v jq >/dev/null 2>&1; then
        jq -r ".summary.$1" "$report"
    else
        python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"][sys.argv[2]])' \
            "$report" "$1"
    fi
}
bytes="$(summary_field bytes_scanned)"
files="$(summary_field files_scanned)"

echo "vigie:  $("$vigie" --version)"
echo "corpus: $corpus"
echo "        $files files, $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')), $(nproc 2>/dev/null || echo '?') cores"
echo

# Prints one result line: $1 threads, then the wall times in seconds.
summarise() {
    local n="$1"
    shift
    printf '%s\n' "$@" | awk -v n="$n" -v b="$bytes" '
        { t[NR] = $1; sum += $1; if (NR == 1 || $1 < min) min = $1; if ($1 > max) max = $1 }
        END {
            mean = sum / NR
            printf "-j %-2s  wall mean %.3f s (min %.3f, max %.3f, %d runs)  %.1f MB/s (best %.1f MB/s)\n",
                n, mean, min, max, NR, b / mean / 1e6, b / min / 1e6
        }'
}

for n in $threads; do
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine --runs "$runs" --warmup 1 --style none \
            --export-json "$work/hyperfine-$n.json" "$(scan_cmd "$n")" >/dev/null
        mapfile -t times < <(jq -r '.results[0].times[]' "$work/hyperfine-$n.json" 2>/dev/null ||
            python3 -c 'import json,sys; print("\n".join(map(str, json.load(open(sys.argv[1]))["results"][0]["times"])))' \
                "$work/hyperfine-$n.json")
    else
        times=()
        for ((i = 0; i < runs; i++)); do
            start="$(date +%s.%N)"
            eval "$(scan_cmd "$n")" 2>/dev/null
            end="$(date +%s.%N)"
            times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }')")
        done
    fi
    summarise "$n" "${times[@]}"
done

# Peak memory (maximum resident set size) of one run per thread count.
time_bin=/usr/bin/time
if [[ ! -x "$time_bin" && "$(id -u)" -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 || true
fi
if [[ -x "$time_bin" ]]; then
    echo
    for n in $threads; do
        "$time_bin" -v "$vigie" scan "$corpus" --format json --output "$report" \
            --fail-on never -j "$n" "${extra[@]+"${extra[@]}"}" 2>"$work/time-$n.txt" >/dev/null || true
        rss="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time-$n.txt")"
        echo "-j $n  peak RSS ${rss:-?} KiB ($(awk -v k="${rss:-0}" 'BEGIN { printf "%.1f MiB", k / 1024 }'))"
    done
else
    echo "(/usr/bin/time not found: install the 'time' package for peak memory)"
fi
