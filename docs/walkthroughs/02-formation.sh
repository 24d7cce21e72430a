#!/usr/bin/env bash
# Walk-through 2: forming a group (README "Walk-through: forming a group"; docs/WALKTHROUGHS.md).
#
# Needs a server with the demo data, run from the server's working directory (see lib.sh). It does
# not need 01 to have run. It resets its own data first, so it runs again and again on one server:
#
#   Groups are never deleted, so a group an earlier run formed in 平塘县 (522727) under this name is
#   dissolved by the bureau (first driven to `preparing` if a run stopped half-way), and what the
#   story changed in the registry is put back: each member school's legal representative is its
#   own principal again, and a cadre post filed in the group's life (03) is cleared. A dissolved
#   group no longer counts for GRP-CORE-UNIQUE or GRP-ONE-MEMBERSHIP, so the same two schools are
#   free again, and "a school in no group" below means "in no group that is not dissolved".
set -euo pipefail
. "$(dirname "$0")/lib.sh"
wt_begin

COUNTY=522727
GROUP_NAME=平塘县第一小学教育集团
TODAY=$(TZ=Asia/Shanghai date +%F) # the service dates documents in China Standard Time
YEAR=${TODAY%%-*}
LIVE_STATUSES="status=authorized&status=plan_submitted&status=preparing&status=dossier_submitted&status=bureau_reviewed&status=established"

BUREAU=$(mint --sub officer-pt --role county_bureau --county $COUNTY)
LEADING=$(mint --sub leading-group-pt --role county_leading_group --county $COUNTY)
as "$BUREAU"

