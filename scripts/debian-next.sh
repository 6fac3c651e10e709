#!/usr/bin/env bash
# Unpack packages of a newer Debian suite for the end-to-end tests, without touching the system:
# `apt-get download` through a private apt configuration made from this system's own sources with
# the suite renamed, then `dpkg-deb -x` into one root per suite.
#
#   bash scripts/debian-next.sh less aerc                   # the next release: less 668, aerc 0.20
#   bash scripts/debian-next.sh --suite sid aerc neomutt    # unstable: aerc 0.22, neomutt 20260616
#
# The roots are $MAILVIEW_DEBIAN_NEXT and $MAILVIEW_DEBIAN_SID (default
# ~/.cache/mailview-tests/debian-next and debian-sid); a package already unpacked there is skipped,
# so a second run needs no network. test/helpers/debian-next.ts finds the programs there.
# A program built against a newer C library than the system's cannot load the system's; with
# --suite sid the C library and every library the packages depend on are unpacked beside them,
# and the helper starts the program through that root's own loader.
set -euo pipefail

die() { echo "debian-next: $*" >&2; exit 1; }
suite=next
if [ "${1:-}" = --suite ]; then
  suite=${2:-}
  shift 2 || die "usage: debian-next.sh [--suite next|sid] PACKAGE..."
fi
case $suite in next | sid) ;; *) die "unknown suite '$suite' (next or sid)" ;; esac
(($#)) || die "usage: debian-next.sh [--suite next|sid] PACKAGE..."
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || die "apt-get and dpkg-deb are needed (Debian)"

if [ "$suite" = sid ]; then
  root=${MAILVIEW_DEBIAN_SID:-$HOME/.cache/mailview-tests/debian-sid}
else
  root=${MAILVIEW_DEBIAN_NEXT:-$HOME/.cache/mailview-tests/debian-next}
fi
apt=$root/.apt
done_dir=$root/.unpacked

todo=()
for pkg in "$@"; do
  [ -e "$done_dir/$pkg" ] || todo+=("$pkg")
done
if ((${#todo[@]} == 0)); then
  echo "debian-next: already unpacked in $root: $*"
  exit 0
fi

. /etc/os-release
# The release after this one, or unstable; the suite names of the system's sources are renamed to it
# (bookworm-updates and bookworm-security become sid-updates and sid-security, which do not exist:
# their update fails, and the download takes what the main suite has).
case $suite/${VERSION_CODENAME:-} in
  sid/?*) next=sid ;;
  next/bullseye) next=bookworm ;;
  next/bookworm) next=trixie ;;
  next/trixie) next=forky ;;
  *) die "no next release known after '${VERSION_CODENAME:-unknown}'" ;;
esac

mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs" "$done_dir"
# A copy of the system's sources, suite renamed (bookworm, bookworm-updates, bookworm-security).
rename() { sed -E "/^[[:space:]]*#/!s/\\b${VERSION_CODENAME}\\b/${next}/g" "$1"; }
: >"$apt/sources.list"
[ -f /etc/apt/sources.list ] && rename /etc/apt/sources.list >"$apt/sources.list"
rm -f "$apt/sources.list.d/"*
for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && rename "$f" >"$apt/sources.list.d/$(basename "$f")"
done
grep -rqs "$next" "$apt/sources.list" "$apt/sources.list.d" || die "no Debian source for '$VERSION_CODENAME' found in /etc/apt"

opts=(
  -o "Dir::Etc::sourcelist=$apt/sources.list"
  -o "Dir::Etc::sourceparts=$apt/sources.list.d"
  -o "Dir::State::Lists=$apt/lists"
  -o "Dir::Cache=$apt/cache"
  -o "Debug::NoLocking=1"
)
# As root apt downloads as the _apt user, who cannot enter a private cache under /root.
[ "$(id -u)" = 0 ] && opts+=(-o "APT::Sandbox::User=root")

# A source that has no $next (a third-party one) fails the update but not the download.
apt-get "${opts[@]}" -qq update </dev/null >/dev/null || echo "debian-next: apt-get update for $next reported errors" >&2

# The libraries the packages need, from the same suite: each package's Depends and Pre-Depends
# (the first of each alternative) that are libraries, and theirs in turn. Only for sid, whose
# programs need a newer C library than any stable system has.
libraries() {
  apt-cache "${opts[@]}" depends --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances "$@" </dev/null |
    awk '/^ / { if (!alternative && $2 ~ /^lib/ && $2 !~ /</) print $2; alternative = ($1 ~ /^\|/) }' | sort -u
}
fetch=("${todo[@]}")
if [ "$suite" = sid ]; then
  frontier=("${todo[@]}")
  while ((${#frontier[@]})); do
    found=()
    for lib in $(libraries "${frontier[@]}"); do
      [[ " ${fetch[*]} " == *" $lib "* ]] || found+=("$lib")
    done
    fetch+=("${found[@]}")
    frontier=("${found[@]}")
  done
fi

(cd "$apt/debs" && rm -f ./*.deb && apt-get "${opts[@]}" -qq download "${fetch[@]}" </dev/null >/dev/null) ||
  die "apt-get download ${fetch[*]} from $next failed"

for deb in "$apt/debs/"*.deb; do
  dpkg-deb -x "$deb" "$root"
done
# sid's programs start through sid's own loader and libraries, never the system's: one small
# script per program in $root/run, as the tests run them.
if [ "$suite" = sid ]; then
  mkdir -p "$root/run"
  libs=$root/usr/lib/x86_64-linux-gnu
  for deb in "${todo[@]/#/$apt/debs/}"; do
    for program in $(dpkg-deb -c "$deb"_*.deb | awk '$6 ~ /^\.\/usr\/bin\/./ { sub(/.*\//, "", $6); print $6 }'); do
      printf '#!/bin/sh\nGCONV_PATH=%q/gconv exec %q/ld-linux-x86-64.so.2 --library-path %q %q "$@"\n' \
        "$libs" "$libs" "$libs" "$root/usr/bin/$program" >"$root/run/$program"
      chmod 755 "$root/run/$program"
    done
  done
fi

for p in "${todo[@]}"; do
  deb=$(ls "$apt/debs/${p}_"*.deb)
  dpkg-deb -f "$deb" Version >"$done_dir/$p"
  echo "debian-next: $p $(cat "$done_dir/$p") unpacked in $root"
done
