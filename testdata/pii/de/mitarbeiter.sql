-- Stammdaten der Mitarbeiter
INSERT INTO mitarbeiter (name, steuer_id) VALUES ('Anna Schmidt', '86095742719');
INSERT INTO mitarbeiter (name, telefon) VALUES ('Jonas Weber', '86095742719');
