#!/usr/bin/env bash
# The benchmark of issue "Speed and scale": wel against a `typst compile` loop on the same
# documents, on this machine, in one run. Usage (from the repository root):
#
#   benches/bench.sh            # prints a Markdown report; docs/performance.md holds a copy
#
# Needs: the release build of wel (made here), the typst CLI at the version wel uses
# (installed here into benches/.tools when missing: ~9 minutes once), and python3.
# Each figure is a median over ROUNDS rounds in which every command runs in turn (the runs of
# a few milliseconds several times per round), timed by benches/measure.py (monotonic clock,
# peak memory of the process from wait4): ratios compare runs made at the same moments.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TYPST_VERSION=0.15.1
TOOLS="$ROOT/benches/.tools"
ROUNDS=${ROUNDS:-7}
SMALL=${SMALL:-5}  # runs per round of the commands that take milliseconds
WORK=$(mktemp -d /tmp/wel-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet
WEL="$ROOT/target/release/wel"
if ! "$TOOLS/bin/typst" --version 2>/dev/null | grep -q "$TYPST_VERSION"; then
  echo "typst-cli $TYPST_VERSION installeren in $TOOLS (eenmalig, enkele minuten)..." >&2
  cargo install --quiet --locked typst-cli --version "$TYPST_VERSION" --root "$TOOLS"
fi
TYPST="$TOOLS/bin/typst"
CORES=$(nproc)

# One benchmark command: name, runs per round, preparation, command (shell strings).
: > "$WORK/spec"
bench() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$WORK/spec"; }

# The typst CLI loop over the same documents wel builds (data via --input).
"$WEL" build --inputs inputs --out "$WORK/dump-out" --dump-typst-inputs "$WORK/dump" >/dev/null
DOCS=$(wc -l < "$WORK/dump/jobs.tsv")
cat > "$WORK/one.sh" <<ONE
#!/usr/bin/env bash
# template data output
mkdir -p "\$(dirname "$WORK/cli-out/\$3")"
exec "$TYPST" compile --root "$WORK/dump" --font-path "$ROOT/fonts" --ignore-system-fonts \
  --pdf-standard ua-1 --pdf-standard a-2a --input data="\$(cat "$WORK/dump/\$2")" \
  "$WORK/dump/\$1" "$WORK/cli-out/\$3"
ONE
chmod +x "$WORK/one.sh"
cat > "$WORK/loop.sh" <<LOOP
#!/usr/bin/env bash
while IFS=\$'\t' read -r t d o; do "$WORK/one.sh" "\$t" "\$d" "\$o"; done < "$WORK/dump/jobs.tsv"
LOOP
cat > "$WORK/xargs.sh" <<XARGS
#!/usr/bin/env bash
tr '\t' '\n' < "$WORK/dump/jobs.tsv" | xargs -d '\n' -n 3 -P $CORES "$WORK/one.sh"
XARGS
chmod +x "$WORK/loop.sh" "$WORK/xargs.sh"

# Each text-change run changes one sentence of one SWV's summary (a real text change), with
# a short number: a 9-digit one could pass the BSN eleven-test and be refused, as it should.
cat > "$WORK/edit.py" <<'EDIT'
import random, re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = re.sub(r"Versie \d+\. ", "", s)
s = re.sub(r"samenvatting = \"\"\"\n", 'samenvatting = """\nVersie %d. ' % random.randrange(10**5, 10**6), s, count=1)
open(p, "w", encoding="utf-8").write(s)
EDIT
cp -r inputs "$WORK/edit"
"$WEL" build --inputs "$WORK/edit" --out "$WORK/out-edit" >/dev/null
for n in 116 1160; do
  "$WEL" sample --swvs "$n" --out "$WORK/syn$n" >/dev/null
done

B="$WEL build --inputs inputs"
bench cli_loop 1 "rm -rf $WORK/cli-out" "$WORK/loop.sh"
bench cli_xargs 1 "rm -rf $WORK/cli-out" "$WORK/xargs.sh"
bench wel_jobs1 1 "rm -rf $WORK/out-j1" "$B --out $WORK/out-j1 --jobs 1"
bench wel_full 1 "rm -rf $WORK/out" "$B --out $WORK/out"
# Right after a full build: nothing changed; then packing everything (wel bundle).
bench wel_nochange "$SMALL" "" "$B --out $WORK/out"
bench wel_bundle 1 "rm -rf $WORK/out/bundels" "$WEL bundle --inputs inputs --out $WORK/out"
bench wel_overview 1 "rm -rf $WORK/out-ov" "$B --out $WORK/out-ov --overzicht"
bench wel_textchange "$SMALL" "python3 $WORK/edit.py $WORK/edit/swv/PO2801/2024-2025/samenvatting.toml" \
  "$WEL build --inputs $WORK/edit --out $WORK/out-edit"
# wel check lays out every document without writing: cold (no earlier build to reuse) and
# after a build (documents whose inputs did not change need no layout).
bench wel_check 1 "" "$WEL check --inputs inputs --out $WORK/geen-build"
bench wel_check_built "$SMALL" "" "$WEL check --inputs inputs --out $WORK/out"
for n in 116 1160; do
  bench "wel_syn$n" 1 "rm -rf $WORK/out$n" "$WEL build --inputs $WORK/syn$n --out $WORK/out$n"
done
bench wel_check1160 1 "" "$WEL check --inputs $WORK/syn1160 --out $WORK/geen-build"
bench wel_check1160_built 1 "" "$WEL check --inputs $WORK/syn1160 --out $WORK/out1160"
python3 "$ROOT/benches/measure.py" "$WORK/spec" "$ROUNDS" > "$WORK/results"

# Where the time of a full build goes, five times (the report shows the median run).
: > "$WORK/timings"
for i in 1 2 3 4 5; do
  rm -rf "$WORK/out-t"
  "$WEL" build --inputs inputs --out "$WORK/out-t" --timings 2>> "$WORK/timings" >/dev/null
done

# The disclosure audit and secondary suppression in a full build of 1,160 SWVs, three times.
: > "$WORK/timings1160"
for i in 1 2 3; do
  rm -rf "$WORK/out-t1160"
  "$WEL" build --inputs "$WORK/syn1160" --out "$WORK/out-t1160" --timings 2>> "$WORK/timings1160" >/dev/null
done

python3 - "$WORK/results" "$DOCS" "$CORES" "$WORK/timings" "$WORK/timings1160" <<'PY'
import sys
import re
rows = {l.split()[0]: (float(l.split()[1]), int(l.split()[2])) for l in open(sys.argv[1])}
docs, cores = int(sys.argv[2]), int(sys.argv[3])
timings = open(sys.argv[4]).read().strip().splitlines()
def w(k): return rows[k][0]
print(f"Documents in the sample build: {docs}; cores: {cores}; medians over interleaved rounds.\n")
print("| run | wall (s) | documents/s | peak memory (MiB) |")
print("| --- | ---: | ---: | ---: |")
names = {
    "cli_loop": "typst compile loop, 1 job", "cli_xargs": f"typst compile via xargs -P{cores}",
    "wel_full": "wel build, sample inputs", "wel_jobs1": "wel build --jobs 1",
    "wel_overview": "wel build --overzicht (with thumbnails)",
    "wel_nochange": "wel build, nothing changed", "wel_bundle": "wel bundle after a build (117 zips)",
    "wel_textchange": "wel build, one summary text changed",
    "wel_check": "wel check, sample inputs (no earlier build)",
    "wel_check_built": "wel check, sample inputs, after a build",
    "wel_syn116": "wel build, synthetic 116 SWVs", "wel_syn1160": "wel build, synthetic 1,160 SWVs",
    "wel_check1160": "wel check, synthetic 1,160 SWVs (no earlier build)",
    "wel_check1160_built": "wel check, synthetic 1,160 SWVs, after a build",
}
counts = {"cli_loop": docs, "cli_xargs": docs, "wel_full": docs, "wel_jobs1": docs, "wel_overview": docs, "wel_syn116": 120, "wel_syn1160": 1164}
for k, label in names.items():
    dps = f"{counts[k] / w(k):.1f}" if k in counts else ""
    print(f"| {label} | {w(k):.3f} | {dps} | {rows[k][1]} |")
print()
print("| ratio | value | target |")
print("| --- | ---: | --- |")
print(f"| typst loop / wel | {w('cli_loop') / w('wel_full'):.2f}x | >= 3x |")
print(f"| typst xargs -P{cores} / wel | {w('cli_xargs') / w('wel_full'):.2f}x | >= 1.5x |")
print(f"| wel --jobs 1 / wel | {w('wel_jobs1') / w('wel_full'):.2f}x | >= 1.7x |")
print(f"| nothing changed / full | {100 * w('wel_nochange') / w('wel_full'):.1f}% | < 2% |")
print(f"| one text change / full | {100 * w('wel_textchange') / w('wel_full'):.1f}% | < 5% |")
print(f"| typst loop / wel after one text change | {w('cli_loop') / w('wel_textchange'):.0f}x | |")
print(f"| wel check, sample inputs | {w('wel_check'):.3f} s | < 1.5 s |")
d116, d1160 = 120 / w('wel_syn116'), 1164 / w('wel_syn1160')
print(f"| documents/s at 1,160 vs 116 SWVs | {100 * d1160 / d116:.0f}% | within 20% |")
print(f"| peak memory at 1,160 SWVs | {rows['wel_syn1160'][1]} MiB | < 300 MiB |")
print(f"| wel check at 1,160 SWVs, after a build | {w('wel_check1160_built'):.2f} s | < 5 s |")
print(f"| wel check at 1,160 SWVs, no earlier build | {w('wel_check1160'):.2f} s | |")
runs = [t for t in timings if t.startswith("tijd:")]
shares = sorted((float(re.search(r"buiten Typst ([0-9.]+)%", t).group(1)), t) for t in runs)
median = shares[len(shares) // 2]
print(f"| work outside Typst in a full build (median of {len(shares)}) | {median[0]:.1f}% | < 15% |")
def seconds(line, what):
    return float(re.search(what + r" ([0-9.]+) s", line).group(1))
audits = sorted(
    100 * seconds(t, "afleidbaarheid controleren") / float(re.search(r"van ([0-9.]+) s", t).group(1))
    for t in open(sys.argv[5]).read().splitlines() if t.startswith("tijd:")
)
print(f"| disclosure audit and suppression in a full build of 1,160 SWVs (median of {len(audits)}) | {audits[len(audits) // 2]:.1f}% | < 10% |")
print()
print("Outside Typst per run: " + ", ".join(f"{s:.1f}%" for s, _ in shares) + "; the median run:\n")
print("    " + median[1])
PY
