//! Booking rules and durations in words, for the staff pages.

use crate::bookings::Rules;
use crate::i18n::{self, Args, Locale};

/// `90` → «1 сағат 30 минут» / «1 час 30 минут» / «1 hour 30 minutes».
pub fn duration(locale: Locale, minutes: i32) -> String {
    let t = |id: &str, n: i32| i18n::translate(locale, id, Some(&Args::new().set("count", n)));
    if minutes > 0 && minutes % 1440 == 0 {
        return t("manage-days", minutes / 1440);
    }
    match (minutes / 60, minutes % 60) {
        (0, m) => t("manage-minutes", m),
        (h, 0) => t("manage-hours-n", h),
        (h, m) => format!("{} {}", t("manage-hours-n", h), t("manage-minutes", m)),
    }
}

/// The rules, one sentence each.
pub fn describe(locale: Locale, r: &Rules) -> Vec<String> {
    let d = |m: i32| duration(locale, m);
    let one = |id: &str, name: &'static str, value: String| {
        i18n::translate(locale, id, Some(&Args::new().set(name, value)))
    };
    let mut out = vec![
        one("manage-rule-slot", "time", d(r.slot_minutes)),
        i18n::translate(
            locale,
            "manage-rule-length",
            Some(
                &Args::new()
                    .set("min", d(r.min_minutes))
                    .set("max", d(r.max_minutes)),
            ),
        ),
        if r.lead_minutes > 0 {
            one("manage-rule-lead", "time", d(r.lead_minutes))
        } else {
            i18n::translate(locale, "manage-rule-no-lead", None)
        },
        i18n::translate(
            locale,
            "manage-rule-horizon",
            Some(&Args::new().set("count", r.horizon_days)),
        ),
    ];
    match (r.per_day, r.per_week) {
        (None, None) => out.push(i18n::translate(locale, "manage-rule-no-quota", None)),
        (day, week) => {
            if let Some(n) = day {
                out.push(i18n::translate(
                    locale,
                    "manage-rule-per-day",
                    Some(&Args::new().set("count", n)),
                ));
            }
            if let Some(n) = week {
                out.push(i18n::translate(
                    locale,
                    "manage-rule-per-week",
                    Some(&Args::new().set("count", n)),
                ));
            }
        }
    }
    if r.buffer_minutes > 0 {
        out.push(one("manage-rule-buffer", "time", d(r.buffer_minutes)));
    }
    out.push(i18n::translate(
        locale,
        if r.needs_approval {
            "manage-rule-approval"
        } else {
            "manage-rule-no-approval"
        },
        None,
    ));
    out.push(match r.check_in_minutes {
        Some(m) => one("manage-rule-check-in", "time", d(m)),
        None => i18n::translate(locale, "manage-rule-no-check-in", None),
    });
    out.push(i18n::translate(
        locale,
        if r.within_hours {
            "manage-rule-within-hours"
        } else {
            "manage-rule-any-hours"
        },
        None,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_the_largest_whole_unit() {
        assert_eq!(duration(Locale::En, 30), "30 minutes");
        assert_eq!(duration(Locale::En, 60), "1 hour");
        assert_eq!(duration(Locale::En, 90), "1 hour 30 minutes");
        assert_eq!(duration(Locale::Ru, 120), "2 часа");
        assert_eq!(duration(Locale::Ru, 300), "5 часов");
        assert_eq!(duration(Locale::Kk, 2880), "2 күн");
        assert_eq!(duration(Locale::Ru, 21), "21 минута");
    }

    #[test]
    fn rules_read_as_sentences_in_each_language() {
        let hall = Rules::defaults("event_hall");
        for locale in [Locale::Kk, Locale::Ru, Locale::En] {
            let lines = describe(locale, &hall);
            assert!(lines.len() >= 8);
            assert!(lines.iter().all(|l| !l.starts_with("manage-")), "{lines:?}");
        }
        let en = describe(Locale::En, &hall).join(" ");
        assert!(en.contains("approval"), "{en}");
        assert!(en.contains("1 booking a day"), "{en}");
    }
}
