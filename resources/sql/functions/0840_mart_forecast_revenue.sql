CREATE OR REPLACE FUNCTION mart.forecast_revenue()
    RETURNS TABLE (day date, actual numeric, fitted numeric, forecast numeric, lower_bound numeric, upper_bound numeric,
                   is_forecast boolean, method text, alpha numeric, gamma numeric, sigma numeric)
    LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    cfg mart.settings;
    y numeric[];
    days date[];
    n integer;
    m integer;
    weeks integer;
    level0 numeric;
    season0 numeric[];
    best_sse numeric;
    sse numeric;
    a numeric;
    g numeric;
    lvl numeric;
    s numeric[];
    e numeric;
    j integer;
    fit numeric;
    var numeric;
    half numeric;
    alphas numeric[];
    gammas numeric[];
BEGIN
    SELECT * INTO cfg FROM mart.settings;
    SELECT array_agg(r.revenue ORDER BY r.day), array_agg(r.day ORDER BY r.day) INTO y, days FROM mart.revenue_daily r;
    n := coalesce(cardinality(y), 0);
    IF n < 2 THEN
        RETURN;
    END IF;
    m := cfg.forecast_season_days;
    IF n < 2 * m OR m < 2 THEN
        m := 1;   -- not enough history for a season: simple exponential smoothing
    END IF;

    -- Initial state: level = mean of the first season; season j = mean over
    -- the first (up to four) whole seasons of y − that season's mean.
    weeks := least(4, n / m);
    level0 := (SELECT avg(v) FROM unnest(y[1:m]) v);
    season0 := array_fill(0::numeric, ARRAY[m]);
    IF m > 1 THEN
        FOR j IN 1 .. m LOOP
            season0[j] := round((SELECT avg(y[w * m + j] - (SELECT avg(v) FROM unnest(y[w * m + 1:w * m + m]) v))
                                 FROM generate_series(0, weeks - 1) w), 8);
        END LOOP;
    END IF;
    level0 := round(level0, 8);

    alphas := CASE WHEN cfg.forecast_alpha IS NOT NULL THEN ARRAY[cfg.forecast_alpha]
                   ELSE ARRAY(SELECT round(0.05 * i, 2) FROM generate_series(1, 19) i) END;
    gammas := CASE WHEN m = 1 THEN ARRAY[0::numeric]
                   WHEN cfg.forecast_gamma IS NOT NULL THEN ARRAY[cfg.forecast_gamma]
                   ELSE ARRAY[0, 0.05, 0.10, 0.15, 0.20, 0.30]::numeric[] END;
    FOREACH a IN ARRAY alphas LOOP
        FOREACH g IN ARRAY gammas LOOP
            sse := mart.ets_sse(y, m, a, g, level0, season0);
            IF best_sse IS NULL OR sse < best_sse THEN
                best_sse := sse;
                alpha := a;
                gamma := g;
            END IF;
        END LOOP;
    END LOOP;
    sigma := sqrt(best_sse / greatest(n - m, 1));
    method := CASE WHEN m > 1 THEN format('ETS(A,N,A), season %s days', m) ELSE 'simple exponential smoothing' END;

    lvl := level0;
    s := season0;
    FOR t IN 1 .. n LOOP
        j := (t - 1) % m + 1;
        fit := lvl + s[j];
        e := y[t] - fit;
        day := days[t];
        actual := y[t];
        fitted := round(fit, 2);
        forecast := NULL;
        lower_bound := NULL;
        upper_bound := NULL;
        is_forecast := false;
        RETURN NEXT;
        lvl := round(lvl + alpha * e, 8);
        s[j] := round(s[j] + gamma * e, 8);
    END LOOP;

    FOR h IN 1 .. cfg.forecast_horizon_days LOOP
        j := (n + h - 1) % m + 1;
        fit := lvl + s[j];
        var := sigma * sigma * (1 + (h - 1) * alpha * alpha + ((h - 1) / m) * gamma * (2 * alpha + gamma));
        half := cfg.forecast_z * sqrt(var);
        day := days[n] + h;
        actual := NULL;
        fitted := NULL;
        forecast := round(greatest(fit, 0), 2);
        lower_bound := round(greatest(fit - half, 0), 2);
        upper_bound := round(fit + half, 2);
        is_forecast := true;
        RETURN NEXT;
    END LOOP;
END
$fn$;
COMMENT ON FUNCTION mart.forecast_revenue() IS
    'Daily revenue history with one-step fitted values, then the forecast with its band (ETS(A,N,A)).';
