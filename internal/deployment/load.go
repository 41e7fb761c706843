package deployment

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"gopkg.in/yaml.v3"
)

// Load builds the configuration from command-line arguments (without the
// program and subcommand names) and the environment ("KEY=value" entries, as
// os.Environ returns them). Precedence is flag > env > YAML file > default;
// each option's ValueSource records the winner. The YAML file is the one
// named by --config or GITAUTHD_CONFIG, if any.
//
// Unknown flags, unknown YAML keys and unknown GITAUTHD_ variables are errors,
// so that a typo never silently does nothing. Every error names the option
// and the source (see OptionError); all of them are reported at once, joined.
// When args ask for help, Load returns ErrHelp.
//
// The external auth providers are one option read from two sources: the
// GITAUTHD_EXTERNAL_AUTH_<n>_<FIELD> variables (one entry per <n>, in
// ascending order, gaps allowed) and the YAML external_auth list. As in
// Coder, when any such variable is set the entries they describe replace
// the whole YAML list; the two are never merged.
func Load(args, environ []string) (*Values, []*Option, error) {
	return load(args, environ, KnownExperiments)
}

// loader holds the state of one Load.
type loader struct {
	v       *Values
	opts    []*Option
	byFlag  map[string]*Option
	byEnv   map[string]*Option
	byYAML  map[string]*Option
	cfgPath string
	known   []Experiment
	errs    []error
	// extAuth is the external auth option, whose env vars parseEnv
	// gathers into extAuthEnv.
	extAuth    *Option
	extAuthEnv externalAuthEnv
}

func load(args, environ []string, known []Experiment) (*Values, []*Option, error) {
	l := &loader{
		v:          &Values{},
		byFlag:     map[string]*Option{},
		byEnv:      map[string]*Option{},
		byYAML:     map[string]*Option{},
		known:      known,
		extAuthEnv: externalAuthEnv{},
	}
	l.opts = Options(l.v)
	for _, o := range l.opts {
		if err := o.Value.Set(o.Default); err != nil {
			// A bug in the table, not a user error.
			return nil, nil, fmt.Errorf("%s: invalid default %q: %w", o.Name, o.Default, err)
		}
		if _, ok := o.Value.(*ExternalAuthList); ok {
			// No flag, and its env vars follow a pattern; see parseEnv.
			l.extAuth = o
		} else {
			l.byFlag[o.Flag] = o
			l.byEnv[o.Env] = o
		}
		if o.YAML != "" {
			l.byYAML[o.YAML] = o
		}
	}

	flags, err := l.parseFlags(args)
	if err != nil {
		return nil, nil, err
	}
	env := l.parseEnv(environ)

	// The file to read is named by the highest-precedence source that
	// names one.
	cfg := l.byFlag["config"]
	if vals := flags[cfg]; len(vals) > 0 {
		l.cfgPath = vals[len(vals)-1]
	} else if e, ok := env[cfg]; ok {
		l.cfgPath = e.value
	}
	if l.cfgPath != "" {
		l.applyYAMLFile(cfg, env, flags)
	}

	// Env, then flags, each overriding what came before.
	for _, o := range l.opts {
		if e, ok := env[o]; ok {
			l.set(o, SourceEnv, e.name, e.value)
		}
	}
	if len(l.extAuthEnv) > 0 {
		// Env entries replace the YAML list as a whole.
		l.v.ExternalAuth = l.extAuthEnv.list()
		l.extAuth.ValueSource = SourceEnv
	}
	for _, o := range l.opts {
		vals := flags[o]
		for i, s := range vals {
			a, isList := o.Value.(appender)
			if i > 0 && isList {
				if err := a.Append(s); err != nil {
					l.fail(o, SourceFlag, "--"+o.Flag, err)
				}
				continue
			}
			l.set(o, SourceFlag, "--"+o.Flag, s)
		}
	}
	if len(l.errs) > 0 {
		return nil, nil, errors.Join(l.errs...)
	}

	l.validate()
	if len(l.errs) > 0 {
		return nil, nil, errors.Join(l.errs...)
	}
	return l.v, l.opts, nil
}