# ---------------------------------------------------------------------------------------------
step "reset: dissolve the group an earlier run formed, and undo its changes to the registry"
call -q 200 GET "/api/v1/groups?county=$COUNTY&$LIVE_STATUSES&limit=200"
# shellcheck disable=SC2016 # $n is jq's
OLD_GROUPS=$(jqr '.items[] | select(.name == $n) | .id' --arg n "$GROUP_NAME")
for old in $OLD_GROUPS; do
  # Drive a group a run left half-way to a status that can be dissolved.
  for _ in 1 2 3 4 5 6; do
    as "$BUREAU"
    call -q 200 GET "/api/v1/groups/$old"
    status=$(take .status)
    old_core=$(take .core_school.id)
    case $status in
      preparing | established) break ;;
      authorized)
        as "$(mint --sub "principal-$old_core" --role school_admin --county $COUNTY --school "$old_core")"
        call 200 POST "/api/v1/groups/$old/formation-plan" -d '{"plan_text":"（重置）为解散而提交的组建方案。"}'
        ;;
      plan_submitted) call 200 POST "/api/v1/groups/$old/formation-plan/review" -d '{"decision":"approve"}' ;;
      dossier_submitted)
        call 200 POST "/api/v1/groups/$old/dossier/review" -d '{"decision":"return","reason":"（重置）退回，以便解散。"}'
        ;;
      bureau_reviewed)
        as "$LEADING"
        call 200 POST "/api/v1/groups/$old/dossier/approval" -d '{"decision":"return","reason":"（重置）退回，以便解散。"}'
        ;;
      *) fail "group $old is $status; cannot reset it" ;;
    esac
  done
  as "$BUREAU"
  call -q 200 GET "/api/v1/groups/$old/cadre-nominations?limit=200"
  filed=$(jqr '.items[] | select(.in_effect == true) | "\(.person_id):\(.post)"')

  call 200 POST "/api/v1/groups/$old/dissolution" \
    -d '{"reason":"演练数据重置：解散上次演练组建的集团。","accountability_note":"演练数据，无需追究责任。"}'
  expect .status dissolved

  # 03 made the teacher representative a vice principal: 02 picks a person with no cadre post.
  for pair in $filed; do
    person=${pair%:*} post=${pair#*:}
    call -q 200 GET "/api/v1/persons/$person"
    if [ "$(jqr .cadre_post)" = "$post" ]; then
      call 200 PATCH "/api/v1/persons/$person" -H "If-Match: \"$(etag)\"" -d '{"cadre_post":null}'
    fi
  done
done
[ -n "$OLD_GROUPS" ] || note "no group of an earlier run in $COUNTY"

# Step 5 makes the core's principal the new school's legal representative. Give every newly
# opened school of the county that is in no live group its own principal back (this also mends a
# run that stopped between the dissolution and this point).
call -q 200 GET "/api/v1/schools?county=$COUNTY&standing=newly_opened&limit=200"
schools=$(jqr '.items[].id')
for school in $schools; do
  call -q 200 GET "/api/v1/groups?school_id=$school&$LIVE_STATUSES"
  [ "$(jqr '.items | length')" = 0 ] || continue
  call -q 200 GET "/api/v1/persons?school_id=$school&cadre_post=principal"
  own=$(jqr '.items[0].id // empty')
  call -q 200 GET "/api/v1/schools/$school"
  if [ -n "$own" ] && [ "$(jqr .legal_representative_id)" != "$own" ]; then
    call 200 PATCH "/api/v1/schools/$school" -H "If-Match: \"$(etag)\"" -d '{"legal_representative_id":'"$own"'}'
  fi
done

# ---------------------------------------------------------------------------------------------
step "1. The schools: the first urban quality primary school and the first newly opened school in no group"
# FREE: the first school of the last answer's list that leads or belongs to no live group.
first_free() {
  local id ids
  ids=$(jqr '.items[].id')
  FREE=""
  for id in $ids; do
    call -q 200 GET "/api/v1/groups?school_id=$id"
    if jq -e '[.items[] | select(.status != "dissolved")] == []' <<<"$BODY" >/dev/null; then
      FREE=$id
      return 0
    fi
  done
  return 0
}
call 200 GET "/api/v1/schools?county=$COUNTY&type_code=211&location=urban&standing=quality"
first_free
CORE_SCHOOL=$FREE
[ -n "$CORE_SCHOOL" ] || fail "no urban quality primary school of $COUNTY is free"
call 200 GET "/api/v1/schools?county=$COUNTY&standing=newly_opened"
first_free
NEW_SCHOOL=$FREE
[ -n "$NEW_SCHOOL" ] || fail "no newly opened school of $COUNTY is free"

call 200 GET "/api/v1/schools/$CORE_SCHOOL"
expect .name 平塘县第一小学
expect '"\(.county_code) \(.type_code) \(.location) \(.standing)"' "$COUNTY 211 urban quality"
CHAIR=$(take .legal_representative_id)
call 200 GET "/api/v1/schools/$NEW_SCHOOL"
expect .name 平塘县第九小学
expect .standing newly_opened
NEW_SCHOOL_REP=$(take .legal_representative_id)

step "1. The staff of both schools, and the people the story needs"
call 200 GET "/api/v1/persons?school_id=$CORE_SCHOOL"
expect_true ".items[] | select(.id == $CHAIR) | .cadre_post == \"principal\"" "the core's legal representative is its principal"
call 200 GET "/api/v1/persons?school_id=$CORE_SCHOOL&kind=parent"
expect_true '.items[0].pupil_class != null' "a parent is registered with the pupil's class"
PARENT_REP=$(take '.items[0].id')
call 200 GET "/api/v1/persons?school_id=$NEW_SCHOOL&kind=staff"
TEACHER=$(take '[.items[] | select(.cadre_post == null)][0].id')
call 200 GET "/api/v1/persons?school_id=$CORE_SCHOOL&cadre_post=vice_principal"
CORE_VP=$(take '.items[0].id')
call 200 GET "/api/v1/persons?school_id=$CORE_SCHOOL&cadre_post=middle_cadre"
CORE_MC=$(take '.items[0].id')
call 200 GET "/api/v1/persons?school_id=$NEW_SCHOOL&cadre_post=principal"
EXEC=$(take '.items[0].id')
expect_eq "$NEW_SCHOOL_REP" "$EXEC" "the new school's legal representative (its own principal)"
echo "core=$CORE_SCHOOL new=$NEW_SCHOOL chair=$CHAIR core_vp=$CORE_VP core_mc=$CORE_MC parent_rep=$PARENT_REP exec=$EXEC teacher=$TEACHER"

# ---------------------------------------------------------------------------------------------
step "2. The bureau authorises the core school to lead a tight group"
call 201 POST /api/v1/groups -d '{"name":"'"$GROUP_NAME"'","kind":"tight","pattern":"urban_quality_plus_new",
       "core_school_id":'"$CORE_SCHOOL"'}'
