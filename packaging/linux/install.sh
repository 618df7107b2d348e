#!/usr/bin/env bash
# Install the built app for the current user on Linux: the one-folder app goes to
# ~/.local/lib/colearn, a `colearn` link to ~/.local/bin, the desktop entry and icons to
# ~/.local/share.  Run from the repository after `python packaging/build.py`, or pass the
# app folder:  packaging/linux/install.sh [dist/colearn]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
app=${1:-$root/dist/colearn}
icons=${ICONS:-$root/build/icons/hicolor}
[ -x "$app/colearn" ] || { echo "no built app at $app (run python packaging/build.py)" >&2; exit 1; }
[ -d "$icons" ] || { echo "no icons at $icons (run python packaging/make_icons.py)" >&2; exit 1; }

data=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/lib/colearn
rm -rf "$target.new"
mkdir -p "$HOME/.local/lib" "$HOME/.local/bin" "$data/applications"
cp -a "$app" "$target.new"
rm -rf "$target" && mv "$target.new" "$target"
ln -sf "$target/colearn" "$HOME/.local/bin/colearn"
for size_dir in "$icons"/*/; do
    size=$(basename "$size_dir")
    mkdir -p "$data/icons/hicolor/$size/apps"
    cp "$size_dir/apps/colearn.png" "$data/icons/hicolor/$size/apps/colearn.png"
done
sed "s|@EXEC@|$target/colearn|" "$here/colearn.desktop.in" > "$data/applications/colearn.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "Installed CoLearn in $target; start it from your applications menu or with: colearn"
