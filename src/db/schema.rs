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
        kind -> Text,
        pupil_class -> Nullable<Text>,
        hiring_post_id -> Nullable<BigInt>,
        employment_status -> Nullable<Text>,
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
        claim_token -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
        result -> Nullable<Text>,
    }
}

diesel::table! {
    county_settings (county_code) {
        county_code -> Text,
        settings_json -> Text,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    edu_groups (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
        county_code -> Text,
        kind -> Text,
        pattern -> Text,
        core_school_id -> BigInt,
        status -> Text,
        plan_text -> Nullable<Text>,
        member_cap -> Nullable<Integer>,
        council_elected_at -> Nullable<Timestamp>,
        established_on -> Nullable<Date>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        dissolved_on -> Nullable<Date>,
        dissolution_note -> Nullable<Text>,
    }
}

diesel::table! {
    group_transitions (id) {
        id -> BigInt,
        group_id -> BigInt,
        from_status -> Nullable<Text>,
        to_status -> Text,
        action -> Text,
        actor_sub -> Text,
        actor_role -> Text,
        reason -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::table! {
    group_memberships (id) {
        id -> BigInt,
        group_id -> BigInt,
        school_id -> BigInt,
        basis -> Text,
        agreement_ref -> Nullable<Text>,
        signed_on -> Nullable<Date>,
        executive_principal_id -> Nullable<BigInt>,
        status -> Text,
        joined_on -> Date,
        left_on -> Nullable<Date>,
        exit_reason -> Nullable<Text>,
        growth_until -> Nullable<Date>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        terms -> Text,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
        decision_note -> Nullable<Text>,
        pooled_quota -> Nullable<Integer>,
        pooled_share -> Nullable<Integer>,
    }
}

diesel::table! {
    charters (id) {
        id -> BigInt,
        group_id -> BigInt,
        version_no -> Integer,
        status -> Text,
        sections_json -> Text,
        procedure_json -> Text,
        adopted_resolution_id -> Nullable<BigInt>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
        decision_note -> Nullable<Text>,
    }
}

diesel::table! {
    seats (id) {
        id -> BigInt,
        group_id -> BigInt,
        body -> Text,
        person_id -> BigInt,
        school_id -> BigInt,
        category -> Text,
        is_chair -> Bool,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    meetings (id) {
        id -> BigInt,
        group_id -> BigInt,
        body -> Text,
        kind -> Text,
        scheduled_at -> Timestamp,
        agenda -> Text,
        status -> Text,
        convened_by -> Text,
        demanded_by -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    attendance (meeting_id, seat_id) {
        meeting_id -> BigInt,
        seat_id -> BigInt,
        status -> Text,
        proxy_seat_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    motions (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        group_id -> BigInt,
        position -> Integer,
        title -> Text,
        motion_type -> Text,
        ballot -> Text,
        concerns_school_id -> Nullable<BigInt>,
        threshold_json -> Text,
        quorum_json -> Text,
        status -> Text,
        outcome -> Nullable<Text>,
        seats_count -> Nullable<Integer>,
        present_count -> Nullable<Integer>,
        recused_count -> Nullable<Integer>,
        votes_for -> Nullable<Integer>,
        votes_against -> Nullable<Integer>,
        votes_abstain -> Nullable<Integer>,
        required_votes -> Nullable<Integer>,
        quorum_required -> Nullable<Integer>,
        closed_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    recusals (motion_id, seat_id) {
        motion_id -> BigInt,
        seat_id -> BigInt,
    }
}

diesel::table! {
    votes (motion_id, seat_id) {
        motion_id -> BigInt,
        seat_id -> BigInt,
        choice -> Nullable<Text>,
        cast_by -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    resolutions (id) {
        id -> BigInt,
        group_id -> BigInt,
        motion_id -> BigInt,
        number -> Text,
        year -> Integer,
        sequence -> Integer,
        title -> Text,
        motion_type -> Text,
        issued_at -> Timestamp,
    }
}

diesel::table! {
    applications (id) {
        id -> BigInt,
        group_id -> BigInt,
        school_id -> BigInt,
        membership_id -> Nullable<BigInt>,
        kind -> Text,
        status -> Text,
        reason -> Text,
        payload_json -> Nullable<Text>,
        submitted_by -> Text,
        submitted_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decision_note -> Nullable<Text>,
        new_group_id -> Nullable<BigInt>,
        county_code -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    rectification_orders (id) {
        id -> BigInt,
        group_id -> BigInt,
        school_id -> BigInt,
        membership_id -> Nullable<BigInt>,
        violation -> Text,
        deadline -> Date,
        status -> Text,
        response -> Nullable<Text>,
        responded_at -> Nullable<Timestamp>,
        resolved_at -> Nullable<Timestamp>,
        resolution_note -> Nullable<Text>,
        issued_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        rejected_at -> Nullable<Timestamp>,
        rejection_note -> Nullable<Text>,
        inspection_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    cadre_nominations (id) {
        id -> BigInt,
        group_id -> BigInt,
        person_id -> BigInt,
        school_id -> BigInt,
        post -> Text,
        status -> Text,
        motion_id -> Nullable<BigInt>,
        nominated_by -> Text,
        nominated_at -> Timestamp,
        office_decided_at -> Nullable<Timestamp>,
        appointed_by -> Nullable<Text>,
        appointed_at -> Nullable<Timestamp>,
        appointment_ref -> Nullable<Text>,
        filed_at -> Nullable<Timestamp>,
        filing_ref -> Nullable<Text>,
        note -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    name_grams (entity, gram, entity_id) {
        entity -> Text,
        gram -> Text,
        entity_id -> BigInt,
    }
}

diesel::table! {
    internal_bodies (id) {
        id -> BigInt,
        group_id -> BigInt,
        kind -> Text,
        name -> Text,
        head_person_id -> BigInt,
        founding_resolution_id -> BigInt,
        status -> Text,
        closing_resolution_id -> Nullable<BigInt>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    meeting_demands (id) {
        id -> BigInt,
        group_id -> BigInt,
        seats_json -> Text,
        seats_count -> Integer,
        agenda -> Text,
        status -> Text,
        demanded_by -> Text,
        demanded_at -> Timestamp,
        due_on -> Date,
        meeting_id -> Nullable<BigInt>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    staffing_totals (id) {
        id -> BigInt,
        county_code -> Text,
        year -> Integer,
        staff_quota -> Integer,
        senior_posts -> Integer,
        intermediate_posts -> Integer,
        senior_bonus_percent -> Integer,
        note -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    special_quotas (id) {
        id -> BigInt,
        group_id -> BigInt,
        county_code -> Text,
        year -> Integer,
        kind -> Text,
        amount -> Integer,
        purposes_json -> Text,
        note -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    staffing_filings (id) {
        id -> BigInt,
        county_code -> Text,
        period -> Text,
        filed_on -> Date,
        filing_ref -> Text,
        filed_by -> Text,
        note -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    staffing_adjustments (id) {
        id -> BigInt,
        group_id -> BigInt,
        county_code -> Text,
        year -> Integer,
        title -> Text,
        status -> Text,
        lines_json -> Text,
        note -> Nullable<Text>,
        motion_id -> Nullable<BigInt>,
        proposed_by -> Text,
        proposed_at -> Timestamp,
        office_decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
        decided_on -> Nullable<Date>,
        decision_ref -> Nullable<Text>,
        decision_note -> Nullable<Text>,
        superseded_by -> Nullable<BigInt>,
        filing_id -> Nullable<BigInt>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    post_allocations (id) {
        id -> BigInt,
        group_id -> BigInt,
        county_code -> Text,
        year -> Integer,
        school_id -> BigInt,
        category -> Text,
        level -> Text,
        bonus -> Bool,
        posts -> Integer,
        reason -> Text,
        adjustment_id -> BigInt,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    hiring_rounds (id) {
        id -> BigInt,
        group_id -> BigInt,
        county_code -> Text,
        year -> Integer,
        name -> Text,
        opened_on -> Date,
        methods_json -> Text,
        status -> Text,
        closed_on -> Nullable<Date>,
        note -> Nullable<Text>,
        created_by -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    hiring_posts (id) {
        id -> BigInt,
        round_id -> BigInt,
        group_id -> BigInt,
        school_id -> BigInt,
        category -> Text,
        level -> Text,
        bonus -> Bool,
        name -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    hiring_outcomes (id) {
        id -> BigInt,
        round_id -> BigInt,
        group_id -> BigInt,
        person_id -> BigInt,
        school_id -> BigInt,
        status -> Text,
        post_id -> Nullable<BigInt>,
        ethics_score -> Nullable<Integer>,
        ability_score -> Nullable<Integer>,
        performance_score -> Nullable<Integer>,
        contribution_score -> Nullable<Integer>,
        weighted_total_centi -> Nullable<Integer>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    hiring_steps (id) {
        id -> BigInt,
        outcome_id -> BigInt,
        status -> Text,
        post_id -> Nullable<BigInt>,
        reason -> Text,
        decided_on -> Date,
        deciding_body -> Text,
        document_ref -> Text,
        recorded_by -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    exchange_plans (id) {
        id -> BigInt,
        group_id -> BigInt,
        county_code -> Text,
        year -> Integer,
        title -> Text,
        drafted_by -> Text,
        status -> Text,
        lines_json -> Text,
        note -> Nullable<Text>,
        motion_id -> Nullable<BigInt>,
        office_decided_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    exchanges (id) {
        id -> BigInt,
        group_id -> BigInt,
        county_code -> Text,
        person_id -> BigInt,
        kind -> Text,
        from_school_id -> BigInt,
        to_school_id -> BigInt,
        subjects_json -> Text,
        share_percent -> Integer,
        relation -> Text,
        voluntary -> Bool,
        within_group -> Bool,
        status -> Text,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        plan_id -> Nullable<BigInt>,
        note -> Nullable<Text>,
        status_note -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    school_subjects (school_id, year, subject_code) {
        school_id -> BigInt,
        year -> Integer,
        subject_code -> Text,
        weak -> Bool,
        version -> Integer,
    }
}

diesel::table! {
    assessment_frameworks (id) {
        id -> BigInt,
        county_code -> Nullable<Text>,
        year -> Integer,
        edition -> Integer,
        title -> Text,
        status -> Text,
        dimensions_json -> Text,
        based_on_id -> Nullable<BigInt>,
        created_by -> Text,
        locked_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    assessments (id) {
        id -> BigInt,
        group_id -> BigInt,
        county_code -> Text,
        year -> Integer,
        framework_id -> BigInt,
        status -> Text,
        units_json -> Text,
        self_submitted_at -> Nullable<Timestamp>,
        self_submitted_by -> Nullable<Text>,
        self_note -> Nullable<Text>,
        finalised_at -> Nullable<Timestamp>,
        finalised_by -> Nullable<Text>,
        published_at -> Nullable<Timestamp>,
        results_json -> Nullable<Text>,
        total -> Nullable<Double>,
        grade -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    assessment_scores (id) {
        id -> BigInt,
        assessment_id -> BigInt,
        indicator_code -> Text,
        school_id -> Nullable<BigInt>,
        self_tenths -> Nullable<Integer>,
        self_comment -> Nullable<Text>,
        score_tenths -> Nullable<Integer>,
        evidence -> Nullable<Text>,
        comment -> Nullable<Text>,
        inputs_json -> Nullable<Text>,
        scored_by -> Nullable<Text>,
        scored_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    assessment_reopenings (id) {
        id -> BigInt,
        assessment_id -> BigInt,
        reason -> Text,
        reopened_by -> Text,
        reopened_at -> Timestamp,
        results_json -> Nullable<Text>,
    }
}

diesel::table! {
    pay_pools (id) {
        id -> BigInt,
        county_code -> Text,
        year -> Integer,
        base_yuan -> BigInt,
        pool_percent -> Integer,
        pool_yuan -> BigInt,
        allocations_json -> Text,
        note -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    group_funds (id) {
        id -> BigInt,
        group_id -> BigInt,
        county_code -> Text,
        year -> Integer,
        lines_json -> Text,
        note -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    fund_entries (id) {
        id -> BigInt,
        group_id -> BigInt,
        county_code -> Text,
        year -> Integer,
        kind -> Text,
        source -> Text,
        purpose -> Text,
        bearer_school_id -> BigInt,
        beneficiary_school_id -> Nullable<BigInt>,
        resolution_id -> Nullable<BigInt>,
        amount_yuan -> Nullable<BigInt>,
        quantity_centi -> Nullable<BigInt>,
        unit -> Nullable<Text>,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        description -> Text,
        reverses_id -> Nullable<BigInt>,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    pay_plans (id) {
        id -> BigInt,
        group_id -> BigInt,
        county_code -> Text,
        year -> Integer,
        lines_json -> Text,
        note -> Nullable<Text>,
        status -> Text,
        motion_id -> Nullable<BigInt>,
        office_decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decision_note -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    growth_reviews (id) {
        id -> BigInt,
        assessment_id -> BigInt,
        group_id -> BigInt,
        county_code -> Text,
        school_id -> BigInt,
        membership_id -> BigInt,
        decision -> Text,
        reason -> Text,
        extend_years -> Nullable<Integer>,
        evidence_json -> Text,
        application_id -> Nullable<BigInt>,
        status -> Text,
        created_by -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decision_note -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    inspections (id) {
        id -> BigInt,
        county_code -> Text,
        group_id -> BigInt,
        school_id -> Nullable<BigInt>,
        kind -> Text,
        inspected_on -> Date,
        year -> Integer,
        rating -> Text,
        summary -> Text,
        findings_json -> Text,
        inspector -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(schools -> counties (county_code));
diesel::joinable!(persons -> schools (school_id));
diesel::joinable!(person_subjects -> persons (person_id));
diesel::joinable!(group_memberships -> edu_groups (group_id));
diesel::joinable!(seats -> edu_groups (group_id));
diesel::joinable!(motions -> meetings (meeting_id));

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
    county_settings,
    edu_groups,
    group_transitions,
    group_memberships,
    charters,
    seats,
    meetings,
    attendance,
    motions,
    recusals,
    votes,
    resolutions,
    applications,
    rectification_orders,
    cadre_nominations,
    name_grams,
    internal_bodies,
    meeting_demands,
    staffing_totals,
    special_quotas,
    staffing_filings,
    staffing_adjustments,
    post_allocations,
    hiring_rounds,
    hiring_posts,
    hiring_outcomes,
    hiring_steps,
    exchange_plans,
    exchanges,
    school_subjects,
    assessment_frameworks,
    assessments,
    assessment_scores,
    assessment_reopenings,
    pay_pools,
    pay_plans,
    growth_reviews,
    inspections,
    group_funds,
    fund_entries,
);

// The staffing reports group the posts held by the round's group and the post's key.
diesel::allow_columns_to_appear_in_same_group_by_clause!(
    hiring_rounds::group_id,
    hiring_posts::school_id,
    hiring_posts::category,
    hiring_posts::level,
    hiring_posts::bonus,
);

// The assessment reports name each group beside its assessment.
diesel::joinable!(assessments -> edu_groups (group_id));
