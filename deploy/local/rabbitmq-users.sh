#!/usr/bin/env bash
# Gives each service its own RabbitMQ user with the permissions of deploy/broker-permissions.tsv (ADR 013):
#   deploy/local/rabbitmq-users.sh [--vhost /] [--secrets deploy/local/.secrets] [--user-prefix P]
# (--user-prefix names the users P<service>, for tests that must not touch the local run's users;
# --print-definitions prints the definitions JSON, password hashes only, instead of loading it, e.g. for a
# broker that loads definitions at start.)
# Safe to run again: one `rabbitmqctl import_definitions` creates a missing user and sets every user's
# password (the one in its secrets file) and permissions to what the table says. Passwords are generated on first
# use, for the local run only (demo secrets), into <secrets>/rabbitmq-<user>.password (mode 600, ignored by git);
# nothing secret is printed or written elsewhere. Needs rabbitmqctl on the broker's machine with the right to use
# it (root, the rabbitmq user, or passwordless sudo). The guest user is left alone: the tests use it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
table="$here/../broker-permissions.tsv"
vhost="/"
secrets="$here/.secrets"
prefix=""
print=0
while [ $# -gt 0 ]; do
  case "$1" in
    --vhost) vhost="$2"; shift 2 ;;
    --secrets) secrets="$2"; shift 2 ;;
    --user-prefix) prefix="$2"; shift 2 ;;
    --print-definitions) print=1; shift ;;
    *) echo "usage: deploy/local/rabbitmq-users.sh [--vhost NAME] [--secrets DIR] [--user-prefix P] [--print-definitions]" >&2
       exit 2 ;;
  esac
done

fail() { printf 'rabbitmq-users.sh: %s\n' "$*" >&2; exit 1; }


# user -> anchored configure / write / read expressions, from the table.
declare -A configure write read
order=()
while read -r user perms resource _; do
  case "$user" in ''|'#'*) continue ;; esac
  [[ "$perms" =~ ^[c-][w-][r-]$ ]] || fail "$table: bad permissions '$perms' for $user"
  if [ -z "${configure[$user]+x}" ]; then order+=("$user"); configure[$user]=""; write[$user]=""; read[$user]=""; fi
  if [ "${perms:0:1}" = c ]; then configure[$user]+="${configure[$user]:+|}$resource"; fi
  if [ "${perms:1:1}" = w ]; then write[$user]+="${write[$user]:+|}$resource"; fi
  if [ "${perms:2:1}" = r ]; then read[$user]+="${read[$user]:+|}$resource"; fi
done <"$table"
anchored() { if [ -z "$1" ]; then printf '^$'; else printf '^(%s)$' "$1"; fi; }
json() { local s="${1//\\/\\\\}"; printf '"%s"' "${s//\"/\\\"}"; }
hex2bin() { printf '%b' "$(printf %s "$1" | sed 's/../\\x&/g')"; }
# RabbitMQ's rabbit_password_hashing_sha256: base64(salt ++ sha256(salt ++ password)), 4 random salt bytes.
password_hash() {
  local salt digest
  salt="$(od -An -tx1 -N4 /dev/urandom | tr -d ' \n')"
  digest="$({ hex2bin "$salt"; cat "$1"; } | sha256sum | cut -c1-64)"
  { hex2bin "$salt"; hex2bin "$digest"; } | base64 | tr -d '\n'
}

mkdir -p "$secrets"
chmod 700 "$secrets"
users="" permissions=""
for user in "${order[@]}"; do
  file="$secrets/rabbitmq-$user.password"
  if [ ! -s "$file" ]; then
    # Demo password for the local run only; 24 random bytes as hex, so it needs no escaping in a URI.
    (umask 077; od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$file")
  fi
  users+="${users:+,}{\"name\":$(json "$prefix$user"),\"password_hash\":\"$(password_hash "$file")\","
  users+="\"hashing_algorithm\":\"rabbit_password_hashing_sha256\",\"tags\":[],\"limits\":{}}"
  permissions+="${permissions:+,}{\"user\":$(json "$prefix$user"),\"vhost\":$(json "$vhost"),"
  permissions+="\"configure\":$(json "$(anchored "${configure[$user]}")"),"
  permissions+="\"write\":$(json "$(anchored "${write[$user]}")"),\"read\":$(json "$(anchored "${read[$user]}")")}"
done
vhosts=""
[ "$vhost" = / ] || vhosts="{\"name\":$(json "$vhost")}"
definitions="$(printf '{"vhosts":[%s],"users":[%s],"permissions":[%s]}' "$vhosts" "$users" "$permissions")"
if [ "$print" = 1 ]; then printf '%s\n' "$definitions"; exit 0; fi

command -v rabbitmqctl >/dev/null 2>&1 || fail "rabbitmqctl is not installed (it comes with rabbitmq-server)"
# One rabbitmqctl call (each starts an Erlang VM): users, passwords and permissions are set as the table says,
# whatever was there before. The definitions go through stdin: Debian's rabbitmqctl runs as the rabbitmq user,
# who cannot read the secrets directory. As this user if it may, else through passwordless sudo.
load_definitions() { "$@" -q import_definitions --format json <<<"$definitions"; }
if ! error="$(load_definitions rabbitmqctl 2>&1 >/dev/null)"; then
  if [ "$(id -u)" = 0 ] || ! command -v sudo >/dev/null 2>&1 || ! load_definitions sudo -n rabbitmqctl >/dev/null 2>&1; then
    fail "rabbitmqctl could not set the users (run as root or as the rabbitmq user, or allow sudo rabbitmqctl): $error"
  fi
fi
printf 'RabbitMQ users for vhost %s: %s (passwords in %s)\n' "$vhost" "${order[*]/#/$prefix}" "$secrets"
