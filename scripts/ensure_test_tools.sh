#!/usr/bin/env bash
# Tools some tests drive that pip cannot bring: Debian's Chromium (Playwright cannot download its own browser
# here) and docker-compose v1 (validates docker-compose.yml without a Docker engine).
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v docker-compose >/dev/null || missing+=(docker-compose)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "warning: missing ${missing[*]}; the tests that need them will be skipped (sudo apt-get install ${missing[*]})" >&2
fi
exit 0
