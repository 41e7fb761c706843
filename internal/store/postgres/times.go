package postgres

import "time"

// Times are stored as BIGINT unix milliseconds, exactly as in the SQLite
// engine: integers compare and sort exactly, and milliseconds are the
// precision the store contract promises (any finer part is truncated,
// consistently with time.Truncate). The zero time.Time is stored as its own
// millisecond value and read back as the zero time.Time.

// millis encodes t for storage.
func millis(t time.Time) int64 {
	return t.UnixMilli()
}

// fromMillis decodes a stored time, in UTC.
func fromMillis(ms int64) time.Time {
	return time.UnixMilli(ms).UTC()
}

// Optional times (a link's expiry, where zero means never) are stored as 0
// rather than as the zero time.Time's millisecond value; the instant of the
// Unix epoch therefore also reads as zero.

// optionalMillis encodes t for storage, the zero time.Time as 0.
func optionalMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromOptionalMillis decodes a stored optional time, 0 as the zero time.Time.
func fromOptionalMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return fromMillis(ms)
}
