package deployment

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Usage writes the --help text: every visible option, by group, with its
// flag, type, environment variable, YAML key and default.
func Usage(w io.Writer) {
	writeUsage(w, Options(&Values{}))
}

func writeUsage(w io.Writer, opts []*Option) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()

	fmt.Fprintln(bw, "Usage: gitauthd server [flags]")
	fmt.Fprintln(bw)
	for _, line := range wrap("Every option can be given as a flag, as an environment variable or as a key of the YAML file named by --config. A flag beats an environment variable, which beats the file, which beats the default. Lists are comma-separated in flags and environment variables, YAML lists in the file; durations are written like 90s, 15m or 24h.", 78) {
		fmt.Fprintln(bw, line)
	}

	groups, byGroup := visibleByGroup(opts)
	for _, g := range groups {
		fmt.Fprintln(bw)
		if g != nil {
			fmt.Fprintf(bw, "%s:\n", g.Path())
			for _, line := range wrap(g.Description, 76) {
				fmt.Fprintf(bw, "  %s\n", line)
			}
		} else {
			fmt.Fprintln(bw, "Other:")
		}
		for _, o := range byGroup[g] {
			fmt.Fprintln(bw)
			head := "  --" + o.Flag + " " + o.Value.Type()
			if o.Flag == "" {
				head = "  " + o.Name + " (" + o.Value.Type() + ", no flag)"
			}
			if o.Default != "" && !o.IsSecret() {
				head += " (default: " + o.Default + ")"
			}
			fmt.Fprintln(bw, head)
			where := "      env: $" + o.Env
			if o.YAML != "" {
				where += ", yaml: " + o.YAML
			}
			fmt.Fprintln(bw, where)
			for _, line := range wrap(o.Description, 72) {
				fmt.Fprintf(bw, "      %s\n", line)
			}
		}
	}
}

// wrap breaks s into lines of at most width characters, at spaces.
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) > width:
			lines = append(lines, line)
			line = word
		default:
			line += " " + word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
