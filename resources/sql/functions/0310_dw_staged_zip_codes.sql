-- staging.zip_codes as the transform reads it: fields typed (NULL where they do
-- not parse) and the problems of needed fields that are empty or do not
-- parse. security_invoker: reading it needs the rights on staging itself.
CREATE OR REPLACE VIEW dw.staged_zip_codes WITH (security_invoker = true) AS
SELECT s.run_id, s.source_line,
       dw.nullif_blank(s.zip_code) AS zip_code,
       dw.nullif_blank(s.city) AS city,
       dw.nullif_blank(s.state) AS state,
       t.latitude, t.longitude, t.points,
       array_remove(ARRAY[
           dw.check_required('zip_code', s.zip_code),
           dw.check_cast('latitude', s.latitude, t.latitude IS NOT NULL AND abs(t.latitude) <= 90, 'a latitude'),
           dw.check_cast('longitude', s.longitude, t.longitude IS NOT NULL, 'a longitude'),
           dw.check_cast('points', s.points, t.points IS NOT NULL, 'a count')], NULL) AS problems
FROM staging.zip_codes s
CROSS JOIN LATERAL (SELECT dw.try_coordinate(s.latitude) AS latitude, dw.try_coordinate(s.longitude) AS longitude,
                           dw.try_int(s.points) AS points) t;