func (l *loader) fail(o *Option, src ValueSource, where string, err error) {
	l.errs = append(l.errs, &OptionError{Option: o, Source: src, Where: where, Err: err})
}

// set parses s into o and records the source.
func (l *loader) set(o *Option, src ValueSource, where, s string) {
	if err := o.Value.Set(s); err != nil {
		l.fail(o, src, where, err)
		return
	}
	o.ValueSource = src
}

// where names the place o's current value came from, for validation errors.
func (l *loader) where(o *Option) string {
	switch o.ValueSource {
	case SourceEnv:
		return o.Env
	case SourceYAML:
		return l.cfgPath + ": " + o.YAML
	default:
		return "--" + o.Flag
	}
}

// flagRecorder collects a flag's raw values so they can be applied after the
// lower-precedence sources.
type flagRecorder struct {
	vals   *[]string
	isBool bool
}

func (r *flagRecorder) String() string { return "" }

func (r *flagRecorder) Set(s string) error {
	*r.vals = append(*r.vals, s)
	return nil
}

func (r *flagRecorder) IsBoolFlag() bool { return r.isBool }

// parseFlags returns each option's raw flag values in command-line order.
func (l *loader) parseFlags(args []string) (map[*Option][]string, error) {
	fs := flag.NewFlagSet("gitauthd server", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	vals := make(map[*Option]*[]string, len(l.opts))
	for _, o := range l.opts {
		if o.Flag == "" {
			continue
		}
		p := new([]string)
		vals[o] = p
		_, isBool := o.Value.(*Bool)
		fs.Var(&flagRecorder{vals: p, isBool: isBool}, o.Flag, o.Description)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, ErrHelp
		}
		return nil, l.flagError(err)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	out := make(map[*Option][]string, len(vals))
	for o, p := range vals {
		if len(*p) > 0 {
			out[o] = *p
		}
	}
	return out, nil
}

// flagError rewords the flag package's errors in this package's style.
func (l *loader) flagError(err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		name = strings.TrimLeft(name, "-")
		var names []string
		for _, o := range l.opts {
			names = append(names, o.Flag)
		}
		return &OptionError{Source: SourceFlag, Where: "--" + name,
			Err: errors.New("unknown flag" + didYouMean(name, names))}
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		name = strings.TrimLeft(name, "-")
		return &OptionError{Option: l.byFlag[name], Source: SourceFlag, Where: "--" + name,
			Err: errors.New("missing value")}
	}
	return err
}

type envEntry struct{ name, value string }

// TestEnvPrefix starts the variables of gitauthd's own tests (such as
// GITAUTHD_TEST_POSTGRES_URL, which scripts/ci-postgres.sh exports): they
// are not options, and a server started in a shell that has them ignores
// them instead of refusing them as unknown.
const TestEnvPrefix = EnvPrefix + "TEST_"

// parseEnv picks the GITAUTHD_ variables out of environ. The first entry of a
// name wins, as with os.Getenv.
func (l *loader) parseEnv(environ []string) map[*Option]envEntry {
	out := map[*Option]envEntry{}
	seen := map[string]bool{}
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, EnvPrefix) || strings.HasPrefix(name, TestEnvPrefix) || seen[name] {
			continue
		}
		seen[name] = true
		if strings.HasPrefix(name, externalAuthEnvPrefix) {
			if err := l.extAuthEnv.add(name, value); err != nil {
				l.fail(l.extAuth, SourceEnv, name, err)
			}
			continue
		}
		o, ok := l.byEnv[name]
		if !ok {
			var names []string
			for _, o := range l.opts {
				if o != l.extAuth {
					names = append(names, o.Env)
				}
			}
			l.fail(nil, SourceEnv, name, errors.New("unknown environment variable, no option uses it"+didYouMean(name, names)))
			continue
		}
		out[o] = envEntry{name: name, value: value}
	}
	return out
}

