#!/usr/bin/env bash
# Walk-through 4: teacher exchange (docs/WALKTHROUGHS.md; docs/API-DESIGN.md "Teacher exchange").
#
# Works on the demo's first established group of 都匀市 (522701), whose exchange plan for the
# year `seed-demo` has passed through its office meeting. The chair records a voluntary rotation
# of a core teacher who has no exchange of the year, the group's EXCH-GROUP-10 figure counts
# them at once, an overlapping second exchange is refused by EXCH-OVERLAP, the teacher's
# title-evaluation priority shows on the person and in the county's list, and cancelling the
# rotation takes it all back. Every run leaves the figures as it found them, so it runs again
# and again on one server.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
wt_begin

COUNTY=522701
TODAY=$(TZ=Asia/Shanghai date +%F)
YEAR=${TODAY%%-*}
BUREAU=$(mint --sub officer-dy --role county_bureau --county $COUNTY)
as "$BUREAU"

step "1. The county's exchange figures for the year, per group"
call 200 GET "/api/v1/counties/$COUNTY/compliance?year=$YEAR"
expect .county_code $COUNTY
expect_true '.groups | length > 0' 'the county has groups'
expect_true '[.by_rule[].rule] == ["EXCH-GROUP-10","EXCH-BACKBONE-40","EXCH-CORE-10","EXCH-NEW-SCHOOL-SUBJECT","EXCH-WEAK-SUBJECT"]' 'one tally per figure'
GROUP=$(take '[.groups[] | select(.measured and (.members | length) > 1)][0].group_id')
note "group $GROUP: $(jqr ".groups[] | select(.group_id == $GROUP) | \"\\(.group_name): \\(.group.numerator) of \\(.group.denominator) teachers exchanged, \\(.group.standing)\"")"
call 200 GET "/api/v1/counties/$COUNTY/compliance?year=$YEAR" -H 'Accept: text/csv'
[ "$(head -1 <<<"$BODY" | cut -d, -f1-5)" = "county_code,year,group_id,group_code,group_name" ] || fail "the CSV's header"

step "2. The group's plan, passed by its office meeting, planned against actual"
call 200 GET "/api/v1/groups/$GROUP/exchange-plans/$YEAR"
expect .status office_passed
expect_true '.planned > 0 and (.lines | length) > 0 and .actual == ([.lines[].actual] | add)' 'the lines add up'
call 200 GET "/api/v1/groups/$GROUP"
CORE_SCHOOL=$(take .core_school.id)
MEMBER=$(take '[.members[] | select(.status == "active")][0].school.id')
CHAIR=$(mint --sub "principal-$CORE_SCHOOL" --role school_admin --county $COUNTY --school "$CORE_SCHOOL")

step "3. A core teacher with no exchange this year"
call -q 200 GET "/api/v1/persons?school_id=$CORE_SCHOOL&kind=staff&limit=200"
TEACHER=""
for p in $(jqr '.items[].id'); do
  call -q 200 GET "/api/v1/groups/$GROUP/exchanges?person_id=$p&status=planned&status=active&status=completed&limit=200"
  if [ "$(jqr '.items | length')" = 0 ]; then TEACHER=$p; break; fi
done
[ -n "$TEACHER" ] || fail "every core teacher has an exchange already"
call 200 GET "/api/v1/groups/$GROUP/compliance?year=$YEAR"
BEFORE=$(take .group.numerator)
DENOM=$(take .group.denominator)
echo "teacher=$TEACHER; exchanged before: $BEFORE of $DENOM"

step "4. The chair records a voluntary rotation to a member, for the school year"
as "$CHAIR"
call 201 POST "/api/v1/groups/$GROUP/exchanges" \
  -d '{"person_id":'"$TEACHER"',"kind":"rotation","to_school_id":'"$MEMBER"',"subject_codes":["13"],"voluntary":true,"starts_on":"'"$YEAR"'-09-01","ends_on":"'"$((YEAR + 1))"'-07-15","status":"active"}'
X=$(take .id)
expect .status active
expect .within_group true
expect .treatments '["title_priority"]'
call 200 GET "/api/v1/groups/$GROUP/compliance?year=$YEAR"
expect .group.numerator $((BEFORE + 1))
expect .group.denominator "$DENOM"

step "5. A second full-time exchange over the same days: refused, citing EXCH-OVERLAP"
call 409 POST "/api/v1/groups/$GROUP/exchanges" \
  -d '{"person_id":'"$TEACHER"',"kind":"cross_stage","to_school_id":'"$MEMBER"',"starts_on":"'"$YEAR"'-10-01","ends_on":"'"$YEAR"'-12-31"}'
expect .code EXCH-OVERLAP
expect .policy_ref §2.4.3
expect_true ".detail | test(\"$X\")" 'the detail names the exchange holding the time'

step "6. The treatment shows on the person and in the county's list for the title office"
as "$BUREAU"
call 200 GET "/api/v1/persons/$TEACHER/treatments"
expect_true "[.items[] | select(.exchange_id == $X) | .treatment] == [\"title_priority\"]" 'title-evaluation priority'
call 200 GET "/api/v1/counties/$COUNTY/treatments?year=$YEAR&treatment=title_priority"
expect_true "[.items[] | select(.exchange_id == $X)] | length == 1" 'in the county list'

step "7. Cancelled: the figure and the treatment go back"
as "$CHAIR"
call 200 POST "/api/v1/exchanges/$X/acts" -H "If-Match: \"1\"" -d '{"act":"cancel","note":"演示后取消"}'
expect .status cancelled
expect .treatments '[]'
call 200 GET "/api/v1/groups/$GROUP/compliance?year=$YEAR"
expect .group.numerator "$BEFORE"

wt_end
