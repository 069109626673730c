CREATE TABLE parents (
    id          BIGSERIAL PRIMARY KEY,
    email       VARCHAR(255) NOT NULL UNIQUE,
    phone       VARCHAR(20),
    first_name  VARCHAR(100),
    last_name   VARCHAR(100)
);

CREATE TABLE children (
    id             BIGSERIAL PRIMARY KEY,
    parent_id      BIGINT NOT NULL REFERENCES parents (id),
    first_name     VARCHAR(100) NOT NULL,
    date_of_birth  DATE,
    allergies      TEXT,
    class_name     VARCHAR(20)
);

CREATE TABLE meals (
    id        BIGSERIAL PRIMARY KEY,
    served_on DATE NOT NULL,
    menu      TEXT NOT NULL
);