GROUP=$(take .id)
CODE=$(take .code)
expect_eq "$(location)" "/api/v1/groups/$GROUP" 'Location'
expect_eq "$(etag)" 1 'ETag'
expect_true '.code | test("^G522727[0-9]{3}$")' 'the code is G + county + sequence'
expect .status authorized
expect .county_code $COUNTY
expect '"\(.kind) \(.pattern)"' 'tight urban_quality_plus_new'
expect .core_school.id "$CORE_SCHOOL"
expect .plan_text null
expect .members '[]'
expect .charter null
expect .council.council_seats 0
expect .allowed_actions '[]'
expect .version 1

# ---------------------------------------------------------------------------------------------
step "3. The core submits its formation plan"
CORE=$(mint --sub "principal-$CORE_SCHOOL" --role school_admin --county $COUNTY --school "$CORE_SCHOOL")
as "$CORE"
PLAN='{"plan_text":"一、组建目的：发挥平塘县第一小学的示范引领作用……二、成员范围：平塘县第九小学。三、管理架构：理事会、理事长办公会议。"}'
call 200 POST "/api/v1/groups/$GROUP/formation-plan" -d "$PLAN"
ETAG=$(etag)
expect_eq "$ETAG" 2 'ETag'
expect .status plan_submitted
expect_true '.plan_text | startswith("一、组建目的")' 'plan_text is kept'

step "3. Submitting again: 409 GROUP-STATE, with the steps allowed instead"
call 409 POST "/api/v1/groups/$GROUP/formation-plan" -H 'Accept-Language: en' -d "$PLAN"
expect .code GROUP-STATE
expect .title 'Step not allowed in this status'
expect .detail "The group is plan submitted (plan_submitted); the step 'submit the formation plan' (submit_plan) is not allowed. Allowed now: approve_plan, return_plan."
expect .policy_ref §2.3.1

# ---------------------------------------------------------------------------------------------
step "4. The bureau approves the plan (If-Match checked when given)"
as "$BUREAU"
call 200 POST "/api/v1/groups/$GROUP/formation-plan/review" -H "If-Match: \"$ETAG\"" -d '{"decision":"approve"}'
expect_eq "$(etag)" 3 'ETag'
expect .status preparing
expect .allowed_actions '["dissolve","add_member"]'

# ---------------------------------------------------------------------------------------------
step "5. A member by the bureau's assignment: refused while it has its own legal representative"
call 409 POST "/api/v1/groups/$GROUP/members" \
  -d '{"school_id":'"$NEW_SCHOOL"',"basis":"bureau_assignment","executive_principal_id":'"$EXEC"'}'
expect .code GRP-TIGHT-LEGAL-REP
expect .policy_ref §2.2.1
expect .detail "成员学校 #$NEW_SCHOOL 的法定代表人为 #$EXEC，应由核心成员学校 #$CORE_SCHOOL 的法定代表人 #$CHAIR 兼任。"

step "5. The core's principal becomes the member's legal representative; then the school is assigned"
call -q 200 GET "/api/v1/schools/$NEW_SCHOOL"
ETAG=$(etag)
call 200 PATCH "/api/v1/schools/$NEW_SCHOOL" -H "If-Match: \"$ETAG\"" -d '{"legal_representative_id":'"$CHAIR"'}'
expect .legal_representative_id "$CHAIR"
call 201 POST "/api/v1/groups/$GROUP/members" \
  -d '{"school_id":'"$NEW_SCHOOL"',"basis":"bureau_assignment","executive_principal_id":'"$EXEC"'}'
expect_eq "$(etag)" 4 'ETag'
expect_eq "$(location)" "/api/v1/groups/$GROUP" 'Location (the group)'
expect .status preparing
expect '.members | length' 1
expect .members[0].school.id "$NEW_SCHOOL"
expect .members[0].basis bureau_assignment
expect .members[0].executive_principal_id "$EXEC"
expect .members[0].status active
expect .members[0].joined_on "$TODAY"
expect .members[0].growth_until "$((YEAR + 3))${TODAY#"$YEAR"}"

