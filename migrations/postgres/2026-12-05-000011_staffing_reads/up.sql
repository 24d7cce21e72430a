-- The staffing reports count the posts teachers hold (issue 11): from a county's or a group's
-- hiring rounds of a year to their posts (hiring_posts_round covers the grouping), to the
-- persons whose current post each is. Without these, every report read scanned the whole
-- persons table (found by bench/staffing); with them each step is a covering index search.
CREATE INDEX persons_hiring_post ON persons (hiring_post_id, employment_status) WHERE hiring_post_id IS NOT NULL;
CREATE INDEX hiring_rounds_county ON hiring_rounds (county_code, year, group_id);
