//! Data exchanged with the API.

use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parent {
    pub email: String,
    pub phone: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Child {
    pub first_name: String,
    pub date_of_birth: Option<String>,
    /// Allergies declared by the parents, shown to the kitchen.
    pub allergies: Vec<String>,
}
