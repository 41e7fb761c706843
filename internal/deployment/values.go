package deployment

import (
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Value is the typed value behind an Option. It is a flag.Value (Set and
// String) that also knows its type name, for --help, and its JSON form, for
// the deployment config.
type Value interface {
	// Set parses s and replaces the value.
	Set(s string) error
	// String formats the value so that Set(String()) restores it.
	String() string
	// Type names the kind of value for --help ("string", "duration", ...).
	Type() string
	// Interface returns the value in a form that encoding/json renders as
	// the deployment config shows it.
	Interface() any
}

// appender is implemented by list values: a repeated flag appends instead of
// replacing.
type appender interface {
	Append(s string) error
}

// String is a plain string value.
type String string

// StringOf binds a String value to *p.
func StringOf(p *string) *String { return (*String)(p) }

func (s *String) Set(v string) error { *s = String(v); return nil }
func (s *String) String() string     { return string(*s) }
func (*String) Type() string         { return "string" }
func (s *String) Interface() any     { return string(*s) }

// Bool is a boolean value; it accepts what strconv.ParseBool accepts.
type Bool bool

// BoolOf binds a Bool value to *p.
func BoolOf(p *bool) *Bool { return (*Bool)(p) }

func (b *Bool) Set(v string) error {
	x, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return fmt.Errorf("invalid boolean %q", v)
	}
	*b = Bool(x)
	return nil
}
func (b *Bool) String() string { return strconv.FormatBool(bool(*b)) }
func (*Bool) Type() string     { return "bool" }
func (b *Bool) Interface() any { return bool(*b) }

// IsBoolFlag lets the flag package accept a bare --name for true.
func (*Bool) IsBoolFlag() bool { return true }

// Int64 is a base-10 integer value.
type Int64 int64

// Int64Of binds an Int64 value to *p.
func Int64Of(p *int64) *Int64 { return (*Int64)(p) }

func (i *Int64) Set(v string) error {
	x, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return fmt.Errorf("invalid integer %q", v)
	}
	*i = Int64(x)
	return nil
}
func (i *Int64) String() string { return strconv.FormatInt(int64(*i), 10) }
func (*Int64) Type() string     { return "int" }
func (i *Int64) Interface() any { return int64(*i) }

// Duration is a time.Duration written as Go writes durations ("90s",
// "1h30m"). Its JSON form is the number of nanoseconds, as Coder sends it.
type Duration time.Duration

// DurationOf binds a Duration value to *p.
func DurationOf(p *time.Duration) *Duration { return (*Duration)(p) }

func (d *Duration) Set(v string) error {
	x, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil {
		return fmt.Errorf("invalid duration %q", v)
	}
	*d = Duration(x)
	return nil
}
func (d *Duration) String() string { return time.Duration(*d).String() }
func (*Duration) Type() string     { return "duration" }
func (d *Duration) Interface() any { return int64(*d) }

// MarshalJSON writes the duration in nanoseconds.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(int64(d)) }

// StringArray is a list of strings: comma-separated in flags and env vars
// (items are trimmed, empty items dropped), a YAML sequence in the file.
// A repeated flag appends to the list.
type StringArray []string

// StringArrayOf binds a StringArray value to *p.
func StringArrayOf(p *[]string) *StringArray { return (*StringArray)(p) }

func (a *StringArray) Set(v string) error {
	*a = splitList(v)
	return nil
}

// Append adds the comma-separated items of v.
func (a *StringArray) Append(v string) error {
	*a = append(*a, splitList(v)...)
	return nil
}

// setList replaces the value with items as given (from a YAML sequence).
func (a *StringArray) setList(items []string) {
	out := make([]string, 0, len(items))
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	*a = out
}

func (a *StringArray) String() string { return strings.Join(*a, ",") }
func (*StringArray) Type() string     { return "string-array" }
func (a *StringArray) Interface() any {
	if *a == nil {
		return []string{}
	}
	return []string(*a)
}

// MarshalJSON writes a JSON array, [] when empty (never null).
func (a StringArray) MarshalJSON() ([]byte, error) {
	if a == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]string(a))
}

