-- Character unigrams and bigrams of a text, lower-cased, without whitespace: a GIN index over them answers
-- Chinese substring search of 1–2 characters (配电, 电), which trigrams cannot (pg_bigm's idea, in plain SQL so
-- PGlite and PostgreSQL share it). A query's grams contained in a row's grams is necessary for a match, and
-- sufficient for a 1–2 character query.
CREATE OR REPLACE FUNCTION redline_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[])
  FROM (
    SELECT substr(s.l, i, n) AS g
    FROM (SELECT lower(t) AS l) s, generate_series(1, char_length(s.l)) AS i, (VALUES (1), (2)) AS v(n)
    WHERE i + n - 1 <= char_length(s.l)
  ) grams
  WHERE g !~ '\s'
$$;
