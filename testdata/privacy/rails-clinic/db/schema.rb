# This file is auto-generated from the current state of the database.
ActiveRecord::Schema[7.1].define(version: 2025_03_02_101500) do
  enable_extension "plpgsql"

  create_table "patients", force: :cascade do |t|
    t.string "first_name", null: false
    t.string "last_name", null: false
    t.date "birth_date"
    t.string "phone_number"
    t.text "medical_history", comment: "Free-text history entered by the physician"
    t.string "insurance_number"
    t.boolean "pregnant"
    t.string "preferred_language"
    t.datetime "created_at", null: false
    t.index ["last_name"], name: "index_patients_on_last_name"
  end

  create_table "prescriptions", force: :cascade do |t|
    t.references "patient", null: false
    t.string "medication", null: false
    t.string "dosage"
    t.date "valid_until"
  end

  create_table "horse_races", force: :cascade do |t|
    t.string "race_name"
    t.integer "handicap_index"
    t.string "track_condition"
    t.datetime "starts_at"
  end

  create_table "lab_devices", force: :cascade do |t|
    t.string "serial_number"
    t.string "dna_sequencer_model"
    t.string "health_status"
    t.datetime "last_health_check_at"
  end
end