// applyYAMLFile reads the file at l.cfgPath and applies its keys.
func (l *loader) applyYAMLFile(cfg *Option, env map[*Option]envEntry, flags map[*Option][]string) {
	data, err := os.ReadFile(l.cfgPath)
	if err != nil {
		where := "--config"
		src := SourceFlag
		if len(flags[cfg]) == 0 {
			where, src = cfg.Env, SourceEnv
		}
		l.fail(cfg, src, where, err)
		return
	}
	l.applyYAML(data)
}

// applyYAML applies a flat YAML mapping of option keys to values.
func (l *loader) applyYAML(data []byte) {
	fileErr := func(format string, a ...any) {
		l.fail(nil, SourceYAML, l.cfgPath, fmt.Errorf(format, a...))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		fileErr("%v", err)
		return
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return // empty file
	}
	root := resolveAlias(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return // only comments, or an explicit null
	}
	if root.Kind != yaml.MappingNode {
		fileErr("expected a mapping of option keys to values (line %d)", root.Line)
		return
	}
	var keys []string
	for _, o := range l.opts {
		keys = append(keys, o.YAML)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, val := root.Content[i], resolveAlias(root.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			fileErr("expected a key (line %d)", k.Line)
			continue
		}
		key := k.Value
		if seen[key] {
			fileErr("duplicate key %q (line %d)", key, k.Line)
			continue
		}
		seen[key] = true
		o, ok := l.byYAML[key]
		if !ok {
			if key == "config" {
				fileErr("key %q cannot be set inside the configuration file, use --config or %s (line %d)", key, l.byFlag["config"].Env, k.Line)
				continue
			}
			fileErr("unknown key %q (line %d%s)", key, k.Line, didYouMean(key, keys))
			continue
		}
		where := l.cfgPath + ": " + key
		if o == l.extAuth {
			l.applyExternalAuthYAML(val)
			continue
		}
		if err := setYAML(o, val); err != nil {
			l.fail(o, SourceYAML, where, fmt.Errorf("%w (line %d)", err, val.Line))
			continue
		}
		o.ValueSource = SourceYAML
	}
}

// applyExternalAuthYAML sets the external auth providers from the YAML
// external_auth list, reporting every bad entry.
func (l *loader) applyExternalAuthYAML(n *yaml.Node) {
	list, errs := parseExternalAuthYAML(n)
	for _, e := range errs {
		l.fail(l.extAuth, SourceYAML, l.cfgPath+": "+e.where, e.err)
	}
	if len(errs) == 0 {
		l.v.ExternalAuth = list
		l.extAuth.ValueSource = SourceYAML
	}
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// setYAML sets o from a YAML node: a scalar for every option, or a sequence
// of scalars for a list option (which also takes a comma-separated scalar).
// A null sets the empty value.
func setYAML(o *Option, n *yaml.Node) error {
	isNull := n.Kind == yaml.ScalarNode && n.Tag == "!!null"
	if list, ok := o.Value.(*StringArray); ok && n.Kind == yaml.SequenceNode {
		items, err := yamlStrings(n)
		if err != nil {
			return err
		}
		list.setList(items)
		return nil
	}
	if jv, ok := o.Value.(interface{ setNode(func(any) error) error }); ok && n.Kind == yaml.MappingNode {
		return jv.setNode(n.Decode)
	}
	switch {
	case isNull:
		return o.Value.Set("")
	case n.Kind == yaml.ScalarNode:
		return o.Value.Set(n.Value)
	default:
		return errNotScalar(n)
	}
}

// yamlStrings returns the values of the sequence n, each item a scalar
// (aliases resolved).
func yamlStrings(n *yaml.Node) ([]string, error) {
	items := make([]string, 0, len(n.Content))
	for _, it := range n.Content {
		it = resolveAlias(it)
		if it.Kind != yaml.ScalarNode {
			return nil, errors.New("expected a list of strings")
		}
		items = append(items, it.Value)
	}
	return items, nil
}

// errNotScalar is the error for a sequence or mapping n where a single
// value belongs.
func errNotScalar(n *yaml.Node) error {
	if n.Kind == yaml.SequenceNode {
		return errors.New("expected a single value, got a list")
	}
	return errors.New("expected a single value, got a mapping")
}
