#!/usr/bin/env bash
# Set up pliego on a fresh Debian machine (Python 3.11 + pip).
#   bash scripts/setup.sh          what `invoke build` needs
#   bash scripts/setup.sh --test   plus what the test suite needs
# Debian packages are installed with apt-get when missing (as root, or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

# gettext: msgfmt/msgmerge (checks, benchmarks); pango: WeasyPrint's text layout; libharfbuzz-subset0: 4x faster font subsetting
# in WeasyPrint; poppler-utils: pdfinfo/pdffonts/pdftotext for PDF checks; apertium-eng-spa: the
# offline English->Spanish engine of `invoke prefill`; libunistring2: msgcat's line breaking, which
# the .po writer calls through ctypes to wrap exactly alike (gettext depends on it, but pliego
# loads it itself, so it is named here).
packages=(gettext libunistring2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
          apertium apertium-eng-spa)
extra=""
if [ "${1:-}" = "--test" ]; then
  # chromium: the end-to-end test of the download site (driven by Playwright); npm: the
  # test-only JavaScript of package.json (axe-core, the CommonMark spec), unless Node has it;
  # qpdf: its --check of the tagged reading edition after the Artifact pass.
  packages+=(chromium qpdf)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
  extra="[test]"
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's own python3 is "externally managed" (PEP 668) and refuses pip installs outside a
# virtualenv. The quick start promises two commands on a fresh machine, with `invoke` on PATH
# afterwards, so there we install beside Debian's packages, as PEP 668 allows on request.
pip_env=()
stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_path("stdlib"))')
if [ -z "${VIRTUAL_ENV:-}" ] && [ -e "$stdlib/EXTERNALLY-MANAGED" ]; then
  echo "Debian's Python is externally managed: installing pliego beside its packages"
  pip_env=(env PIP_BREAK_SYSTEM_PACKAGES=1)
fi
"${pip_env[@]}" python3 -m pip install --quiet --disable-pip-version-check -e ".${extra}"
if [ -n "$extra" ]; then
  # axe-core (accessibility rules the browser tests run) and commonmark-spec (the examples
  # the Markdown round trip is tested on), at the versions package-lock.json pins.
  npm ci --no-audit --no-fund --silent
fi
command -v pyenv >/dev/null 2>&1 && pyenv rehash || true
# The merge driver .gitattributes names for .po/.pot files (docs/weblate.md): git reads drivers
# only from its config, never from the repository, so each clone registers it once.
if git rev-parse --git-dir >/dev/null 2>&1; then
  git config merge.pliego-po.name "pliego: merge PO files entry by entry"
  git config merge.pliego-po.driver "python3 -m pliego.cli.merge_driver %O %A %B %P"
fi
if ! command -v invoke >/dev/null 2>&1; then
  echo "note: pip put the 'invoke' command in $(python3 -m site --user-base)/bin;" \
       "add that folder to PATH (or log in again) to use it" >&2
fi
