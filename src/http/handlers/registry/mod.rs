pub mod counties;
pub mod persons;
pub mod rules;
pub mod schools;
pub mod vocabularies;