# ---------------------------------------------------------------------------------------------
step "6. The core writes the charter draft (the rules of procedure default to the county's settings)"
as "$CORE"
call 201 PUT "/api/v1/groups/$GROUP/charter" -d '{"sections":{
        "philosophy":"共建共享，各美其美。",
        "goals":"三年内成员学校教育质量整体提升。",
        "vision":"建成平塘县优质均衡发展的示范性教育集团。",
        "group_member_relations":"一个法人、多个校区；成员学校设执行校长。",
        "core_member_relations":"核心成员学校输出管理团队和骨干教师。",
        "governing_bodies":"理事会和理事长办公会议；理事长由核心成员学校法定代表人担任。",
        "powers":"理事会审议章程、发展规划、年度工作计划和预算方案。",
        "rules_of_procedure":"理事会会议须有三分之二以上理事出席；章程须经全体理事三分之二以上同意。"}}'
expect_eq "$(etag)" 1 'ETag'
expect_eq "$(location)" "/api/v1/groups/$GROUP/charter" 'Location'
expect .group_id "$GROUP"
expect '"\(.version_no) \(.status) \(.in_force)"' '1 draft false'
expect .missing_sections '[]'
expect .procedure.quorum '{"numerator":2,"denominator":3}'
expect .procedure.supermajority '{"fraction":{"numerator":2,"denominator":3},"strict":false,"base":"all_seats"}'
expect '.procedure.supermajority_motion_types | join(",")' charter,development_plan,budget_plan

# ---------------------------------------------------------------------------------------------
step "7. The core records the council and the office meeting"
call 200 PUT "/api/v1/groups/$GROUP/council" -d '{"chair_person_id":'"$CHAIR"',
       "seats":[{"person_id":'"$CHAIR"',"school_id":'"$CORE_SCHOOL"',"category":"legal_representative"},
                {"person_id":'"$EXEC"',"school_id":'"$NEW_SCHOOL"',"category":"executive_principal"},
                {"person_id":'"$CORE_VP"',"school_id":'"$CORE_SCHOOL"',"category":"vice_principal"},
                {"person_id":'"$CORE_MC"',"school_id":'"$CORE_SCHOOL"',"category":"middle_cadre"},
                {"person_id":'"$TEACHER"',"school_id":'"$NEW_SCHOOL"',"category":"teacher_representative"},
                {"person_id":'"$PARENT_REP"',"school_id":'"$CORE_SCHOOL"',"category":"parent_representative"}],
       "office":[{"person_id":'"$CHAIR"',"role":"legal_representative"},
                 {"person_id":'"$EXEC"',"role":"executive_principal"},
                 {"person_id":'"$CORE_VP"',"role":"core_vice_principal"}]}'
expect_eq "$(etag)" "$(jqr .version)" 'ETag (the council version)'
expect .chair_person_id "$CHAIR"
expect '[.seats[].person_id] | map(tostring) | join(" ")' "$CHAIR $EXEC $CORE_VP $CORE_MC $TEACHER $PARENT_REP"
expect '[.seats[] | select(.is_chair) | .person_id] | map(tostring) | join(" ")' "$CHAIR"
expect '[.office[].person_id] | map(tostring) | join(" ")' "$CHAIR $EXEC $CORE_VP"

call 200 GET "/api/v1/groups/$GROUP/council"
mapfile -t SEATS < <(jqr '.seats[].seat_id')
mapfile -t OFFICE < <(jqr '.office[].seat_id')
echo "council seats: ${SEATS[*]}; office seats: ${OFFICE[*]}"
expect_eq "${#SEATS[@]} ${#OFFICE[@]}" "6 3" 'council and office seats'

step "7. The dossier cannot go yet"
call 409 POST "/api/v1/groups/$GROUP/dossier" -H 'Accept-Language: en' -d '{"note":"组建材料齐备，请审核。"}'
expect .code GRP-ESTABLISH-DOSSIER
expect .title 'The dossier is incomplete'
expect .detail 'The council has not adopted the charter draft.'
expect .policy_ref §2.3.1

