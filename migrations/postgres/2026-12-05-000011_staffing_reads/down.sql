DROP INDEX hiring_rounds_county;
DROP INDEX persons_hiring_post;
