-- The staged record rebuilt as one CSV line, for quarantine.raw_record.
CREATE OR REPLACE FUNCTION dw.csv_record(VARIADIC fields text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT string_agg(CASE
                                  WHEN f IS NULL THEN ''
                                  WHEN f = '' OR f ~ '[",\r\n]' OR f <> btrim(f) THEN '"' || replace(f, '"', '""') || '"'
                                  ELSE f END,
                              ',' ORDER BY i)
            FROM unnest(fields) WITH ORDINALITY AS u(f, i));
