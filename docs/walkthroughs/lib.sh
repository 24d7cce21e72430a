# shellcheck shell=bash
# Shared helpers for the README's curl walk-throughs (docs/WALKTHROUGHS.md).
#
# Source it from a walk-through script:  . "$(dirname "$0")/lib.sh"
#
# Settings (environment):
#   EDUGROUPS_URL   base URL of a running server (default http://127.0.0.1:8080)
#   EDUGROUPS_BIN   the edugroups binary, for `token` and `client create` (default: `edugroups` on
#                   PATH, else ./target/release/edugroups if built, else ./target/debug/edugroups).
#                   Run the scripts from the server's working directory, so that `token` finds
#                   the same ./data/dev-jwt-secret and `client create` the same database (or
#                   export the same EDUGROUPS_JWT_SECRET and DATABASE_URL as the server).
#   WT_BODY_CHARS   how much of each answer's body to print (default 600; 0 = all of it)
#
# What `call` leaves behind, for the script to inspect:
#   STATUS (the HTTP status), BODY (the answer's body), HEADERS (the answer's headers, CRLF removed).
#   `etag`, `location`, `header NAME` print one header; `jqr FILTER` runs `jq -r` on BODY;
#   `take FILTER` does the same but fails when the result is empty or null (ids, ETags);
#   `expect FILTER VALUE` and `expect_true FILTER` check the answer.

set -euo pipefail

EDUGROUPS_URL=${EDUGROUPS_URL:-http://127.0.0.1:8080}
EDUGROUPS_URL=${EDUGROUPS_URL%/}
if [ -z "${EDUGROUPS_BIN:-}" ]; then
  if command -v edugroups >/dev/null 2>&1; then
    EDUGROUPS_BIN=$(command -v edugroups)
  elif [ -x ./target/release/edugroups ]; then
    EDUGROUPS_BIN=./target/release/edugroups
  else
    EDUGROUPS_BIN=./target/debug/edugroups
  fi
fi
WT_BODY_CHARS=${WT_BODY_CHARS:-600}
# Truncated bodies are cut by characters, not bytes (the answers are mostly Chinese).
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in *UTF-8* | *utf8* | *UTF8* | *utf-8*) ;; *) export LC_ALL=C.UTF-8 ;; esac
WT_SCRIPT=$(basename "$0")
WT_STEP="(start)"
AS_TOKEN=""
AS_LABEL=""
STATUS=""
BODY=""
HEADERS=""

# ---------------------------------------------------------------------------------------------
# Failing, steps, tokens

fail() {
  {
    echo
    echo "FAIL [$WT_SCRIPT] step ${WT_STEP}: $*"
  } >&2
  exit 1
}

# Any other command that fails at the top level of a script (jq on a missing field, the binary)
# says where it was.
on_err() {
  local rc=$?
  echo >&2
  echo "FAIL [$WT_SCRIPT] step ${WT_STEP}: command failed (exit $rc) at line $1: $2" >&2
}
trap 'on_err "$LINENO" "$BASH_COMMAND"' ERR

# step "3. Register a school": a heading for what follows.
step() {
  WT_STEP=$1
  printf '\n== %s\n' "$1"
}

# note TEXT: a line of commentary in the output.
note() { printf '# %s\n' "$*"; }

# edugroups ARGS...: the binary (token, client create, ...).
edugroups() { "$EDUGROUPS_BIN" "$@"; }

# mint ARGS...: `edugroups token ARGS...`, checked.
mint() {
  local t
  t=$("$EDUGROUPS_BIN" token "$@") || fail "edugroups token $* failed"
  [ -n "$t" ] || fail "edugroups token $* printed nothing"
  printf '%s' "$t"
}

# as TOKEN: the bearer token of the following calls ("" or "-": none).
as() {
  if [ "${1:-}" = "-" ]; then AS_TOKEN=""; else AS_TOKEN=${1:-}; fi
  AS_LABEL=""
  if [ -n "$AS_TOKEN" ]; then AS_LABEL=$(who "$AS_TOKEN"); fi
}

