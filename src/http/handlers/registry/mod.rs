pub mod counties;
pub mod persons;
pub mod schools;
pub mod vocabularies;
