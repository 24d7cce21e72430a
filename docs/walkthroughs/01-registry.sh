#!/usr/bin/env bash
# Walk-through 1: the registry (README "Walk-through with curl"; docs/WALKTHROUGHS.md).
#
# Needs a server with the demo data (`edugroups seed-demo`), run from the server's working
# directory (see lib.sh). Resets its own data first, so it runs again and again on one server:
# the schools it registers (MOE codes 2152010001-3, found by `?code=`) and their persons (the
# teacher with ID number 11010519491231002X) are deleted, with If-Match, before the story starts.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
wt_begin

SCHOOL_CODES=(2152010001 2152010002 2152010003)

# 1. A token -----------------------------------------------------------------------------------
step "1. A token for an officer of the Duyun (522701) bureau"
TOKEN=$(mint --sub officer-1 --role county_bureau --county 522701)
as "$TOKEN"
note "token for $(who "$TOKEN")"

step "reset: remove what an earlier run registered"
for code in "${SCHOOL_CODES[@]}"; do
  call -q 200 GET "/api/v1/schools?code=$code"
  schools=$(jqr '.items[].id')
  for school in $schools; do
    call -q 200 GET "/api/v1/persons?school_id=$school&limit=200"
    persons=$(jqr '.items[].id')
    for person in $persons; do
      call -q 200 GET "/api/v1/persons/$person"
      call 204 DELETE "/api/v1/persons/$person" -H "If-Match: \"$(etag)\""
    done
    call -q 200 GET "/api/v1/schools/$school"
    call 204 DELETE "/api/v1/schools/$school" -H "If-Match: \"$(etag)\""
  done
done
note "the walk-through's schools ${SCHOOL_CODES[*]} are not registered"

step "1. Where the change feed stands (paged to its end)"
AFTER=0
while :; do
  call -q 200 GET "/api/v1/changes?after=$AFTER&limit=1000"
  AFTER=$(take .next_after)
  [ "$(jqr .has_more)" = true ] || break
done
echo "$AFTER"

# 2. The counties ------------------------------------------------------------------------------
step "2. The counties (public reference data: all 13 divisions)"
call 200 GET /api/v1/counties
expect '.items | length' 13
expect '.items[0] | "\(.code) \(.level) \(.parent_code)"' '522700 prefecture null'
expect '.items[] | select(.code == "522701") | "\(.name_zh) \(.name_en) \(.parent_code)"' '都匀市 Duyun 522700'
expect .next_cursor null

# 3. Register a school -------------------------------------------------------------------------
step "3. Register a school"
call 201 POST /api/v1/schools -d '{"code":"2152010001","name":"都匀市第一小学","county_code":"522701","type_code":"211",
       "urban_rural_code":"111","location":"urban","standing":"quality",
       "uscc":"12522701MB1234567T","staffing_quota":120,
       "address":"都匀市剑江中路 1 号","opened_on":"1956-09-01"}'
SCHOOL=$(take .id)
expect_eq "$(etag)" 1 'ETag'
expect_eq "$(location)" "/api/v1/schools/$SCHOOL" 'Location'
expect .uscc_check_ok true
expect .legal_representative_id null
expect .staffing_quota 120
expect .version 1

# 4. Read it -----------------------------------------------------------------------------------
step "4. Read it, and note the ETag (the row's version)"
call 200 GET "/api/v1/schools/$SCHOOL"
ETAG=$(etag)
expect_eq "$ETAG" 1 'ETag'
expect .code 2152010001
expect .version 1

# 5. Change it ---------------------------------------------------------------------------------
step "5. Change it with If-Match (only the fields sent change)"
call 200 PATCH "/api/v1/schools/$SCHOOL" -H "If-Match: \"$ETAG\"" -d '{"staffing_quota":130}'
expect_eq "$(etag)" 2 'ETag'
expect .staffing_quota 130
expect .name 都匀市第一小学
expect .version 2

