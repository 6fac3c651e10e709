#!/bin/sh
":" /*
# Run as a command (mutt runs `mailview`), this file is a shell script that starts Node from the
# start-up snapshot made for this Node binary and this build (docs/performance.md), or else runs
# this same file as the JavaScript below; to JavaScript (`node bin/mailview.js`) all of it is a
# string and a comment. Nothing here may print: anything unexpected means the plain path.
self=$0
[ -L "$self" ] && self=$(readlink -f -- "$self")
node=$(command -v node) || { echo 'mailview: node: not found' >&2; exit 127; }
# Node 20 reads and parses these certificates at start-up (~40 ms for a system bundle); mailview
# opens no connection, so it never needs them.
unset NODE_EXTRA_CA_CERTS
# Node refuses a snapshot made under other V8 flags (exit 14), and NODE_OPTIONS may hold some.
[ "${MAILVIEW_SNAPSHOT-}" = 0 ] || [ -n "${NODE_OPTIONS-}" ] && exec "$node" "$self" "$@"
case ${XDG_CACHE_HOME-} in
/*) cache=$XDG_CACHE_HOME/mailview ;;
*) [ -n "${HOME-}" ] || exec "$node" "$self" "$@"; cache=$HOME/.cache/mailview ;;
esac
# The bundle's first line is `// mailview build HASH`; the index names the snapshot for that build:
# `NODE BLOB FILE FLAGS`, where NODE and BLOB are size-mtime-inode of the Node binary and of FILE,
# and FLAGS the V8 flags it was made with (Node refuses it under others).
read -r _ _ _ build 2>/dev/null < "${self%/*}/../dist/mailview.cjs" || exec "$node" "$self" "$@"
want= blob=- file=- flags=
[ -r "$cache/snapshot-$build" ] && read -r want blob file flags < "$cache/snapshot-$build"
have=$(stat -L --printf '%s-%Y-%i ' -- "$node" "$cache/$file" 2>/dev/null)
# Node reads the whole snapshot into memory it allocates with malloc and V8 copies out of it: with
# glibc's malloc asking for transparent huge pages, that takes a few faults instead of thousands of
# 4 KiB ones (most of a small mail's system time). Other glibc tunables the user set are kept.
[ "$have" = "$want $blob " ] && GLIBC_TUNABLES=${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.hugetlb=1 exec "$node" $flags --snapshot-blob "$cache/$file" "$self" "$@"
# None for this Node yet (or this Node cannot make one): from the second run on (the first one
# made the cache directory), the run asks for one to be made after it.
node_id=${have%% *}
[ -n "$node_id" ] && [ -d "$cache" ] && { [ "$blob" != - ] || [ "$node_id" != "$want" ]; } && export MAILVIEW_SNAPSHOT_BUILD="$cache/snapshot-$build $node_id"
exec "$node" "$self" "$@"
*/
// Runs the bundle that `npm run build` writes (run automatically by `npm install`), through a code cache.
require('../dist/boot.cjs').boot(require('node:path').join(__dirname, '../dist/mailview.cjs'));
