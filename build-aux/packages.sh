# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by build-aux/run and build-aux/test: the Debian 12 packages the project needs, and a
# function that installs the missing ones.

build_packages=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libarchive-dev
  libgtk-4-dev libadwaita-1-dev libpango1.0-dev libcairo2-dev
  libsoup-3.0-dev libgnutls28-dev libqrencode-dev
  desktop-file-utils appstream
)

# Display tests under Xvfb, driven through the accessibility tree; the schema check; readers
# for what the exports write; a real browser for the live session's participant page.
test_packages=(
  strace xvfb xauth xdotool dbus dbus-x11 at-spi2-core python3-pyatspi python3-gi
  python3-jsonschema python3-icalendar cmark cmark-gfm poppler-utils fonts-dejavu-core fonts-cantarell adwaita-icon-theme
  chromium chromium-driver python3-selenium
)

ensure_packages () {
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages. Install them with:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

setup_build () {
  if [ -f _build/build.ninja ]; then
    meson setup --reconfigure _build >/dev/null
  else
    meson setup _build
  fi
  meson compile -C _build
}
