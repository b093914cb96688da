#!/usr/bin/env bash
# Installs what the tests need (redis-server, PostgreSQL and chromium, via apt-get when missing), builds, checks the code
# style, and runs every test. The tests start their own redis-server and postgres processes on free loopback ports
# (postgres as an unprivileged user when run as root, see tests/TestSupport/PostgresServer.cs) and drive chromium
# through Playwright's bundled driver; nothing else is used and nothing is downloaded at run time.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
  echo "==> Installing redis-server (apt-get)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
fi
echo "==> $(redis-server --version)"

# The read-model tests look for the server binaries under /usr/lib/postgresql/*/bin, never on PATH (an initdb elsewhere
# on PATH may belong to another installation).
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "==> Installing PostgreSQL (apt-get)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
POSTGRES="$(ls -d /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n 1)"
echo "==> $("$POSTGRES" --version) ($POSTGRES)"

# The browser tests (tests/Browser.Tests) drive Debian's Chromium through Playwright's bundled driver; nothing is
# downloaded at run time.
if [ ! -x /usr/bin/chromium ]; then
  echo "==> Installing chromium (apt-get)"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
echo "==> $(/usr/bin/chromium --version 2>/dev/null)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

CONFIGURATION="${CONFIGURATION:-Release}"
echo "==> Building ($CONFIGURATION)"
dotnet build GridTokenX.slnx -c "$CONFIGURATION" -nologo -clp:ErrorsOnly

echo "==> Checking code style (.editorconfig)"
if ! dotnet format GridTokenX.slnx --verify-no-changes --no-restore; then
  echo "Code style differs from .editorconfig: run 'dotnet format GridTokenX.slnx' and commit the result." >&2
  exit 1
fi

echo "==> Testing"
log=$(mktemp)
status=0
dotnet test GridTokenX.slnx -c "$CONFIGURATION" --no-build -nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
