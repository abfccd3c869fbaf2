-- Twin of postgresql/V2__identifier_collation.sql, which gives paths, folders, formats and tags the
-- byte-order collation "C". H2 already compares strings by code point: nothing to change here.
SELECT 1;
