package deployment

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
)

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %T: %v", v, err)
	}
	return string(b)
}

func TestTypedValues(t *testing.T) {
	var (
		s   string
		b   bool
		i   int64
		d   time.Duration
		a   []string
		u   url.URL
		hp  HostPort
		all = map[string]Value{}
	)
	all["string"] = StringOf(&s)
	all["bool"] = BoolOf(&b)
	all["int"] = Int64Of(&i)
	all["duration"] = DurationOf(&d)
	all["string-array"] = StringArrayOf(&a)
	all["url"] = URLOf(&u)
	all["host:port"] = &hp

	tests := []struct {
		typ     string
		in      string
		wantErr string // substring; "" for success
		str     string // String() after Set
		json    string // JSON of Interface()
	}{
		{typ: "string", in: "hello", str: "hello", json: `"hello"`},
		{typ: "string", in: "", str: "", json: `""`},
		{typ: "bool", in: "true", str: "true", json: `true`},
		{typ: "bool", in: "0", str: "false", json: `false`},
		{typ: "bool", in: "maybe", wantErr: `invalid boolean "maybe"`},
		{typ: "bool", in: "", wantErr: `invalid boolean ""`},
		{typ: "int", in: "1048576", str: "1048576", json: `1048576`},
		{typ: "int", in: "-3", str: "-3", json: `-3`},
		{typ: "int", in: "1e3", wantErr: `invalid integer "1e3"`},
		{typ: "duration", in: "24h", str: "24h0m0s", json: `86400000000000`},
		{typ: "duration", in: "1m30s", str: "1m30s", json: `90000000000`},
		{typ: "duration", in: "x", wantErr: `invalid duration "x"`},
		{typ: "duration", in: "60", wantErr: `invalid duration "60"`},
		{typ: "string-array", in: "a, b ,,c", str: "a,b,c", json: `["a","b","c"]`},
		{typ: "string-array", in: "", str: "", json: `[]`},
		{typ: "string-array", in: "ForwardAgent yes", str: "ForwardAgent yes", json: `["ForwardAgent yes"]`},
		{
			typ: "url", in: "https://user:pw@git.example.com:8443/a%2Fb/c?x=1#frag", str: "https://user:pw@git.example.com:8443/a%2Fb/c?x=1#frag",
			json: `{"scheme":"https","opaque":"","user":{},"host":"git.example.com:8443","path":"/a/b/c","rawPath":"/a%2Fb/c","omitHost":false,"forceQuery":false,"rawQuery":"x=1","fragment":"frag","rawFragment":""}`,
		},
		{
			typ: "url", in: "", str: "",
			json: `{"scheme":"","opaque":"","user":{},"host":"","path":"","rawPath":"","omitHost":false,"forceQuery":false,"rawQuery":"","fragment":"","rawFragment":""}`,
		},
		{typ: "url", in: "http://[::1", wantErr: `invalid URL`},
		{typ: "host:port", in: "127.0.0.1:3000", str: "127.0.0.1:3000", json: `{"host":"127.0.0.1","port":"3000"}`},
		{typ: "host:port", in: ":8080", str: ":8080", json: `{"host":"","port":"8080"}`},
		{typ: "host:port", in: "[::1]:0", str: "[::1]:0", json: `{"host":"::1","port":"0"}`},
		{typ: "host:port", in: "localhost", wantErr: `invalid host:port "localhost"`},
		{typ: "host:port", in: "localhost:http", wantErr: `port must be a number`},
		{typ: "host:port", in: "localhost:70000", wantErr: `port must be a number`},
	}
	for _, tt := range tests {
		t.Run(tt.typ+"/"+tt.in, func(t *testing.T) {
			v := all[tt.typ]
			if v.Type() != tt.typ {
				t.Fatalf("Type() = %q, want %q", v.Type(), tt.typ)
			}
			err := v.Set(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Set(%q) error = %v, want containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Set(%q): %v", tt.in, err)
			}
			if got := v.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			if got := jsonOf(t, v.Interface()); got != tt.json {
				t.Errorf("JSON(Interface()) = %s, want %s", got, tt.json)
			}
			// The value itself marshals the same way.
			if got := jsonOf(t, v); got != tt.json {
				t.Errorf("JSON(value) = %s, want %s", got, tt.json)
			}
			// String() round-trips through Set.
			if err := v.Set(v.String()); err != nil || v.String() != tt.str {
				t.Errorf("round trip: Set(String()) err=%v, String()=%q", err, v.String())
			}
		})
	}
}

func TestTypedValuesBindToFields(t *testing.T) {
	var v Values
	if err := DurationOf(&v.SessionDuration).Set("2h"); err != nil {
		t.Fatal(err)
	}
	if err := URLOf(&v.AccessURLSetting).Set("https://example.com"); err != nil {
		t.Fatal(err)
	}
	if err := StringArrayOf(&v.Experiments).Set("a,b"); err != nil {
		t.Fatal(err)
	}
	if v.SessionDuration != 2*time.Hour || v.AccessURLSetting.Host != "example.com" || len(v.Experiments) != 2 {
		t.Fatalf("fields not set: %+v", v)
	}
}

func TestStringArrayAppend(t *testing.T) {
	var a []string
	sa := StringArrayOf(&a)
	_ = sa.Set("a")
	_ = sa.Append("b,c")
	if got := sa.String(); got != "a,b,c" {
		t.Fatalf("got %q", got)
	}
	if got := jsonOf(t, StringArray(nil)); got != "[]" {
		t.Fatalf("nil array JSON = %s, want []", got)
	}
}

func TestDurationMarshalJSON(t *testing.T) {
	d := Duration(720 * time.Hour)
	if got := jsonOf(t, d); got != "2592000000000000" {
		t.Fatalf("got %s", got)
	}
}
