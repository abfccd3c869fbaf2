CREATE TABLE IF NOT EXISTS example_item (
    id          BIGINT PRIMARY KEY,
    category    VARCHAR(40)   NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    price       NUMERIC(10,2) NOT NULL,
    description VARCHAR(1000) NOT NULL
);
CREATE INDEX IF NOT EXISTS example_item_category ON example_item (category);