# ---------------------------------------------------------------------------------------------
step "8. The chair convenes the council"
call 201 POST "/api/v1/groups/$GROUP/meetings" \
  -d '{"body":"council","kind":"regular","scheduled_at":"'"$(date -u +%FT%TZ)"'","agenda":"审议集团章程（草案）"}'
MEETING=$(take .id)
expect_eq "$(location)" "/api/v1/meetings/$MEETING" 'Location'
expect_eq "$(etag)" 1 'ETag'
expect .group_id "$GROUP"
expect .body council
expect .status convened
expect .convened_by "principal-$CORE_SCHOOL"

# ---------------------------------------------------------------------------------------------
step "9. The chair records the attendance (If-Match required); the parent representative's proxy goes to the chair"
ATTENDANCE='{"entries":[{"seat_id":'${SEATS[0]}',"status":"present"},{"seat_id":'${SEATS[1]}',"status":"present"},
                  {"seat_id":'${SEATS[2]}',"status":"present"},{"seat_id":'${SEATS[3]}',"status":"present"},
                  {"seat_id":'${SEATS[4]}',"status":"present"},
                  {"seat_id":'${SEATS[5]}',"status":"proxy","proxy_seat_id":'${SEATS[0]}'}]}'
call 428 PUT "/api/v1/meetings/$MEETING/attendance" -d "$ATTENDANCE"
expect .code precondition_required
call -q 200 GET "/api/v1/meetings/$MEETING"
ETAG=$(etag)
call 200 PUT "/api/v1/meetings/$MEETING/attendance" -H "If-Match: \"$ETAG\"" -d "$ATTENDANCE"
expect_eq "$(etag)" 2 'ETag'
expect .status convened
expect '.attendance | length' 6
expect ".attendance[] | select(.seat_id == ${SEATS[5]}) | \"\(.status) \(.proxy_seat_id)\"" "proxy ${SEATS[0]}"
expect .motions '[]'

# ---------------------------------------------------------------------------------------------
step "10. The chair puts the charter motion (two thirds of all seats, by the county's settings)"
call 201 POST "/api/v1/meetings/$MEETING/motions" -d '{"title":"审议集团章程（草案）","motion_type":"charter","ballot":"open"}'
MOTION=$(take .id)
expect_eq "$(location)" "/api/v1/motions/$MOTION" 'Location'
expect '"\(.meeting_id) \(.group_id) \(.position)"' "$MEETING $GROUP 1"
expect .threshold '{"fraction":{"numerator":2,"denominator":3},"strict":false,"base":"all_seats"}'
expect .quorum '{"numerator":2,"denominator":3}'
expect .decided_by vote
expect .status open
expect .outcome null
expect .votes_cast 0

