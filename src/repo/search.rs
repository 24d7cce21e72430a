//! Name search through an index on both backends (`name_grams`): every 1- and 2-character
//! piece of a name points at its row. A search for `q` keeps the rows that hold up to three of
//! `q`'s pieces (index lookups whose cost follows the matches) and checks them with the same
//! `LIKE '%q%'` as before, so the index only narrows and never changes what is found.
//!
//! The pieces fold ASCII letters to lower case only, as SQLite's `LIKE` does; on PostgreSQL,
//! whose `LIKE` is case-sensitive, the folded index still holds every match.

use diesel::prelude::*;

use crate::db::schema::name_grams as ng;
use crate::db::DbConnection;

/// The tables whose names are searched; the code is the `entity` column of `name_grams`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    School,
    Person,
}

impl Named {
    pub fn code(self) -> &'static str {
        match self {
            Named::School => "school",
            Named::Person => "person",
        }
    }
}

/// The most pieces a search looks up: each narrows further, and the `LIKE` check decides.
const MAX_LOOKUPS: usize = 3;

/// The distinct pieces of a name that the index holds for it: every character and every pair
/// of neighbouring characters.
pub fn grams_of(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut out: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
    out.extend(chars.windows(2).map(|w| w.iter().collect::<String>()));
    out.sort();
    out.dedup();
    out
}

/// The pieces a search for `q` looks up: `q` itself when it is one character, else up to
/// three of its pairs, spread over it (the first, the last, the middle).
pub fn lookups_of(q: &str) -> Vec<String> {
    let chars: Vec<char> = q.chars().map(|c| c.to_ascii_lowercase()).collect();
    match chars.len() {
        0 => Vec::new(),
        1 => vec![chars[0].to_string()],
        n => {
            let pairs: Vec<String> = chars
                .windows(2)
                .map(|w| w.iter().collect::<String>())
                .collect();
            let mut picks = vec![
                pairs[0].clone(),
                pairs[n - 2].clone(),
                pairs[(n - 2) / 2].clone(),
            ];
            picks.sort();
            picks.dedup();
            picks.truncate(MAX_LOOKUPS);
            picks
        }
    }
}

/// Writes the pieces of `name` for row `id`, replacing what the row had; one read when the
/// name has not changed (an update that leaves the name alone).
pub fn index(conn: &mut DbConnection, what: Named, id: i64, name: &str) -> QueryResult<()> {
    let wanted = grams_of(name);
    let mut held: Vec<String> = ng::table
        .filter(ng::entity.eq(what.code()))
        .filter(ng::entity_id.eq(id))
        .select(ng::gram)
        .load(conn)?;
    // In Rust's byte order, as `grams_of` sorts: PostgreSQL's collation orders differently.
    held.sort();
    if held == wanted {
        return Ok(());
    }
    forget(conn, what, id)?;
    insert_grams(conn, what, id, wanted)
}

fn insert_all(conn: &mut DbConnection, what: Named, id: i64, name: &str) -> QueryResult<()> {
    insert_grams(conn, what, id, grams_of(name))
}

fn insert_grams(
    conn: &mut DbConnection,
    what: Named,
    id: i64,
    grams: Vec<String>,
) -> QueryResult<()> {
    for gram in grams {
        diesel::insert_into(ng::table)
            .values((
                ng::entity.eq(what.code()),
                ng::gram.eq(gram),
                ng::entity_id.eq(id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Removes row `id` from the index (the row is deleted).
pub fn forget(conn: &mut DbConnection, what: Named, id: i64) -> QueryResult<()> {
    diesel::delete(
        ng::table
            .filter(ng::entity.eq(what.code()))
            .filter(ng::entity_id.eq(id)),
    )
    .execute(conn)
    .map(|_| ())
}

/// The ids whose names hold `gram`, as a subquery for `id IN (...)`.
#[diesel::dsl::auto_type(no_type_alias)]
pub fn holding(entity: &'static str, gram: String) -> _ {
    ng::table
        .filter(ng::entity.eq(entity))
        .filter(ng::gram.eq(gram))
        .select(ng::entity_id)
}

/// Builds the index from the names when it does not cover them: empty after the migration that
/// adds it, or behind after a restore or after rows written by a release that did not keep it
/// (every school and person has a non-empty name, so each has pieces). Runs at start-up in one
/// transaction behind the write gate, so that two instances starting together build it once.
/// Returns the rows indexed (0 when it was complete).
pub fn fill_if_incomplete(conn: &mut DbConnection) -> QueryResult<usize> {
    use crate::db::schema::{persons, schools};
    conn.transaction(|c| {
        crate::db::take_write_gate(c)?;
        let covered = |c: &mut DbConnection, what: Named| -> QueryResult<i64> {
            ng::table
                .filter(ng::entity.eq(what.code()))
                .select(diesel::dsl::count(ng::entity_id).aggregate_distinct())
                .get_result(c)
        };
        let school_rows: i64 = schools::table.count().get_result(c)?;
        let person_rows: i64 = persons::table.count().get_result(c)?;
        if covered(c, Named::School)? == school_rows && covered(c, Named::Person)? == person_rows {
            return Ok(0);
        }
        diesel::delete(ng::table).execute(c)?;
        let mut rows = 0;
        // Nothing is held now: write the pieces without looking for old ones.
        let s: Vec<(i64, String)> = schools::table
            .select((schools::id, schools::name))
            .load(c)?;
        for (id, name) in &s {
            insert_all(c, Named::School, *id, name)?;
        }
        rows += s.len();
        let p: Vec<(i64, String)> = persons::table
            .select((persons::id, persons::name))
            .load(c)?;
        for (id, name) in &p {
            insert_all(c, Named::Person, *id, name)?;
        }
        rows += p.len();
        Ok(rows)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_holds_its_characters_and_pairs() {
        assert_eq!(grams_of("王小明"), ["小", "小明", "明", "王", "王小"]);
        assert_eq!(grams_of("AbA"), ["a", "ab", "b", "ba"]);
        assert!(grams_of("").is_empty());
    }

    #[test]
    fn a_search_looks_up_few_pieces_that_the_name_must_hold() {
        assert_eq!(lookups_of("王"), ["王"]);
        assert_eq!(lookups_of("王小"), ["王小"]);
        assert_eq!(lookups_of("都匀市第一小学"), ["小学", "市第", "都匀"]);
        let name = "都匀市第一小学教育集团";
        let held = grams_of(name);
        for q in ["都匀", "第一小学", "集团", "一", "匀市第"] {
            for piece in lookups_of(q) {
                assert!(held.contains(&piece), "{q}: {piece}");
            }
        }
        assert!(lookups_of("").is_empty());
    }
}
