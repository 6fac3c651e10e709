#!/usr/bin/env bash
# Unpack packages of Debian's next release (less 668, aerc 0.20) for the end-to-end
# tests, without touching the system: `apt-get download` through a private apt configuration
# made from this system's own sources with the suite renamed, then `dpkg-deb -x` into one root.
#
#   bash scripts/debian-next.sh less aerc
#
# The root is $MAILVIEW_DEBIAN_NEXT (default ~/.cache/mailview-tests/debian-next); a package
# already unpacked there is skipped, so a second run needs no network. test/helpers/debian-next.ts
# finds the programs there.
set -euo pipefail

die() { echo "debian-next: $*" >&2; exit 1; }
(($#)) || die "usage: debian-next.sh PACKAGE..."
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || die "apt-get and dpkg-deb are needed (Debian)"

root=${MAILVIEW_DEBIAN_NEXT:-$HOME/.cache/mailview-tests/debian-next}
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
# The release after this one; the suite names of the system's sources are renamed to it.
case ${VERSION_CODENAME:-} in
  bullseye) next=bookworm ;;
  bookworm) next=trixie ;;
  trixie) next=forky ;;
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
(cd "$apt/debs" && rm -f ./*.deb && apt-get "${opts[@]}" -qq download "${todo[@]}" </dev/null >/dev/null) ||
  die "apt-get download ${todo[*]} from $next failed"

for p in "${todo[@]}"; do
  deb=$(ls "$apt/debs/${p}_"*.deb)
  dpkg-deb -x "$deb" "$root"
  dpkg-deb -f "$deb" Version >"$done_dir/$p"
  echo "debian-next: $p $(cat "$done_dir/$p") unpacked in $root"
done