# ---------------------------------------------------------------------------------------------
step "11. The seat holders vote; the chair also votes for the seat whose proxy he holds"
for pair in "${SEATS[0]}:$CHAIR" "${SEATS[1]}:$EXEC" "${SEATS[2]}:$CORE_VP" "${SEATS[3]}:$CORE_MC" "${SEATS[4]}:$TEACHER" "${SEATS[5]}:$CHAIR"; do
  seat=${pair%:*} person=${pair#*:}
  as "$(mint --sub "$person" --role council_member --county $COUNTY)"
  call 200 PUT "/api/v1/motions/$MOTION/votes/$seat" -d '{"choice":"for"}'
  expect '"\(.motion_id) \(.seat_id) \(.choice) \(.cast_by)"' "$MOTION $seat for $person"
done

step "11. A vote for another's seat is 403, and so is a vote for a seat that gave its proxy"
as "$(mint --sub "$TEACHER" --role council_member --county $COUNTY)"
call 403 PUT "/api/v1/motions/$MOTION/votes/${SEATS[0]}" -H 'Accept-Language: en' -d '{"choice":"against"}'
expect .code forbidden
expect .detail 'You may vote only for your own seat, or for a seat that gave you its proxy.'
as "$(mint --sub "$PARENT_REP" --role council_member --county $COUNTY)"
call 403 PUT "/api/v1/motions/$MOTION/votes/${SEATS[5]}" -H 'Accept-Language: en' -d '{"choice":"against"}'
expect .code forbidden
expect .detail 'This seat gave its proxy; the proxy votes for it.'

# ---------------------------------------------------------------------------------------------
step "12. The chair closes the motion (adopted: a numbered resolution), then the meeting"
as "$CORE"
call 200 POST "/api/v1/motions/$MOTION/close"
expect_eq "$(etag)" 2 'ETag'
expect .status closed
expect .outcome adopted
expect .votes_cast 6
expect .tally '{"seats":6,"present":6,"recused":0,"votes_for":6,"votes_against":0,"votes_abstain":0,"required_votes":4,"quorum_required":4}'
expect .resolution.number "$CODE-$YEAR-001"
RESOLUTION=$(take .resolution.id)
call 200 POST "/api/v1/meetings/$MEETING/close"
expect .status closed
expect .version 3
call 200 GET "/api/v1/meetings/$MEETING/minutes"
expect .meeting.status closed
expect .group_code "$CODE"

# ---------------------------------------------------------------------------------------------
step "13. The dossier: the core submits it, the bureau reviews it, the county leading group approves"
call 200 POST "/api/v1/groups/$GROUP/dossier" -d '{"note":"组建材料齐备，请审核。"}'
expect .status dossier_submitted
expect '"\(.charter.version_no) \(.charter.status) \(.charter.adopted_resolution_id) \(.charter.in_force_version_no)"' "1 adopted $RESOLUTION null"
as "$BUREAU"
call 200 POST "/api/v1/groups/$GROUP/dossier/review" -d '{"decision":"approve"}'
expect .status bureau_reviewed
as "$LEADING"
call 200 POST "/api/v1/groups/$GROUP/dossier/approval" -d '{"decision":"approve"}'
expect_eq "$(etag)" "$(jqr .version)" 'ETag (the group version)'
expect .status established
expect .established_on "$TODAY"
expect '"\(.council.council_seats) \(.council.office_seats) \(.council.chair_person_id)"' "6 3 $CHAIR"
expect .allowed_actions '[]'

# ---------------------------------------------------------------------------------------------
step "14. The group's history: every step with its actor, time and reason"
as "$BUREAU"
call 200 GET "/api/v1/groups/$GROUP/history"
expect '[.items[].action] | join(",")' authorize,submit_plan,approve_plan,submit_dossier,bureau_approve_dossier,leading_group_approve
expect '[.items[] | "\(.from)>\(.to)"] | join(",")' 'null>authorized,authorized>plan_submitted,plan_submitted>preparing,preparing>dossier_submitted,dossier_submitted>bureau_reviewed,bureau_reviewed>established'
expect '[.items[].actor_sub] | join(",")' "officer-pt,principal-$CORE_SCHOOL,officer-pt,principal-$CORE_SCHOOL,officer-pt,leading-group-pt"
expect '.items[3].reason' 组建材料齐备，请审核。

step "14. The demo groups show the rest: 福泉市 (522702)"
as "$(mint --sub officer-fq --role county_bureau --county 522702)"
call 200 GET '/api/v1/groups?county=522702'
expect '[.items[] | "\(.code) \(.status)"] | join(", ")' 'G522702001 established, G522702002 plan_submitted'
expect_true '[.items[] | has("core_school") and has("member_count") and has("allowed_actions")] | all' \
  'list items carry core_school, member_count and allowed_actions'
FQ1=$(take '.items[] | select(.code == "G522702001") | .id')
FQ2=$(take '.items[] | select(.code == "G522702002") | .id')
call 200 GET "/api/v1/groups/$FQ2/history"
expect '[.items[].action] | join(",")' authorize,submit_plan,return_plan,submit_plan
call 200 GET "/api/v1/groups/$FQ1/history"
expect '[.items[] | select(.action == "bureau_return_dossier")] | length' 1
call 200 GET "/api/v1/groups/$FQ1/meetings"
FQ_MEETINGS=$(jqr '[.items[] | select(.body == "council") | .id] | .[]')
OUTCOMES=""
for m in $FQ_MEETINGS; do
  call -q 200 GET "/api/v1/meetings/$m"
  outcome=$(jqr '[.motions[] | select(.motion_type == "charter") | .outcome] | join(",")')
  if [ -n "$outcome" ]; then OUTCOMES+="$outcome,"; fi
done
expect_eq "${OUTCOMES%,}" rejected,adopted "G522702001: its council's charter votes"

wt_end
