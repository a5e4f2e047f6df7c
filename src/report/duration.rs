//! Working time in words, for `check`, `list`, `progress` and `watch`.

use super::catalogue::Msg;
use crate::manifest::Lang;

/// A working time in words: `6 h 20 min`, `45 min`, `under a minute` (whole minutes, rounded down).
pub fn duration(secs: u64, lang: Lang) -> String {
    let minutes = secs / 60;
    if minutes == 0 {
        Msg::DurationUnderMinute.text(lang).to_string()
    } else if minutes >= 60 {
        Msg::DurationHours.say(lang, &[("h", &(minutes / 60)), ("m", &(minutes % 60))])
    } else {
        Msg::DurationMinutes.say(lang, &[("m", &minutes)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_whole_minutes_and_hours() {
        assert_eq!(duration(59, Lang::En), "under a minute");
        assert_eq!(duration(45 * 60 + 59, Lang::En), "45 min");
        assert_eq!(duration(6 * 3600 + 20 * 60, Lang::En), "6 h 20 min");
        assert_eq!(duration(3600, Lang::Ja), "1 時間 0 分");
    }
}
