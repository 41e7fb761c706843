package deployment

import (
	"fmt"
	"io"
	"strings"
)

// WriteReference writes the configuration reference in Markdown: every
// visible option, by group, with its flag, environment variable, YAML key,
// type, default and description. docs/operations.md embeds it (make docs);
// like --help, it is generated from the option table.
func WriteReference(w io.Writer) {
	opts := Options(&Values{})
	groups, byGroup := visibleByGroup(opts)
	for i, g := range groups {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "#### %s\n\n%s\n\n", g.Path(), g.Description)
		fmt.Fprintln(w, "| Flag | Environment variable | YAML key | Type | Default | Description |")
		fmt.Fprintln(w, "|---|---|---|---|---|---|")
		for _, o := range byGroup[g] {
			flag := "—"
			if o.Flag != "" {
				flag = "`--" + o.Flag + "`"
			}
			yaml := "—"
			if o.YAML != "" {
				yaml = "`" + o.YAML + "`"
			}
			def := ""
			switch {
			case o.IsSecret():
				def = "(secret)"
			case o.Flag == "data-dir":
				def = "the user's configuration directory + `/gitauthd`"
			case o.Default != "":
				def = "`" + o.Default + "`"
			}
			fmt.Fprintf(w, "| %s | `%s` | %s | %s | %s | %s |\n", flag, o.Env, yaml, o.Value.Type(), def, cell(o.Description))
		}
	}
}

// cell makes s safe inside a Markdown table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}
