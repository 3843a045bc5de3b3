#!/usr/bin/env bash
# The programs the browser and hosting tests drive, from Debian's packages: Chromium, nginx,
# Apache and Caddy; and Hugo, the benchmark's yardstick (its test runs the bench on 20 reports). `npm test` runs this first, so a fresh machine needs nothing else. Installs
# what is missing when it can (root and apt-get); otherwise says what to install and stops.
set -euo pipefail

declare -A binary=(
  [chromium]="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [nginx]="${NGINX_PATH:-/usr/sbin/nginx}"
  [apache2-bin]="${APACHE_PATH:-/usr/sbin/apache2}"
  [caddy]="${CADDY_PATH:-/usr/bin/caddy}"
  [hugo]="${HUGO_PATH:-/usr/bin/hugo}"
)
missing=()
for package in chromium nginx apache2-bin caddy hugo; do
  [ -x "${binary[$package]}" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "npm test needs these programs, which are not installed: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  echo "(or point CHROMIUM_PATH, NGINX_PATH, APACHE_PATH, CADDY_PATH, HUGO_PATH at existing binaries)" >&2
  exit 1
fi
echo "installing the test programs: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
  echo "could not install ${missing[*]} with apt-get: install them by hand, then run npm test again" >&2
  exit 1
fi
