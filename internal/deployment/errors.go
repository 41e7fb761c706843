package deployment

import "flag"

// ErrHelp is returned by Load when the arguments ask for help (-h, --help):
// print Usage and exit successfully.
var ErrHelp = flag.ErrHelp

// OptionError reports a bad value, or a name that matches no option, and
// says where it came from. Its message starts with that place as the user
// wrote it: "--max-token-lifetime", "GITAUTHD_VERBOSE", "config.yaml" or
// "config.yaml: http_address".
type OptionError struct {
	// Option is the option concerned; nil when the name matched none.
	Option *Option
	// Source is where the bad value or name came from.
	Source ValueSource
	// Where names the place, as the user wrote it.
	Where string
	Err   error
}

func (e *OptionError) Error() string { return e.Where + ": " + e.Err.Error() }

func (e *OptionError) Unwrap() error { return e.Err }

// suggest returns the candidate closest to name by edit distance, or "" when
// none is close enough to be a likely typo.
func suggest(name string, candidates []string) string {
	best, bestD := "", 3
	if len(name) < 6 {
		bestD = 2
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if d := editDistance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// didYouMean formats a suggestion suffix, "" when there is none.
func didYouMean(name string, candidates []string) string {
	if s := suggest(name, candidates); s != "" {
		return "; did you mean " + quote(s) + "?"
	}
	return ""
}

func quote(s string) string { return `"` + s + `"` }
