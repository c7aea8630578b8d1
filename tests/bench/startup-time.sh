#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Time from launch to a shown window with a 5,000-event document, beside GNOME Text Editor
# opening the same file; medians of 9 interleaved runs after a warm-up pair, in a private Xvfb +
# D-Bus session.
#   tests/bench/startup-time.sh [BUILDDIR]      (needs gnome-text-editor, xvfb, xdotool)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/_build}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 - "$work/big.csv" <<'PY'
import csv, sys
kinds = ["trigger", "detection", "response", "communication", "recovery", "background"]
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["time", "actor", "text", "kind"])
    for i in range(5000):
        t = "" if i % 40 == 0 else "2024-03-%02d %02d:%02d" % (4 + i // 1440, (i // 60) % 24, i % 60)
        w.writerow([t, "Team %d" % (i % 7), "Event %d: the job log showed the deploy key and the "
                    "on-call engineer was paged about the anomaly." % i, kinds[i % 6]])
PY
"$build/src/pmortem" import "$work/big.csv" -o "$work/big.pmortem" --title "Startup benchmark" \
  --timezone Europe/Berlin >/dev/null

cat > "$work/measure.sh" <<'SH'
#!/bin/bash
# Runs the two programs in turn, A B A B …, so that a machine getting busier slows both alike.
# Each run: launch → a visible window whose name carries the document → kill.
once () {
  local pattern=$1; shift
  local start end pid deadline
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  deadline=$(( $(date +%s) + 30 ))
  until xdotool search --onlyvisible --name "$pattern" >/dev/null 2>&1; do
    sleep 0.005
    if [ "$(date +%s)" -gt $deadline ] || ! kill -0 $pid 2>/dev/null; then
      echo "no window appeared for: $*" >&2; kill $pid 2>/dev/null; exit 1
    fi
  done
  end=$(date +%s%N)
  kill $pid; wait $pid 2>/dev/null || true
  sleep 0.3
  echo $(( (end - start) / 1000000 ))
}
a=() b=()
for run in 0 1 2 3 4 5 6 7 8 9; do
  ta=$(once 'Startup benchmark' "$PMORTEM_BIN" "$DOC")
  tb=$(once 'big.pmortem' gnome-text-editor --standalone --ignore-session "$DOC")
  [ $run -gt 0 ] && a+=($ta) && b+=($tb)     # the first pair warms the caches
done
median () { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
echo "pmortem:           median $(median "${a[@]}") ms (runs: ${a[*]})"
echo "gnome-text-editor: median $(median "${b[@]}") ms (runs: ${b[*]})"
SH
chmod +x "$work/measure.sh"

export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=memory GDK_BACKEND=x11 GSK_RENDERER=cairo
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
export PMORTEM_BIN="$build/src/pmortem" DOC="$work/big.pmortem"
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" "$work/measure.sh" 2>/dev/null
