// Command testsummary gathers what `make test` ran and skipped into one
// summary, printed at its end.
//
//	go test -json ./... | testsummary go FILE   print the test output as go test
//	                                            does (failures in full), record
//	                                            the counts and every skip reason
//	testsummary record FILE PART ran|skipped TEXT  record one part of make test
//	testsummary report FILE                     print the summary
//
// FILE holds one record a line: part, status, text (tab separated).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: testsummary go FILE | record FILE PART ran|skipped TEXT | report FILE")
		os.Exit(2)
	}
	file := os.Args[2]
	var err error
	code := 0
	switch os.Args[1] {
	case "go":
		var failed bool
		failed, err = goTests(os.Stdin, os.Stdout, file)
		if failed {
			code = 1
		}
	case "record":
		if len(os.Args) != 6 || (os.Args[4] != "ran" && os.Args[4] != "skipped") {
			fmt.Fprintln(os.Stderr, "usage: testsummary record FILE PART ran|skipped TEXT")
			os.Exit(2)
		}
		err = record(file, os.Args[3], os.Args[4], os.Args[5])
	case "report":
		err = report(file, os.Stdout)
	default:
		fmt.Fprintf(os.Stderr, "testsummary: unknown command %q\n", os.Args[1])
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "testsummary: %v\n", err)
		os.Exit(1)
	}
	os.Exit(code)
}

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action  string // run, output, pass, fail, skip; build-output, build-fail
	Package string
	Test    string
	Output  string
}

// goTests echoes the test run in go test's plain form (package results,
// and the whole output of a failing test), and records how many tests
// passed, failed and were skipped, with the reasons of the skips.
func goTests(in io.Reader, out io.Writer, file string) (failed bool, err error) {
	type key struct{ pkg, test string }
	buf := map[key][]string{}
	skips := map[string][]string{} // reason -> tests
	var passed, failedN, skipped int
	pkgs := map[string]bool{}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			fmt.Fprintln(out, sc.Text()) // a build error, say: not an event
			continue
		}
		k := key{e.Package, e.Test}
		switch {
		case e.Action == "build-output":
			fmt.Fprint(out, e.Output)
		case e.Test == "" && e.Action == "output":
			if !strings.HasPrefix(e.Output, "=== ") && e.Output != "PASS\n" && !strings.HasPrefix(e.Output, "--- PASS") {
				fmt.Fprint(out, e.Output)
			}
		case e.Test == "" && e.Action == "skip": // a package without tests
		case e.Test == "" && (e.Action == "pass" || e.Action == "fail"):
			pkgs[e.Package] = true
			failed = failed || e.Action == "fail"
		case e.Action == "output":
			buf[k] = append(buf[k], e.Output)
		case e.Action == "pass":
			passed++
			delete(buf, k)
		case e.Action == "fail":
			failedN++
			failed = true
			for _, l := range buf[k] {
				fmt.Fprint(out, l)
			}
			delete(buf, k)
		case e.Action == "skip":
			skipped++
			r := skipReason(buf[k])
			skips[r] = append(skips[r], e.Test)
			delete(buf, k)
		}
	}
	if err := sc.Err(); err != nil {
		return true, err
	}
	status := fmt.Sprintf("%d tests and subtests passed, %d failed, %d skipped, in %d packages", passed, failedN, skipped, len(pkgs))
	if err := record(file, "go test ./...", "ran", status); err != nil {
		return failed, err
	}
	reasons := make([]string, 0, len(skips))
	for r := range skips {
		reasons = append(reasons, r)
	}
	sort.Slice(reasons, func(i, j int) bool { return len(skips[reasons[i]]) > len(skips[reasons[j]]) })
	for _, r := range reasons {
		tests := skips[r]
		names := strings.Join(tests[:min(3, len(tests))], ", ")
		if len(tests) > 3 {
			names += ", …"
		}
		text := fmt.Sprintf("%d (%s): %s", len(tests), names, r)
		if h := hint(r); h != "" {
			text += "; to run them: " + h
		}
		if err := record(file, "go test ./...", "skipped", text); err != nil {
			return failed, err
		}
	}
	return failed, nil
}

// skipReason is the message a skipped test logged (t.Skip's argument),
// without the file:line prefix.
func skipReason(lines []string) string {
	var msg []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- SKIP") {
			continue
		}
		if _, rest, ok := strings.Cut(l, ": "); ok && strings.Contains(l[:len(l)-len(rest)], ".go:") {
			l = rest
		}
		msg = append(msg, l)
	}
	if len(msg) == 0 {
		return "no reason given"
	}
	return strings.Join(msg, " ")
}

// hint says how to run tests skipped for a reason the message itself does
// not explain.
func hint(reason string) string {
	switch {
	case strings.Contains(reason, "git is not installed"):
		return "apt-get install -y git"
	case strings.Contains(reason, "no go command"):
		return "put go on PATH"
	case strings.Contains(reason, "does not implement"), strings.Contains(reason, "store contract cannot"),
		strings.Contains(reason, "astronomically unlikely"):
		return "" // by design, not by environment
	}
	return ""
}

func record(file, part, status, text string) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	clean := func(s string) string { return strings.NewReplacer("\t", " ", "\n", " ").Replace(s) }
	_, err = fmt.Fprintf(f, "%s\t%s\t%s\n", clean(part), status, clean(text))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func report(file string, out io.Writer) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "")
	fmt.Fprintln(out, "== make test: summary")
	var skipped int
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			continue
		}
		if f[1] == "skipped" {
			skipped++
		}
		fmt.Fprintf(out, "%-8s %-22s %s\n", f[1], f[0], f[2])
	}
	if skipped == 0 {
		fmt.Fprintln(out, "nothing was skipped")
	}
	return nil
}