# who TOKEN: "sub (role)" from a JWT's payload, for the output.
who() {
  local p
  p=$(cut -d. -f2 <<<"$1" | tr '_-' '/+')
  while [ $(( ${#p} % 4 )) -ne 0 ]; do p="$p="; done
  base64 -d <<<"$p" 2>/dev/null | jq -r '"\(.sub) (\(.role)\(if .county then ", " + .county else "" end))"' 2>/dev/null ||
    echo "?"
}

# ---------------------------------------------------------------------------------------------
# The HTTP call

# call [-q] STATUS METHOD PATH [curl args...]
#   Sends the request (with the token of `as`, and Content-Type: application/json when a body is
#   given with -d and no Content-Type is), prints it and the answer as the README shows them, and
#   fails the script unless the answer's status is STATUS. -q prints nothing (but still checks).
call() {
  local quiet=0
  if [ "${1:-}" = "-q" ]; then quiet=1; shift; fi
  [ $# -ge 3 ] || fail "call needs STATUS METHOD PATH (got: $*)"
  local want=$1 method=$2 path=$3
  shift 3
  local url=$path
  case $url in http://* | https://*) ;; *) url="$EDUGROUPS_URL$path" ;; esac

  local -a args=("$@")
  local has_body=0 has_ct=0 a body="" i
  for ((i = 0; i < ${#args[@]}; i++)); do
    a=${args[i]}
    case $a in
      -d | --data | --data-raw | --data-binary | --data-urlencode)
        has_body=1
        body+="${body:+&}${args[i + 1]:-}"
        ;;
    esac
    if [ "$a" = "-H" ] && [[ ${args[i + 1]:-} =~ ^[Cc]ontent-[Tt]ype: ]]; then has_ct=1; fi
  done
  local -a extra=()
  if [ -n "$AS_TOKEN" ]; then extra+=(-H "Authorization: Bearer $AS_TOKEN"); fi
  if [ $has_body = 1 ] && [ $has_ct = 0 ]; then extra+=(-H 'Content-Type: application/json'); fi

  if [ $quiet = 0 ]; then
    local line="\$ $method $path"
    [ -n "$AS_TOKEN" ] && line+="    # as $AS_LABEL"
    echo "$line"
    for ((i = 0; i < ${#args[@]}; i++)); do
      if [ "${args[i]}" = "-H" ] || [ "${args[i]}" = "--header" ]; then
        case ${args[i + 1]} in [Cc]ontent-[Tt]ype:*) ;; *) echo "  ${args[i + 1]}" ;; esac
      fi
    done
    if [ -n "$body" ]; then
      body=$(sed -E 's/(client_secret=)[^&]*/\1…/g' <<<"$body")
      echo "  $(jq -c . <<<"$body" 2>/dev/null || printf '%s' "$body")"
    fi
  fi

  local hfile bfile code
  hfile=$(mktemp) bfile=$(mktemp)
  if ! code=$(curl -sS -X "$method" "$url" -D "$hfile" -o "$bfile" -w '%{http_code}' \
    "${extra[@]}" "${args[@]}"); then
    rm -f "$hfile" "$bfile"
    fail "$method $path: curl could not reach $EDUGROUPS_URL"
  fi
  STATUS=$code
  HEADERS=$(tr -d '\r' <"$hfile")
  BODY=$(cat "$bfile")
  rm -f "$hfile" "$bfile"

  if [ $quiet = 0 ] || [ "$STATUS" != "$want" ]; then
    sed -n '1p' <<<"$HEADERS"
    grep -iE '^(etag|location|idempotent-replayed|content-type|allow|retry-after):' <<<"$HEADERS" || true
    if [ -n "$BODY" ]; then
      local shown
      shown=$(jq -c . <<<"$BODY" 2>/dev/null || printf '%s' "$BODY")
      if [ "$STATUS" = "$want" ] && [ "$WT_BODY_CHARS" -gt 0 ] && [ ${#shown} -gt "$WT_BODY_CHARS" ]; then
        shown="${shown:0:$WT_BODY_CHARS}…"
      fi
      echo
      echo "$shown"
    fi
    echo
  fi
  if [ "$STATUS" != "$want" ]; then
    fail "$method $path: expected HTTP $want, got HTTP $STATUS (answer above)"
  fi
}

# header NAME: a header of the last answer (case-insensitive; value only).
header() {
  awk -v n="$(tr '[:upper:]' '[:lower:]' <<<"$1")" -F': ' \
    'tolower($1) == n { sub(/^[^:]*: /, ""); print; exit }' <<<"$HEADERS"
}
# etag: the last answer's ETag value, without its quotes.
etag() {
  local e
  e=$(header etag)
  e=${e#W/}
  e=${e#\"}
  e=${e%\"}
  [ -n "$e" ] || fail "the answer has no ETag"
  printf '%s' "$e"
}
location() { header location; }

# ---------------------------------------------------------------------------------------------
# jq on the last answer

# jqr FILTER [jq args...]: jq -r FILTER on the last answer's body.
jqr() {
  local f=$1
  shift
  jq -r "$@" "$f" <<<"$BODY" || fail "jq '$f' failed on the answer"
}

# take FILTER [jq args...]: like jqr, but the value must be there (not empty, not null).
take() {
  local v
  v=$(jqr "$@")
  if [ -z "$v" ] || [ "$v" = null ]; then fail "no value for '$1' in the answer: $BODY"; fi
  printf '%s' "$v"
}

# expect FILTER VALUE: jq -rc FILTER on the body must print VALUE exactly (objects and arrays
# compact, strings raw).
expect() {
  local got
  got=$(jq -rc "$1" <<<"$BODY" 2>/dev/null) || fail "jq '$1' failed on the answer: $BODY"
  if [ "$got" != "$2" ]; then
    fail "expected $1 to be '$2', got '$got'"
  fi
  printf '  ok: %s == %s\n' "$1" "$2"
}

# expect_true FILTER [DESCRIPTION]: jq -e FILTER on the body must be true.
expect_true() {
  local f=$1 what=${2:-$1}
  if ! jq -e "$f" <<<"$BODY" >/dev/null 2>&1; then
    fail "expected: $what  (jq -e '$f' is not true on: ${BODY:0:800})"
  fi
  printf '  ok: %s\n' "$what"
}

# expect_eq GOT WANT DESCRIPTION: two shell values must be equal.
expect_eq() {
  [ "$1" = "$2" ] || fail "expected $3 to be '$2', got '$1'"
  printf '  ok: %s == %s\n' "$3" "$2"
}

# ---------------------------------------------------------------------------------------------
# Start of a script: tools, server, secret.

wt_begin() {
  local t
  for t in curl jq; do
    command -v "$t" >/dev/null 2>&1 || fail "$t is needed (Debian package $t)"
  done
  [ -x "$EDUGROUPS_BIN" ] || command -v "$EDUGROUPS_BIN" >/dev/null 2>&1 ||
    fail "no edugroups binary at '$EDUGROUPS_BIN' (set EDUGROUPS_BIN)"
  curl -sSf "$EDUGROUPS_URL/ready" >/dev/null 2>&1 ||
    fail "no server ready at $EDUGROUPS_URL (set EDUGROUPS_URL, start the server)"
  if [ -z "${EDUGROUPS_JWT_SECRET:-}" ] && [ ! -f ./data/dev-jwt-secret ]; then
    fail "no ./data/dev-jwt-secret here ($(pwd)): run from the server's working directory"
  fi
  local probe
  probe=$(mint --sub walkthrough-probe --role inspector)
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$EDUGROUPS_URL/api/v1/auth/whoami" \
    -H "Authorization: Bearer $probe")" = 200 ] ||
    fail "the server refuses tokens from '$EDUGROUPS_BIN token' here: run from the server's working directory (same ./data/dev-jwt-secret, same EDUGROUPS_JWT_* settings)"
  echo "# $WT_SCRIPT against $EDUGROUPS_URL ($(curl -s "$EDUGROUPS_URL/ready" | jq -r .database)), binary $EDUGROUPS_BIN"
}

# wt_end: the last line of a successful run.
wt_end() {
  WT_STEP="(end)"
  echo
  echo "PASS [$WT_SCRIPT]"
}