step "5. The same request again with the old ETag: 412; without If-Match: 428"
call 412 PATCH "/api/v1/schools/$SCHOOL" -H "If-Match: \"$ETAG\"" -d '{"staffing_quota":130}'
expect .code precondition_failed
expect_true '.status == 412' 'problem status 412'
[[ $(header content-type) == application/problem+json* ]] || fail "412 is not application/problem+json"
call 428 PATCH "/api/v1/schools/$SCHOOL" -d '{"staffing_quota":130}'
expect .code precondition_required

# 6. Register a person -------------------------------------------------------------------------
step "6. Register a person (the resident ID number is checked)"
call 201 POST /api/v1/persons -d '{"name":"王芳","id_number":"11010519491231002X","school_id":'"$SCHOOL"',"title_code":"yj",
       "subject_codes":["13","41"],"is_backbone":true}'
PERSON=$(take .id)
expect_eq "$(location)" "/api/v1/persons/$PERSON" 'Location'
expect .id_number 11010519491231002X
expect .id_number_masked false
expect .school_id "$SCHOOL"
expect .county_code 522701
expect '.subject_codes | join(",")' 13,41
expect .is_backbone true

step "6. An inspector of the same county sees the ID number masked"
INSPECTOR=$(mint --sub inspector-1 --role inspector --county 522701)
as "$INSPECTOR"
call 200 GET "/api/v1/persons/$PERSON"
expect .id_number '1101************2X'
expect .id_number_masked true
as "$TOKEN"

# 7. The change feed ---------------------------------------------------------------------------
step "7. The change feed since step 1: the three changes made since"
call 200 GET "/api/v1/changes?after=$AFTER"
expect '.items | length' 3
expect '[.items[] | "\(.op) \(.entity) \(.id)"] | join(", ")' "created school $SCHOOL, updated school $SCHOOL, created person $PERSON"
expect '[.items[] | .key] | map(tostring) | join(",")' '2152010001,2152010001,null'
expect '[.items[].county_code] | unique | join(",")' 522701
expect_true "[.items[].seq] as \$s | (\$s | sort) == \$s and \$s[0] > $AFTER" 'seq increases, after the starting point'
expect_true '.next_after == .items[-1].seq' 'next_after is the last seq'
expect .has_more false

# 8. Who am I ----------------------------------------------------------------------------------
step "8. Who am I"
call 200 GET /api/v1/auth/whoami
expect .sub officer-1
expect .role county_bureau
expect .role_label 县（市）教育局
expect .county 522701
expect .school null
expect .scope county
expect '.permissions | join(",")' 'registry.read,registry.write,person.id_number.read,changes.read,groups.read,groups.authorize,settings.write,staffing.manage,exchange.record,assessment.manage,funds.record'

# 9. A service account -------------------------------------------------------------------------
step "9. A service account, and a token for it by OAuth 2.0 client credentials"
# Client names are not unique: every run creates a new account of this name.
CLIENT=$(edugroups client create --name provincial-exchange --role integration)
echo "$CLIENT" | sed -E 's/^(client_secret: *).*/\1(shown once; not printed here)/'
CLIENT_ID=$(awk '/^client_id:/ {print $2}' <<<"$CLIENT")
CLIENT_SECRET=$(awk '/^client_secret:/ {print $2}' <<<"$CLIENT")
if [ -z "$CLIENT_ID" ] || [ -z "$CLIENT_SECRET" ]; then fail "client create printed no client_id/client_secret"; fi
grep -q '^role: *integration$' <<<"$CLIENT" || fail "client create did not say role: integration"

as -
call 200 POST /api/v1/oauth/token -H 'Content-Type: application/x-www-form-urlencoded' \
  -d grant_type=client_credentials -d "client_id=$CLIENT_ID" -d "client_secret=$CLIENT_SECRET"
expect .token_type Bearer
expect .expires_in 3600
expect_true '.access_token | startswith("eyJ")' 'access_token is a JWT'
[ "$(header cache-control)" = no-store ] || fail "the token answer lacks Cache-Control: no-store"

