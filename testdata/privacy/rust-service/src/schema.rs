// @generated automatically by Diesel CLI.

diesel::table! {
    /// Utentes do centro de saúde.
    utentes (id) {
        id -> Int4,
        nome -> Text,
        nif -> Varchar,
        data_nascimento -> Nullable<Date>,
        /// Diagnóstico principal (CID-10).
        diagnostico -> Nullable<Text>,
        religiao -> Nullable<Text>,
        criado_em -> Timestamp,
    }
}

diesel::table! {
    salas (id) {
        id -> Int4,
        nome -> Text,
        acesso_cadeira_rodas -> Bool,
    }
}
