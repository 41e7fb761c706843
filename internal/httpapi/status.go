package httpapi

// ErrorStatus is the HTTP status the server answers err with (in either
// dialect), for the audit trail's records of refusals.
func ErrorStatus(err error) int {
	_, status := Classify(err)
	return status
}
