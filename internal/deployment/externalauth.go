package deployment

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gitauthd/gitauthd/internal/externalauth"
)

// externalAuthEnvPrefix starts the external auth variables,
// GITAUTHD_EXTERNAL_AUTH_<n>_<FIELD>.
const externalAuthEnvPrefix = EnvPrefix + "EXTERNAL_AUTH_"

// externalAuthEnvTemplate is how the option table names those variables.
const externalAuthEnvTemplate = externalAuthEnvPrefix + "<n>_<FIELD>"

// authField is one field of externalauth.Config as the sources name it.
type authField struct {
	yaml  string // YAML key, "client_id"
	env   string // env var suffix, "CLIENT_ID"
	index int    // field index in externalauth.Config
}

// authFields lists externalauth.Config's fields in declaration order, from
// its yaml tags, so the two sources can never drift from the struct.
var authFields = func() []authField {
	t := reflect.TypeFor[externalauth.Config]()
	out := make([]authField, 0, t.NumField())
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		out = append(out, authField{yaml: tag, env: strings.ToUpper(tag), index: i})
	}
	return out
}()

func authFieldBy(match func(authField) bool) (authField, bool) {
	for _, f := range authFields {
		if match(f) {
			return f, true
		}
	}
	return authField{}, false
}

// set parses s into the field of c: strings as they are, booleans as
// strconv.ParseBool reads them, lists split at commas and white space.
func (f authField) set(c *externalauth.Config, s string) error {
	fv := reflect.ValueOf(c).Elem().Field(f.index)
	switch fv.Interface().(type) {
	case string:
		fv.SetString(s)
	case bool, *bool:
		b, err := strconv.ParseBool(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("invalid boolean %q", s)
		}
		if fv.Kind() == reflect.Pointer {
			fv.Set(reflect.ValueOf(&b))
		} else {
			fv.SetBool(b)
		}
	case []string:
		fv.Set(reflect.ValueOf(splitFields(s)))
	default:
		panic("deployment: unhandled externalauth.Config field type " + fv.Type().String())
	}
	return nil
}

func (f authField) isList(c *externalauth.Config) bool {
	return reflect.ValueOf(c).Elem().Field(f.index).Kind() == reflect.Slice
}

// splitFields splits a list written in one string at commas and white
// space: "repo,workflow" and "repo workflow" (Coder's env form) are the same.
func splitFields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || isSpace(r) })
}

// ExternalAuthList is the value of the "External Auth Providers" option.
// No flag sets it and its sources are structured, so Load fills it itself:
// Set only accepts "" (the empty default), and String only summarises the
// providers (their ids) instead of round-tripping through Set.
type ExternalAuthList []externalauth.Config

// ExternalAuthListOf binds an ExternalAuthList value to *p.
func ExternalAuthListOf(p *[]externalauth.Config) *ExternalAuthList { return (*ExternalAuthList)(p) }

func (l *ExternalAuthList) Set(v string) error {
	if strings.TrimSpace(v) != "" {
		return fmt.Errorf("external auth providers are set with %s variables or the YAML external_auth list", externalAuthEnvTemplate)
	}
	*l = nil
	return nil
}

// String lists the providers' ids (their types when no id is set).
func (l *ExternalAuthList) String() string {
	names := make([]string, 0, len(*l))
	for _, c := range *l {
		n := c.ID
		if n == "" {
			n = c.Type
		}
		names = append(names, n)
	}
	return strings.Join(names, ",")
}

func (*ExternalAuthList) Type() string { return "external-auth-list" }

// Interface returns the entries; their JSON form leaves out client secrets.
func (l *ExternalAuthList) Interface() any {
	if *l == nil {
		return []externalauth.Config{}
	}
	return []externalauth.Config(*l)
}

// externalAuthEnv gathers the GITAUTHD_EXTERNAL_AUTH_<n>_<FIELD> variables.
type externalAuthEnv map[int]*externalauth.Config

