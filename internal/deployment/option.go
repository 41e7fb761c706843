package deployment

// ValueSource says where an option's value came from.
type ValueSource string

// Value sources, as the deployment config reports them.
const (
	SourceDefault ValueSource = ""
	SourceFlag    ValueSource = "flag"
	SourceEnv     ValueSource = "env"
	SourceYAML    ValueSource = "yaml"
)

// AnnotationSecret marks an option whose value must never be shown: the
// deployment config blanks it and Redacted drops it. Its value is "true".
const AnnotationSecret = "secret"

// Group gathers related options for --help and the deployment config.
// The configuration file is flat, so groups have no YAML key of their own and
// YAML is left empty; the field exists because the config shape has it.
type Group struct {
	Name        string
	YAML        string
	Description string
	Parent      *Group
}

// Path is the group's name preceded by its parents' names, "A / B".
func (g *Group) Path() string {
	if g == nil {
		return ""
	}
	if g.Parent == nil {
		return g.Name
	}
	return g.Parent.Path() + " / " + g.Name
}

// Option is one configuration option. Flag is the long flag name without
// dashes, Env the environment variable, YAML the key in the configuration
// file ("" when the file cannot set it), Default the string form that Load
// gives to Value.Set before reading any source.
type Option struct {
	Name        string
	Description string
	Flag        string
	Env         string
	YAML        string
	Default     string
	Group       *Group
	Annotations map[string]string
	Hidden      bool
	Value       Value
	// ValueSource is set by Load: SourceDefault unless a flag, an env var
	// or the YAML file gave the value.
	ValueSource ValueSource
}

// opt declares an option of the table: its name, flag, default (the string
// Load gives to Value.Set before reading any source; "" for none), value and
// description. Options derives its Env and YAML from the flag; in sets its
// group.
func opt(name, flag, def string, value Value, description string) *Option {
	return &Option{Name: name, Flag: flag, Default: def, Value: value, Description: description}
}

// in puts each option in group g and returns them.
func in(g *Group, opts ...*Option) []*Option {
	for _, o := range opts {
		o.Group = g
	}
	return opts
}

// secret annotates o secret and returns it.
func secret(o *Option) *Option {
	if o.Annotations == nil {
		o.Annotations = map[string]string{}
	}
	o.Annotations[AnnotationSecret] = "true"
	return o
}

// IsSecret reports whether the option is annotated secret.
func (o *Option) IsSecret() bool { return o.Annotations[AnnotationSecret] == "true" }

// OptionView is an option ready for display. Its Option is a copy whose
// Value is nil: Value is the JSON-able value (Value.Interface()), or nil for
// a secret option, whose Default is blanked too.
type OptionView struct {
	Option
	Value any
}

// Redacted returns the options as views with every secret value removed, in
// the same order. It is what GET /deployment/config shows as "options".
func Redacted(opts []*Option) []OptionView {
	out := make([]OptionView, 0, len(opts))
	for _, o := range opts {
		v := OptionView{Option: *o}
		v.Option.Value = nil
		v.Annotations = copyMap(o.Annotations)
		if o.IsSecret() {
			v.Default = ""
		} else if o.Value != nil {
			v.Value = o.Value.Interface()
		}
		out = append(out, v)
	}
	return out
}

// visibleByGroup returns the options that are not hidden, by group: the
// groups in the order of their first option, and each group's options in
// table order. --help and the configuration reference list them so.
func visibleByGroup(opts []*Option) ([]*Group, map[*Group][]*Option) {
	var groups []*Group
	byGroup := map[*Group][]*Option{}
	for _, o := range opts {
		if o.Hidden {
			continue
		}
		if _, ok := byGroup[o.Group]; !ok {
			groups = append(groups, o.Group)
		}
		byGroup[o.Group] = append(byGroup[o.Group], o)
	}
	return groups, byGroup
}

func copyMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}