func splitList(v string) []string {
	out := []string{}
	for _, it := range strings.Split(v, ",") {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

// URL is a URL value. The empty string sets the zero URL, meaning "unset".
// Its JSON form is the object the deployment config page shows (see URLJSON).
type URL url.URL

// URLOf binds a URL value to *p.
func URLOf(p *url.URL) *URL { return (*URL)(p) }

func (u *URL) Set(v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		*u = URL{}
		return nil
	}
	x, err := url.Parse(v)
	if err != nil {
		return fmt.Errorf("invalid URL %q", v)
	}
	*u = URL(*x)
	return nil
}
func (u *URL) String() string { return (*url.URL)(u).String() }
func (*URL) Type() string     { return "url" }
func (u *URL) Interface() any { return NewURLJSON((*url.URL)(u)) }

// MarshalJSON writes the URLJSON object.
func (u URL) MarshalJSON() ([]byte, error) { return json.Marshal(NewURLJSON((*url.URL)(&u))) }

// URLJSON is the JSON object the deployment config uses for URL fields: the
// fields of Go's url.URL with lower-camel names. User is always the empty
// object: user info is never shown, so no password can leak through it.
type URLJSON struct {
	Scheme      string   `json:"scheme"`
	Opaque      string   `json:"opaque"`
	User        struct{} `json:"user"`
	Host        string   `json:"host"`
	Path        string   `json:"path"`
	RawPath     string   `json:"rawPath"`
	OmitHost    bool     `json:"omitHost"`
	ForceQuery  bool     `json:"forceQuery"`
	RawQuery    string   `json:"rawQuery"`
	Fragment    string   `json:"fragment"`
	RawFragment string   `json:"rawFragment"`
}

// NewURLJSON converts u (nil means the zero URL) to its JSON object form.
func NewURLJSON(u *url.URL) URLJSON {
	if u == nil {
		return URLJSON{}
	}
	return URLJSON{
		Scheme:      u.Scheme,
		Opaque:      u.Opaque,
		Host:        u.Host,
		Path:        u.Path,
		RawPath:     u.RawPath,
		OmitHost:    u.OmitHost,
		ForceQuery:  u.ForceQuery,
		RawQuery:    u.RawQuery,
		Fragment:    u.Fragment,
		RawFragment: u.RawFragment,
	}
}

// HostPort is a network address split into host and port, parsed from
// "host:port" ("[::1]:3000" for IPv6). Its JSON form is {"host", "port"}.
type HostPort struct {
	Host string `json:"host"`
	Port string `json:"port"`
}

// ParseHostPort parses "host:port". The host may be empty (all interfaces);
// the port must be a number from 0 to 65535 (0 picks a free port).
func ParseHostPort(s string) (HostPort, error) {
	host, port, err := net.SplitHostPort(strings.TrimSpace(s))
	if err != nil {
		return HostPort{}, fmt.Errorf("invalid host:port %q", s)
	}
	n, err := strconv.ParseUint(port, 10, 16)
	if err != nil || n > 65535 {
		return HostPort{}, fmt.Errorf("invalid host:port %q: port must be a number from 0 to 65535", s)
	}
	return HostPort{Host: host, Port: port}, nil
}

func (h *HostPort) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		*h = HostPort{}
		return nil
	}
	x, err := ParseHostPort(v)
	if err != nil {
		return err
	}
	*h = x
	return nil
}

// String joins host and port ("" for the zero value).
func (h *HostPort) String() string {
	if h.Host == "" && h.Port == "" {
		return ""
	}
	return net.JoinHostPort(h.Host, h.Port)
}
func (*HostPort) Type() string     { return "host:port" }
func (h *HostPort) Interface() any { return *h }

// JSON is a value given as a JSON document and decoded into T, as Coder's
// struct options are (--oidc-user-role-mapping, --oidc-auth-url-params).
// An empty string sets T's zero value. In YAML it is a mapping or the
// document as a string.
type JSON[T any] struct{ p *T }

// JSONOf returns a JSON value backed by *p.
func JSONOf[T any](p *T) *JSON[T] { return &JSON[T]{p: p} }

func (j *JSON[T]) Set(v string) error {
	var t T
	if strings.TrimSpace(v) != "" {
		if err := json.Unmarshal([]byte(v), &t); err != nil {
			return fmt.Errorf("expected JSON of the form %s: %w", j.Type(), err)
		}
	}
	*j.p = t
	return nil
}

func (j *JSON[T]) String() string {
	b, _ := json.Marshal(*j.p)
	return string(b)
}

func (j *JSON[T]) Type() string { return fmt.Sprintf("struct[%T]", *new(T)) }

// Interface is the decoded value; an unset one shows as {} (the values
// are JSON objects), as Coder shows it.
func (j *JSON[T]) Interface() any {
	if j.String() == "null" {
		return map[string]any{}
	}
	return *j.p
}

// setNode sets the value from a YAML mapping, through its JSON form.
func (j *JSON[T]) setNode(decode func(any) error) error {
	var t T
	if err := decode(&t); err != nil {
		return fmt.Errorf("expected a mapping of the form %s: %w", j.Type(), err)
	}
	*j.p = t
	return nil
}
