// Command gendocs writes the generated parts of docs/operations.md: the
// configuration reference (from the option table of internal/deployment,
// the one source of the flags, environment variables, YAML keys and
// /deployment/config) and the list of metrics (from internal/metrics).
// Everything else in the file is written by hand.
//
//	go run ./internal/deployment/cmd/gendocs [docs/operations.md]   (make docs)
//
// With -check it changes nothing and fails when the file is stale.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/metrics"
)

func main() {
	check := flag.Bool("check", false, "fail if the file is not up to date instead of writing it")
	flag.Parse()
	file := "docs/operations.md"
	if flag.NArg() > 0 {
		file = flag.Arg(0)
	}
	old, err := os.ReadFile(file)
	if err != nil {
		fail(err)
	}
	updated, err := Generate(string(old))
	if err != nil {
		fail(fmt.Errorf("%s: %w", file, err))
	}
	if updated == string(old) {
		return
	}
	if *check {
		fail(fmt.Errorf("%s is stale: run make docs", file))
	}
	if err := os.WriteFile(file, []byte(updated), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gendocs:", err)
	os.Exit(1)
}

// Generate replaces each generated section of doc (between its begin and
// end markers) with its current content.
func Generate(doc string) (string, error) {
	for _, s := range []struct {
		name string
		gen  func() string
	}{
		{"configuration", configuration},
		{"metrics", metricsList},
	} {
		begin := "<!-- generated:" + s.name + " (make docs; do not edit by hand) -->"
		end := "<!-- end:" + s.name + " -->"
		i, j := strings.Index(doc, begin), strings.Index(doc, end)
		if i < 0 || j < i {
			return "", fmt.Errorf("no %q … %q markers", begin, end)
		}
		doc = doc[:i+len(begin)] + "\n" + s.gen() + "\n" + doc[j:]
	}
	return doc, nil
}

func configuration() string {
	var b bytes.Buffer
	deployment.WriteReference(&b)
	return strings.TrimRight(b.String(), "\n")
}

func metricsList() string {
	var b strings.Builder
	b.WriteString("| Metric | Type | Labels | Meaning |\n|---|---|---|---|\n")
	for _, f := range metrics.Catalog() {
		labels := "—"
		if len(f.Labels) > 0 {
			labels = "`" + strings.Join(f.Labels, "`, `") + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", f.Name, f.Type, labels, strings.ReplaceAll(f.Help, "|", `\|`))
	}
	return strings.TrimRight(b.String(), "\n")
}
