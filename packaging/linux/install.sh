#!/usr/bin/env bash
# Install the built app (dist/legday, from packaging/build.sh) for one user or system-wide:
#   packaging/linux/install.sh              # into ~/.local
#   sudo packaging/linux/install.sh /usr/local
# Puts the folder in PREFIX/lib/legday, the command in PREFIX/bin, and the desktop entry,
# AppStream file and icons where desktops look for them. Installing again replaces them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mkdir -p "${1:-$HOME/.local}"
prefix="$(cd "${1:-$HOME/.local}" && pwd)"  # absolute: the links and the menu entry use it
app_id="io.github.legday.legday"
old_id="io.github.legday.Legday"  # the id before 0.2 (AppStream ids are lower case)

if [ ! -x "$root/dist/legday/legday" ]; then
    echo "install.sh: $root/dist/legday is missing; run packaging/build.sh first" >&2
    exit 1
fi
mkdir -p "$prefix/lib" "$prefix/bin"
rm -rf "$prefix/lib/legday.new"
cp -a "$root/dist/legday" "$prefix/lib/legday.new"
rm -rf "$prefix/lib/legday"
mv "$prefix/lib/legday.new" "$prefix/lib/legday"
ln -sfn "$prefix/lib/legday/legday" "$prefix/bin/legday"

# The menu entry runs the installed command by its full path: PREFIX/bin may not be
# on the desktop session's PATH.
mkdir -p "$prefix/share/applications"
sed "s|^Exec=legday|Exec=\"$prefix/bin/legday\"|" "$here/$app_id.desktop" \
    > "$prefix/share/applications/$app_id.desktop"
chmod 644 "$prefix/share/applications/$app_id.desktop"
install -Dm644 "$here/$app_id.metainfo.xml" "$prefix/share/metainfo/$app_id.metainfo.xml"
(cd "$here/icons" && find hicolor -type f) | while read -r icon; do
    install -Dm644 "$here/icons/$icon" "$prefix/share/icons/$icon"
done
# An install of the id before 0.2 would list Legday twice: its files go.
rm -f "$prefix/share/applications/$old_id.desktop" "$prefix/share/metainfo/$old_id.metainfo.xml"
find "$prefix/share/icons/hicolor" -name "$old_id.*" -delete 2>/dev/null || true
# Refresh the desktop's caches where the tools are there (they are optional).
if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$prefix/share/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
fi
echo "Installed Legday in $prefix (run: $prefix/bin/legday)."
