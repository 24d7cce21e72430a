//! Two-way hiring (HIRE-TWO-WAY): rounds and their posts, the allocations a round's posts stay
//! within, outcomes with their steps, and the two person columns an outcome writes.

pub mod outcomes;
pub mod rounds;
