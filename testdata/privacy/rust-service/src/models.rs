//! Data types of the clinic service.

use serde::{Deserialize, Serialize};

/// A patient, as stored and returned by the API.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Patient {
    pub id: u64,
    pub full_name: String,
    pub date_of_birth: Option<String>,
    /// NHS number, validated with the mod 11 check.
    #[serde(rename = "nhsNo")]
    pub nhs_number: String,
    pub diagnosis: Option<String>,
    pub blood_type: Option<String>,
    pub genetic_test_result: Option<String>,
    pub fingerprint_template: Vec<u8>,
    pub created_at: String,
}

/// A member of the patients' association.
#[derive(Serialize, Deserialize)]
pub struct Member {
    pub member_id: u64,
    pub email: String,
    pub ethnicity: Option<String>,
    pub sexual_orientation: Option<String>,
    pub political_party: Option<String>,
    pub criminal_record: Option<String>,
    pub newsletter: bool,
}

/// Build and runtime diagnostics, sent to the monitoring service.
#[derive(Serialize)]
pub struct BuildReport {
    pub race_condition_detected: bool,
    pub health_check_url: String,
    pub browser_fingerprint: String,
    pub treatment_group: String,
    pub crash_count: u32,
    pub genetic_algorithm_generations: u32,
    pub biometric_login_enabled: bool,
}

/// An in-memory cache entry: not a data model (no serialisation).
pub struct CacheEntry {
    pub email: String,
    pub diagnosis: String,
}

/// A dog of the therapy-dog programme.
#[derive(Serialize, Deserialize)]
pub struct Dog {
    pub name: String,
    pub race: String,
    pub pet_vaccination: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Event {
    PatientAdmitted { patient_id: u64, ward: String, allergies: Vec<String> },
    PatientLeft { patient_id: u64 },
}