// add applies one variable; the error does not repeat its value unless the
// value is a malformed boolean.
func (e externalAuthEnv) add(name, value string) error {
	rest := strings.TrimPrefix(name, externalAuthEnvPrefix)
	idx, field, ok := strings.Cut(rest, "_")
	n, err := strconv.Atoi(idx)
	if !ok || err != nil || n < 0 || strconv.Itoa(n) != idx {
		return fmt.Errorf("not an external auth variable, want %s with <n> a number (0, 1, 2…) and <FIELD> one of %s",
			externalAuthEnvTemplate, strings.Join(authEnvFields(), ", "))
	}
	f, ok := authFieldBy(func(f authField) bool { return f.env == field })
	if !ok {
		return fmt.Errorf("unknown external auth field %q%s", field, didYouMean(field, authEnvFields()))
	}
	c := e[n]
	if c == nil {
		c = &externalauth.Config{}
		e[n] = c
	}
	return f.set(c, value)
}

// list returns the entries sorted by <n>; gaps in the numbering are allowed.
func (e externalAuthEnv) list() []externalauth.Config {
	ns := make([]int, 0, len(e))
	for n := range e {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	out := make([]externalauth.Config, 0, len(ns))
	for _, n := range ns {
		out = append(out, *e[n])
	}
	return out
}

func authEnvFields() []string {
	out := make([]string, 0, len(authFields))
	for _, f := range authFields {
		out = append(out, f.env)
	}
	return out
}

func authYAMLKeys() []string {
	out := make([]string, 0, len(authFields))
	for _, f := range authFields {
		out = append(out, f.yaml)
	}
	return out
}

// yamlError is an error at a place inside the external_auth list.
type yamlError struct {
	where string // "external_auth[1]" or "external_auth[1].scopes"
	err   error
}

// parseExternalAuthYAML reads the external_auth list: null or a sequence of
// mappings whose keys are externalauth.Config's yaml tags.
func parseExternalAuthYAML(n *yaml.Node) ([]externalauth.Config, []yamlError) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, []yamlError{{where: "external_auth", err: fmt.Errorf("expected a list of providers (line %d)", n.Line)}}
	}
	var errs []yamlError
	out := make([]externalauth.Config, 0, len(n.Content))
	for i, item := range n.Content {
		item = resolveAlias(item)
		at := fmt.Sprintf("external_auth[%d]", i)
		if item.Kind != yaml.MappingNode {
			errs = append(errs, yamlError{at, fmt.Errorf("expected a mapping of provider fields (line %d)", item.Line)})
			continue
		}
		var c externalauth.Config
		seen := map[string]bool{}
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, val := item.Content[j], resolveAlias(item.Content[j+1])
			if k.Kind != yaml.ScalarNode {
				errs = append(errs, yamlError{at, fmt.Errorf("expected a key (line %d)", k.Line)})
				continue
			}
			f, ok := authFieldBy(func(f authField) bool { return f.yaml == k.Value })
			if !ok {
				errs = append(errs, yamlError{at, fmt.Errorf("unknown key %q (line %d%s)", k.Value, k.Line, didYouMean(k.Value, authYAMLKeys()))})
				continue
			}
			if seen[k.Value] {
				errs = append(errs, yamlError{at, fmt.Errorf("duplicate key %q (line %d)", k.Value, k.Line)})
				continue
			}
			seen[k.Value] = true
			if err := setAuthYAML(&c, f, val); err != nil {
				errs = append(errs, yamlError{at + "." + f.yaml, fmt.Errorf("%w (line %d)", err, val.Line)})
			}
		}
		out = append(out, c)
	}
	return out, errs
}

// setAuthYAML sets one field from a node: a scalar, or for a list field a
// sequence of scalars (or one scalar, split as in env vars). Null leaves the
// zero value.
func setAuthYAML(c *externalauth.Config, f authField, n *yaml.Node) error {
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return nil
	case n.Kind == yaml.ScalarNode:
		return f.set(c, n.Value)
	case n.Kind == yaml.SequenceNode && f.isList(c):
		values, err := yamlStrings(n)
		if err != nil {
			return err
		}
		items := make([]string, 0, len(values))
		for _, v := range values {
			items = append(items, splitFields(v)...)
		}
		reflect.ValueOf(c).Elem().Field(f.index).Set(reflect.ValueOf(items))
		return nil
	default:
		return errNotScalar(n)
	}
}
