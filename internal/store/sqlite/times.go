package sqlite

import "time"

// Times are stored as INTEGER unix milliseconds: integers compare and sort
// exactly, and milliseconds are the precision the store contract promises
// (any finer part is truncated, consistently with time.Truncate). The zero
// time.Time is stored as its own millisecond value and read back as the zero
// time.Time.

// millis encodes t for storage.
func millis(t time.Time) int64 {
	return t.UnixMilli()
}

// fromMillis decodes a stored time, in UTC.
func fromMillis(ms int64) time.Time {
	return time.UnixMilli(ms).UTC()
}
