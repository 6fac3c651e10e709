#!/usr/bin/env bash
# npm run screenshots [-- DIR]: shows the newsletter and the hostile sample (examples/) in a real
# terminal, a VTE widget (GNOME Terminal's) under Xvfb, and saves each window as
# DIR/screenshot-NAME.png (default docs/) with ImageMagick's `import`. Without Xvfb, VTE for
# Python or `import` it says what is missing ("skipped: ...") and exits 0; `--check` only checks.
# Debian: apt-get install xvfb python3-gi gir1.2-vte-2.91 imagemagick fonts-dejavu-core optipng
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs}
xvfb=${XVFB:-Xvfb}
# Debian's python3, which has the gi module (a python3 earlier on the PATH, pyenv's say, may not).
python=${SCREENSHOT_PYTHON:-/usr/bin/python3}
columns=100 rows=32

skip() {
  echo "skipped: $*"
  exit 0
}
command -v "$xvfb" >/dev/null || skip "$xvfb not installed (Debian package xvfb)"
command -v import >/dev/null || skip "import not installed (Debian package imagemagick)"
[ -x "$python" ] || skip "$python not found (Debian package python3)"
"$python" -c 'import gi; gi.require_version("Gtk", "3.0"); gi.require_version("Vte", "2.91"); from gi.repository import Gtk, Vte, GdkX11' 2>/dev/null ||
  skip "VTE for $python not installed (Debian packages python3-gi gir1.2-vte-2.91)"
[ "$(fc-match -f '%{family}' 'DejaVu Sans Mono' 2>/dev/null)" = 'DejaVu Sans Mono' ] ||
  skip "font DejaVu Sans Mono not installed (Debian package fonts-dejavu-core)"
if [ "$out" = --check ]; then
  echo 'ready: Xvfb, VTE and import found'
  exit 0
fi
[ -f dist/mailview.cjs ] || { echo 'screenshots: dist/mailview.cjs missing; run npm run build' >&2; exit 1; }

tmp=$(mktemp -d)
xpid=
cleanup() {
  [ -z "$xpid" ] || kill "$xpid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# -displayfd: Xvfb picks a free display number and writes it to fd 3 once it accepts clients.
"$xvfb" -displayfd 3 -screen 0 1600x1200x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xpid=$!
for _ in $(seq 100); do
  [ -s "$tmp/display" ] && break
  kill -0 "$xpid" 2>/dev/null || { echo "screenshots: $xvfb did not start: $(tail -n 3 "$tmp/xvfb.log")" >&2; exit 1; }
  sleep 0.1
done
[ -s "$tmp/display" ] || { echo "screenshots: $xvfb gave no display within 10 s" >&2; exit 1; }

mkdir -p "$out" "$tmp/home"
shoot() { # NAME ARGS: `mailview ARGS` typed at a prompt, then mailview in its pager (less, as set up by default)
  local name=$1 args=$2
  env -u PAGER -u MAILVIEW_PAGER -u LESS -u NODE_OPTIONS -u COLUMNS \
    DISPLAY=":$(cat "$tmp/display")" GDK_BACKEND=x11 NO_AT_BRIDGE=1 HOME="$tmp/home" XDG_CACHE_HOME="$tmp/home/.cache" \
    MAILVIEW_SNAPSHOT=0 LANG=C.UTF-8 \
    "$python" scripts/screenshot-terminal.py "$tmp/$name.png" "$columns" "$rows" "mailview $args" node bin/mailview.js $args
  # 64 colours keep the antialiased text crisp at a fraction of the size.
  convert "$tmp/$name.png" -dither None -colors 64 -define png:exclude-chunks=date,time "PNG8:$out/screenshot-$name.png"
  if command -v optipng >/dev/null; then optipng -quiet -o2 "$out/screenshot-$name.png"; fi
  echo "wrote $out/screenshot-$name.png ($(($(wc -c <"$out/screenshot-$name.png") / 1024)) KiB)"
}
shoot newsletter '--sample'
shoot hostile '--sample hostile'
