package sqlstore

import "time"

// millis encodes t as unix milliseconds (finer digits are dropped).
func millis(t time.Time) int64 { return t.UnixMilli() }

// fromMillis decodes unix milliseconds, in UTC.
func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// optionalMillis encodes an optional time: the zero time is stored as 0.
func optionalMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromOptionalMillis decodes an optional time: 0 is the zero time.
func fromOptionalMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return fromMillis(ms)
}
