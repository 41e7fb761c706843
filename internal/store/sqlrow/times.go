package sqlrow

import "time"

// Times are stored as integer (SQLite INTEGER, PostgreSQL BIGINT) unix
// milliseconds: integers compare and sort exactly, and milliseconds are the
// precision the store contract promises (any finer part is truncated,
// consistently with time.Truncate). The zero time.Time is stored as its own
// millisecond value and read back as the zero time.Time.

// Millis encodes t for storage.
func Millis(t time.Time) int64 {
	return t.UnixMilli()
}

// FromMillis decodes a stored time, in UTC.
func FromMillis(ms int64) time.Time {
	return time.UnixMilli(ms).UTC()
}

// Optional times (a link's expiry, where zero means never) are stored as 0
// rather than as the zero time.Time's millisecond value, so that SQL can test
// them simply; the instant of the Unix epoch therefore also reads as zero.

// OptionalMillis encodes t for storage, the zero time.Time as 0.
func OptionalMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// FromOptionalMillis decodes a stored optional time, 0 as the zero
// time.Time.
func FromOptionalMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return FromMillis(ms)
}
