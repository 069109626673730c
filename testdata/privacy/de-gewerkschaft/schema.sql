-- Mitgliederverwaltung der Gewerkschaft (PostgreSQL)
CREATE TABLE mitglieder (
    mitglied_id        SERIAL PRIMARY KEY,
    vorname            VARCHAR(100) NOT NULL,
    nachname           VARCHAR(100) NOT NULL,
    geburtsdatum       DATE,
    anschrift          TEXT,
    email              VARCHAR(255) UNIQUE,
    telefonnummer      VARCHAR(30),
    steuer_id          CHAR(11),
    sozialversicherungsnummer VARCHAR(12),
    gewerkschaftszugehoerigkeit BOOLEAN NOT NULL DEFAULT TRUE,
    konfession         VARCHAR(40),
    schwerbehindert    BOOLEAN DEFAULT FALSE,
    krankenkasse       VARCHAR(100),
    eintrittsdatum     DATE NOT NULL,
    beitragssatz       NUMERIC(5, 2),
    mitgliedsstatus    VARCHAR(20)
);

COMMENT ON COLUMN mitglieder.konfession IS 'Für die Kirchensteuer-Bescheinigung';

CREATE TABLE tarifvertraege (
    tarifvertrag_id    SERIAL PRIMARY KEY,
    bezeichnung        TEXT NOT NULL,
    branche            VARCHAR(100),
    laufzeit_ende      DATE,
    tabellenentgelt    NUMERIC(10, 2)
);

CREATE TABLE veranstaltungen (
    veranstaltung_id   SERIAL PRIMARY KEY,
    titel              TEXT NOT NULL,
    ort                VARCHAR(200),
    beginn             TIMESTAMP,
    teilnehmerzahl     INTEGER,
    rollstuhlgerecht   BOOLEAN
);

CREATE TABLE fahrzeuge (
    kennzeichen        VARCHAR(12) PRIMARY KEY,
    fahrzeug_diagnose  TEXT,
    sternzeichen_krebs BOOLEAN,
    wartung_faellig    DATE
);

ALTER TABLE mitglieder ADD COLUMN parteimitgliedschaft VARCHAR(100);

CREATE TABLE system_diagnose (
    lauf_id            SERIAL PRIMARY KEY,
    diagnose_code      VARCHAR(20),
    diagnose_modus     VARCHAR(20),
    gestartet          TIMESTAMP
);

INSERT INTO tarifvertraege (bezeichnung, branche) VALUES ('TV Metall; Bezirk Nord', 'Metall');

CREATE OR REPLACE FUNCTION beitrag(m INT) RETURNS NUMERIC AS $$
  SELECT beitragssatz FROM mitglieder WHERE mitglied_id = m;
$$ LANGUAGE sql;