note "or with HTTP Basic:"
call 200 POST /api/v1/oauth/token -u "$CLIENT_ID:$CLIENT_SECRET" \
  -H 'Content-Type: application/x-www-form-urlencoded' -d grant_type=client_credentials
INTEGRATION=$(take .access_token)

step "9. The integration's whoami: prefecture scope, the change feed, ID numbers masked"
as "$INTEGRATION"
call 200 GET /api/v1/auth/whoami
expect .sub "client:$CLIENT_ID"
expect .role integration
expect .role_label 数据交换接口
expect .county null
expect .scope prefecture
expect '.permissions | join(",")' 'registry.read,registry.write,changes.read,groups.read'
# Its feed spans every county, so it may hold other counties' changes too.
call 200 GET "/api/v1/changes?after=$AFTER&limit=1000"
expect '[.items[] | select(.county_code == "522701")] | length' 3
call 200 GET "/api/v1/persons/$PERSON"
expect .id_number '1101************2X'
expect .id_number_masked true
as "$TOKEN"

# 10. An error, in English ---------------------------------------------------------------------
step "10. An error, in English: a 422 lists every bad field at once"
call 422 POST /api/v1/schools -H 'Accept-Language: en' \
  -d '{"code":"2133010001","name":"X","county_code":"522701","type_code":"999","urban_rural_code":"111",
       "location":"downtown","standing":"quality","uscc":"12522701MB1234567A","staffing_quota":-1}'
[[ $(header content-type) == application/problem+json* ]] || fail "422 is not application/problem+json"
expect .type https://edugroups.example/problems/validation-failed
expect .title 'Validation failed'
expect .code validation_failed
expect .detail '6 field(s) failed validation.'
expect '[.errors[].field] | join(",")' 'code,name,type_code,location,staffing_quota,uscc'
expect '.errors[] | select(.field == "uscc") | .message' \
  'The check character should be T; if this is an early pilot code, resend with accept_uscc_check_warning: true.'
expect_true '.request_id | length > 0' 'request_id is set'

# 11. A safe retry -----------------------------------------------------------------------------
step "11. A safe retry: the same POST twice with an Idempotency-Key"
# A key stays bound to its first answer, and a later run must not get this run's (deleted) school
# replayed: the key carries the change feed's position of step 1, which moves on every run.
KEY="7c1d-create-school-2-after-$AFTER"
SECOND='{"code":"2152010002","name":"都匀市第二小学","county_code":"522701","type_code":"211",
         "urban_rural_code":"111","location":"urban","standing":"ordinary","staffing_quota":80}'
call 201 POST /api/v1/schools -H "Idempotency-Key: $KEY" -d "$SECOND"
SCHOOL2=$(take .id)
FIRST_BODY=$BODY
[ -z "$(header idempotent-replayed)" ] || fail "the first request is marked as a replay"
expect .name 都匀市第二小学
call 201 POST /api/v1/schools -H "Idempotency-Key: $KEY" -d "$SECOND"
expect_eq "$(header idempotent-replayed)" true 'Idempotent-Replayed'
expect_eq "$(location)" "/api/v1/schools/$SCHOOL2" 'Location'
expect .id "$SCHOOL2"
# (The README says the replay has its keys in alphabetical order; this server replays them in the
# order of the first answer. Only the value is checked.)
expect_true "$(jq -S -c . <<<"$FIRST_BODY") == ." 'the replayed body is the same JSON value'

step "11. The same key with a different body: 422 idempotency_key_reused"
call 422 POST /api/v1/schools -H 'Accept-Language: en' -H "Idempotency-Key: $KEY" \
  -d '{"code":"2152010003","name":"都匀市第三小学","county_code":"522701","type_code":"211",
       "urban_rural_code":"111","location":"urban","standing":"ordinary","staffing_quota":80}'
expect .code idempotency_key_reused
expect .title 'Idempotency key reused with a different request'
call 200 GET '/api/v1/schools?code=2152010003'
expect '.items | length' 0

wt_end
