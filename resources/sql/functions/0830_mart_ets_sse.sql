-- The 30-day revenue forecast: additive exponential smoothing with a weekly
-- season and no trend, ETS(A,N,A):
--   forecast ŷ(t) = level(t-1) + season(t-m);   e(t) = y(t) − ŷ(t)
--   level(t) = level(t-1) + α·e(t);             season(t) = season(t-m) + γ·e(t)
-- Why: daily shop revenue has a strong weekday pattern and, over 30 days, no
-- trend that one year of history can estimate without extrapolating the
-- Nov–Dec peak; a trend-free level adapts to the current run rate while the
-- season keeps weekends and weekdays apart. α and γ are fitted by least
-- squares of the one-step-ahead errors on a grid (α 0.05…0.95, γ 0…0.30)
-- unless mart.settings fixes them. The band is ŷ ± z·σ_h with the model's
-- analytic variance σ_h² = σ²·(1 + (h−1)·α² + ⌊(h−1)/m⌋·γ·(2α+γ)), σ² the mean
-- squared one-step error; the lower bound is clipped at 0. With less than two
-- seasons of history the season is dropped (simple exponential smoothing).
-- Arithmetic is numeric, each state rounded to 8 decimals.
CREATE OR REPLACE FUNCTION mart.ets_sse(y numeric[], m integer, alpha numeric, gamma numeric, level0 numeric, season0 numeric[])
    RETURNS numeric
    LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    lvl numeric := level0;
    s numeric[] := season0;
    e numeric;
    j integer;
    sse numeric := 0;
BEGIN
    FOR t IN 1 .. cardinality(y) LOOP
        j := (t - 1) % m + 1;
        e := y[t] - (lvl + s[j]);
        IF t > m THEN
            sse := sse + e * e;
        END IF;
        lvl := round(lvl + alpha * e, 8);
        s[j] := round(s[j] + gamma * e, 8);
    END LOOP;
    RETURN sse;
END
$fn$;
