#!/usr/bin/env bash
# Walk-through 3: group life after establishment (README "Walk-through: group life after
# establishment"; docs/WALKTHROUGHS.md).
#
# Continues the group 02-formation.sh forms (平塘县第一小学教育集团, 522727, established) and takes
# everything it needs (group, schools, people, office seats) from the API. If there is no such
# group, or this script already ran on it (it has a rectification order or a cadre nomination),
# it runs 02-formation.sh first, which dissolves the old group and forms a fresh one. So it may
# run on its own, and again and again on one server.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
wt_begin

COUNTY=522727
GROUP_NAME=平塘县第一小学教育集团
TODAY=$(TZ=Asia/Shanghai date +%F) # the service dates documents in China Standard Time
YEAR=${TODAY%%-*}
BUREAU=$(mint --sub officer-pt --role county_bureau --county $COUNTY)
as "$BUREAU"

# GROUP: the established group of 02 on which 03 has not run yet ("" if none).
find_group() {
  GROUP=""
  call -q 200 GET "/api/v1/groups?county=$COUNTY&status=established&limit=200"
  local id ids
  # shellcheck disable=SC2016 # $n is jq's
  ids=$(jqr '.items[] | select(.name == $n) | .id' --arg n "$GROUP_NAME")
  for id in $ids; do
    call -q 200 GET "/api/v1/groups/$id/rectification-orders"
    [ "$(jqr '.items | length')" = 0 ] || continue
    call -q 200 GET "/api/v1/groups/$id/cadre-nominations"
    [ "$(jqr '.items | length')" = 0 ] || continue
    GROUP=$id
  done
}

step "the group formed by 02-formation.sh"
find_group
if [ -z "$GROUP" ]; then
  note "no fresh established $GROUP_NAME in $COUNTY: running 02-formation.sh first"
  "$(dirname "$0")/02-formation.sh" || fail "02-formation.sh failed"
  WT_STEP="the group formed by 02-formation.sh"
  as "$BUREAU"
  find_group
  [ -n "$GROUP" ] || fail "02-formation.sh formed no established $GROUP_NAME"
fi
call 200 GET "/api/v1/groups/$GROUP"
CODE=$(take .code)
CORE_SCHOOL=$(take .core_school.id)
CHAIR=$(take .council.chair_person_id)
NEW_SCHOOL=$(take '[.members[] | select(.status == "active")][0].school.id')
MEMBERSHIP=$(take '[.members[] | select(.status == "active")][0].id')
EXEC=$(take '[.members[] | select(.status == "active")][0].executive_principal_id')
call 200 GET "/api/v1/groups/$GROUP/council"
TEACHER=$(take '.seats[] | select(.category == "teacher_representative") | .person_id')
CORE_VP=$(take '.office[] | select(.category == "core_vice_principal") | .person_id')
mapfile -t OFFICE < <(jqr '.office[].seat_id')
OFFICE_PEOPLE=$(jqr '[.office[].person_id] | map(tostring) | join(" ")')
expect_eq "$OFFICE_PEOPLE" "$CHAIR $EXEC $CORE_VP" 'the office meeting: chair, executive principal, core vice principal'
CORE=$(mint --sub "principal-$CORE_SCHOOL" --role school_admin --county $COUNTY --school "$CORE_SCHOOL")
echo "group=$GROUP ($CODE) core=$CORE_SCHOOL new=$NEW_SCHOOL chair=$CHAIR exec=$EXEC core_vp=$CORE_VP teacher=$TEACHER office seats: ${OFFICE[*]}"

# ---------------------------------------------------------------------------------------------
step "1. The bureau's inbox: 平塘县's is empty; the demo's open withdrawal waits in 三都 (522732)"
call 200 GET '/api/v1/applications?status=submitted'
expect .items '[]'
expect .next_cursor null
as "$(mint --sub officer-sd --role county_bureau --county 522732)"
call 200 GET '/api/v1/applications?status=submitted'
expect '.items | length' 1
expect '.items[0] | "\(.kind) \(.status) \(.county_code)"' 'withdraw submitted 522732'
expect .items[0].school.name 三都水族自治县周覃镇甲乙小学
expect_true '.items[0].note | test("申请退出集团")' 'its note asks to leave the group'
as "$BUREAU"

# ---------------------------------------------------------------------------------------------
step "2. A rectification order to the new member, due today"
call 201 POST "/api/v1/groups/$GROUP/rectification-orders" \
  -d '{"school_id":'"$NEW_SCHOOL"',"violation":"违规有偿补课，违反集团章程。","deadline":"'"$TODAY"'"}'
ORDER=$(take .id)
expect_eq "$(location)" "/api/v1/rectification-orders/$ORDER" 'Location'
expect_eq "$(etag)" 1 'ETag'
expect .group_id "$GROUP"
expect .school.id "$NEW_SCHOOL"
expect .membership_id "$MEMBERSHIP"
expect .deadline "$TODAY"
expect .status issued
expect .overdue false
expect .issued_by officer-pt

# ---------------------------------------------------------------------------------------------
step "3. A vice principal for the new member: the chair nominates the teacher representative"
as "$CORE"
call 201 POST "/api/v1/groups/$GROUP/cadre-nominations" \
  -d '{"person_id":'"$TEACHER"',"school_id":'"$NEW_SCHOOL"',"post":"vice_principal","note":"拟任分管教学副校长。"}'
