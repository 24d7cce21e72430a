//! The table definitions, kept by hand for both backends (`diesel print-schema` names integer
//! types differently for SQLite and PostgreSQL; one shared file is simpler than two).

diesel::table! {
    counties (code) {
        code -> Text,
        name_zh -> Text,
        name_en -> Text,
        level -> Text,
        parent_code -> Nullable<Text>,
        sort_order -> Integer,
    }
}

diesel::table! {
    school_types (code) {
        code -> Text,
        name_zh -> Text,
        name_en -> Text,
        stages -> Text,
        sort_order -> Integer,
    }
}

diesel::table! {
    urban_rural_codes (code) {
        code -> Text,
        name_zh -> Text,
        name_en -> Text,
        sort_order -> Integer,
    }
}

diesel::table! {
    subjects (code) {
        code -> Text,
        name_zh -> Text,
        name_en -> Text,
        shortage -> Bool,
        sort_order -> Integer,
    }
}

diesel::table! {
    titles (code) {
        code -> Text,
        name_zh -> Text,
        name_en -> Text,
        grade -> Text,
        sort_order -> Integer,
    }
}

diesel::table! {
    write_gate (id) {
        id -> Integer,
        touched -> BigInt,
    }
}

diesel::table! {
    schools (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
        county_code -> Text,
        type_code -> Text,
        urban_rural_code -> Text,
        location -> Text,
        standing -> Text,
        uscc -> Nullable<Text>,
        uscc_check_ok -> Bool,
        legal_representative_id -> Nullable<BigInt>,
        staffing_quota -> Integer,
        address -> Nullable<Text>,
        opened_on -> Nullable<Date>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    persons (id) {
        id -> BigInt,
        name -> Text,
        id_number -> Text,
        school_id -> BigInt,
        county_code -> Text,
        title_code -> Nullable<Text>,
        is_backbone -> Bool,
        cadre_post -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    person_subjects (person_id, subject_code) {
        person_id -> BigInt,
        subject_code -> Text,
    }
}

diesel::table! {
    service_clients (id) {
        id -> Text,
        name -> Text,
        role -> Text,
        county_code -> Nullable<Text>,
        school_id -> Nullable<BigInt>,
        secret_hash -> Text,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    changes (seq) {
        seq -> BigInt,
        occurred_at -> Timestamp,
        actor_sub -> Text,
        actor_role -> Text,
        request_id -> Nullable<Text>,
        op -> Text,
        action -> Text,
        entity -> Text,
        entity_id -> Text,
        natural_key -> Nullable<Text>,
        county_code -> Nullable<Text>,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
        published -> Bool,
    }
}

diesel::table! {
    idempotency_keys (owner, idem_key) {
        owner -> Text,
        idem_key -> Text,
        method -> Text,
        path -> Text,
        request_hash -> Text,
        status_code -> Nullable<Integer>,
        response -> Nullable<Text>,
        location -> Nullable<Text>,
        etag -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(schools -> counties (county_code));
diesel::joinable!(persons -> schools (school_id));
diesel::joinable!(person_subjects -> persons (person_id));

diesel::allow_tables_to_appear_in_same_query!(
    counties,
    school_types,
    urban_rural_codes,
    subjects,
    titles,
    schools,
    persons,
    person_subjects,
    service_clients,
    changes,
    idempotency_keys,
    write_gate,
);
