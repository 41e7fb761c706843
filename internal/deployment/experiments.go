package deployment

import (
	"fmt"
	"strings"
)

// Experiment describes an experimental feature this build understands.
type Experiment struct {
	Name        string
	Description string
	// Safe experiments are the ones "*" enables and the ones
	// /experiments/available lists.
	Safe bool
}

// ExperimentAll, given to --experiments, enables every safe experiment.
const ExperimentAll = "*"

// KnownExperiments lists every experiment of this build. There are none yet;
// --experiments refuses any name not listed here.
var KnownExperiments = []Experiment{}

// SafeExperiments returns the names of the safe known experiments, in table
// order, never nil.
func SafeExperiments() []string { return safeExperiments(KnownExperiments) }

func safeExperiments(known []Experiment) []string {
	out := []string{}
	for _, e := range known {
		if e.Safe {
			out = append(out, e.Name)
		}
	}
	return out
}

// EnabledExperiments returns the experiments in force: the configured names
// with "*" replaced by every safe experiment, each once, in order; never nil.
func (v *Values) EnabledExperiments() []string {
	return enabledExperiments(v.Experiments, KnownExperiments)
}

func enabledExperiments(configured []string, known []Experiment) []string {
	out := []string{}
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, n := range configured {
		if n == ExperimentAll {
			for _, s := range safeExperiments(known) {
				add(s)
			}
			continue
		}
		add(n)
	}
	return out
}

// validateExperiments refuses any name that is neither "*" nor known.
func validateExperiments(names []string, known []Experiment) error {
	for _, n := range names {
		if n == ExperimentAll {
			continue
		}
		found := false
		for _, e := range known {
			if e.Name == n {
				found = true
				break
			}
		}
		if !found {
			var list []string
			for _, e := range known {
				list = append(list, e.Name)
			}
			if len(list) == 0 {
				return fmt.Errorf("unknown experiment %q (this build has none)", n)
			}
			return fmt.Errorf("unknown experiment %q (known: %s, or %q for all safe ones)", n, strings.Join(list, ", "), ExperimentAll)
		}
	}
	return nil
}