N=$(take .id)
expect_eq "$(location)" "/api/v1/cadre-nominations/$N" 'Location'
expect '"\(.group_id) \(.person_id) \(.school_id) \(.post)"' "$GROUP $TEACHER $NEW_SCHOOL vice_principal"
expect .status nominated
expect .appointer county_bureau
expect .needs_filing true
expect .in_effect false
expect .motion_id null

# ---------------------------------------------------------------------------------------------
step "4. The chair convenes an office meeting, records its three seats present, tables the nomination"
call 201 POST "/api/v1/groups/$GROUP/meetings" \
  -d '{"body":"office","kind":"regular","scheduled_at":"'"$(date -u +%FT%TZ)"'","agenda":"研究成员学校副校长人选"}'
OFFICE_MEETING=$(take .id)
expect_eq "$(location)" "/api/v1/meetings/$OFFICE_MEETING" 'Location'
expect '"\(.group_id) \(.body) \(.status)"' "$GROUP office convened"
call -q 200 GET "/api/v1/meetings/$OFFICE_MEETING"
ETAG=$(etag)
call 200 PUT "/api/v1/meetings/$OFFICE_MEETING/attendance" -H "If-Match: \"$ETAG\"" \
  -d '{"entries":[{"seat_id":'"${OFFICE[0]}"',"status":"present"},{"seat_id":'"${OFFICE[1]}"',"status":"present"},
                  {"seat_id":'"${OFFICE[2]}"',"status":"present"}]}'
expect .version 2
expect '[.attendance[] | "\(.seat_id):\(.status)"] | join(" ")' "${OFFICE[0]}:present ${OFFICE[1]}:present ${OFFICE[2]}:present"
call 201 POST "/api/v1/meetings/$OFFICE_MEETING/motions" \
  -d '{"title":"关于副校长提名的议案","motion_type":"cadre_nomination","ballot":"open","nomination_id":'"$N"'}'
OFFICE_MOTION=$(take .id)
expect_eq "$(location)" "/api/v1/motions/$OFFICE_MOTION" 'Location'
expect '"\(.meeting_id) \(.group_id) \(.position) \(.motion_type)"' "$OFFICE_MEETING $GROUP 1 cadre_nomination"
expect .concerns_school_id "$NEW_SCHOOL"
expect .threshold '{"fraction":{"numerator":1,"denominator":2},"strict":true,"base":"all_seats"}'
expect .quorum '{"numerator":2,"denominator":3}'
expect .decided_by vote
expect .status open

# ---------------------------------------------------------------------------------------------
step "5. The office seats vote; the chair closes the motion and the meeting: the nomination is office_passed"
for pair in "${OFFICE[0]}:$CHAIR" "${OFFICE[1]}:$EXEC" "${OFFICE[2]}:$CORE_VP"; do
  seat=${pair%:*} person=${pair#*:}
  as "$(mint --sub "$person" --role council_member --county $COUNTY)"
  call 200 PUT "/api/v1/motions/$OFFICE_MOTION/votes/$seat" -d '{"choice":"for"}'
  expect '"\(.motion_id) \(.seat_id) \(.choice) \(.cast_by)"' "$OFFICE_MOTION $seat for $person"
done
as "$CORE"
call 200 POST "/api/v1/motions/$OFFICE_MOTION/close"
expect .status closed
expect .outcome adopted
expect .votes_cast 3
expect .tally '{"seats":3,"present":3,"recused":0,"votes_for":3,"votes_against":0,"votes_abstain":0,"required_votes":2,"quorum_required":2}'
expect .resolution.number "$CODE-$YEAR-002"
call 200 POST "/api/v1/meetings/$OFFICE_MEETING/close"
expect .status closed
call 200 GET "/api/v1/cadre-nominations/$N"
expect '"\(.post) \(.status) \(.in_effect) \(.motion_id)"' "vice_principal office_passed false $OFFICE_MOTION"
expect_true '.office_decided_at != null' 'office_decided_at is set'

# ---------------------------------------------------------------------------------------------
step "6. The bureau appoints: appointed, not yet in effect, the person's cadre_post unchanged"
as "$BUREAU"
call 200 POST "/api/v1/cadre-nominations/$N/appointment" \
  -d '{"appointment_ref":"平教任〔2026〕3号","appointed_on":"'"$TODAY"'"}'
expect '"\(.status) \(.in_effect)"' 'appointed false'
expect .appointed_by officer-pt
expect .appointed_on "$TODAY"
expect .appointment_ref 平教任〔2026〕3号
expect .filed_on null
expect .version 4
call 200 GET "/api/v1/persons/$TEACHER"
expect .cadre_post null

step "6. The bureau records the filing: filed, in effect, and only now the cadre_post changes"
call 200 POST "/api/v1/cadre-nominations/$N/filing" \
  -d '{"filing_ref":"平组干备〔2026〕7号","filed_on":"'"$TODAY"'"}'
expect '"\(.status) \(.in_effect)"' 'filed true'
expect .filed_on "$TODAY"
expect .filing_ref 平组干备〔2026〕7号
expect .version 5
call 200 GET "/api/v1/persons/$TEACHER"
expect .school_id "$NEW_SCHOOL"
expect .cadre_post vice_principal

wt_end
