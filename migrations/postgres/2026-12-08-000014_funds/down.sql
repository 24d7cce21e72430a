DROP TABLE fund_entries;
DROP TABLE group_funds;
