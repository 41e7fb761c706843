package gitcredential

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadRequest(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want Request
	}{
		{
			name: "git's get request ended by a blank line",
			in:   "protocol=https\nhost=github.com\npath=org/repo.git\n\n",
			want: Request{"protocol": "https", "host": "github.com", "path": "org/repo.git"},
		},
		{
			name: "ended by end of input",
			in:   "protocol=https\nhost=github.com",
			want: Request{"protocol": "https", "host": "github.com"},
		},
		{
			name: "lines after the blank line are not read",
			in:   "protocol=https\nhost=github.com\n\nhost=evil.test\nnot a credential line\n",
			want: Request{"protocol": "https", "host": "github.com"},
		},
		{
			name: "values keep everything after the first equals sign",
			in:   "url=https://h.test/o/r?a=b&c=d\npassword=p=w=d\nwwwauth[]=Basic realm=\"GitHub\"\n\n",
			want: Request{"url": "https://h.test/o/r?a=b&c=d", "password": "p=w=d", "wwwauth[]": `Basic realm="GitHub"`},
		},
		{
			name: "empty values",
			in:   "protocol=https\nhost=h.test\npath=\nusername=\n\n",
			want: Request{"protocol": "https", "host": "h.test", "path": "", "username": ""},
		},
		{
			name: "a repeated key keeps the last value",
			in:   "capability[]=authtype\ncapability[]=state\nhost=h.test\n",
			want: Request{"capability[]": "state", "host": "h.test"},
		},
		{
			name: "empty input",
			in:   "",
			want: Request{},
		},
		{
			name: "only the blank line",
			in:   "\n",
			want: Request{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadRequest(strings.NewReader(tc.in))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestReadRequestMalformed(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		line string
	}{
		{"a line without an equals sign", "protocol=https\nhost\n\n", "host"},
		{"a first line without an equals sign", "garbage\nprotocol=https\n", "garbage"},
		{"a line of spaces", "protocol=https\n   \n", "   "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadRequest(strings.NewReader(tc.in))
			require.Error(t, err)
			assert.Nil(t, got)
			assert.Contains(t, err.Error(), "malformed credential line")
			assert.Contains(t, err.Error(), `"`+tc.line+`"`, "the message quotes the line")
		})
	}

	t.Run("a line longer than the scanner's buffer", func(t *testing.T) {
		_, err := ReadRequest(strings.NewReader("url=https://h.test/" + strings.Repeat("a", 70_000) + "\n\n"))
		require.Error(t, err)
	})

	t.Run("a read error", func(t *testing.T) {
		boom := errors.New("boom")
		_, err := ReadRequest(&failingReader{data: "protocol=https\n", err: boom})
		require.ErrorIs(t, err, boom)
	})
}

type failingReader struct {
	data string
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestRepositoryURL(t *testing.T) {
	for _, tc := range []struct {
		name string
		req  Request
		want string
	}{
		{
			name: "the url attribute wins over the parts",
			req:  Request{"url": "https://gitlab.test/group/project.git", "protocol": "http", "host": "other.test", "path": "x"},
			want: "https://gitlab.test/group/project.git",
		},
		{
			name: "protocol, host and path",
			req:  Request{"protocol": "https", "host": "github.com", "path": "org/repo.git"},
			want: "https://github.com/org/repo.git",
		},
		{
			name: "no path (git without credential.useHttpPath)",
			req:  Request{"protocol": "https", "host": "github.com"},
			want: "https://github.com/",
		},
		{
			name: "an empty path",
			req:  Request{"protocol": "https", "host": "github.com", "path": ""},
			want: "https://github.com/",
		},
		{
			name: "a path with a leading slash is not doubled",
			req:  Request{"protocol": "https", "host": "github.com", "path": "/org/repo.git"},
			want: "https://github.com/org/repo.git",
		},
		{
			name: "a host with a port",
			req:  Request{"protocol": "http", "host": "git.example.test:8443", "path": "a/b"},
			want: "http://git.example.test:8443/a/b",
		},
		{
			name: "a path with characters that need escaping",
			req:  Request{"protocol": "https", "host": "dev.azure.test", "path": "org/My Project/_git/repo"},
			want: "https://dev.azure.test/org/My%20Project/_git/repo",
		},
		{
			name: "an empty url attribute falls back to the parts",
			req:  Request{"url": "", "protocol": "https", "host": "github.com"},
			want: "https://github.com/",
		},
		{
			name: "the username is not part of the URL",
			req:  Request{"protocol": "https", "host": "github.com", "username": "someone", "path": "o/r"},
			want: "https://github.com/o/r",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.req.RepositoryURL()
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestRepositoryURLMissingFields(t *testing.T) {
	for _, tc := range []struct {
		name string
		req  Request
	}{
		{"nothing", Request{}},
		{"no protocol", Request{"host": "github.com", "path": "o/r"}},
		{"no host", Request{"protocol": "https", "path": "o/r"}},
		{"empty protocol and host", Request{"protocol": "", "host": ""}},
		{"only a path", Request{"path": "o/r"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.req.RepositoryURL()
			require.Error(t, err)
			assert.Empty(t, got)
			assert.Contains(t, err.Error(), "neither url nor protocol and host")
		})
	}
}

// TestHelperRun covers what Run does without a server and against a stub.
func TestHelperRun(t *testing.T) {
	ctx := context.Background()
	req := "protocol=https\nhost=github.com\npath=o/r.git\n\n"

	t.Run("store and erase do nothing, even without a server", func(t *testing.T) {
		for _, op := range []string{"store", "erase"} {
			var out bytes.Buffer
			h := &Helper{}
			require.NoError(t, h.Run(ctx, op, strings.NewReader(req+"username=u\npassword=p\n"), &out), op)
			assert.Empty(t, out.String(), op)
		}
	})

	t.Run("an unknown operation", func(t *testing.T) {
		err := (&Helper{}).Run(ctx, "fill", strings.NewReader(req), &bytes.Buffer{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `unknown operation "fill"`)
	})

	t.Run("a malformed request", func(t *testing.T) {
		err := (&Helper{ServerURL: "http://127.0.0.1:1", Token: "t"}).Run(ctx, "get", strings.NewReader("oops\n"), &bytes.Buffer{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "malformed credential line")
	})

	t.Run("get without a server or token", func(t *testing.T) {
		for _, h := range []*Helper{{}, {ServerURL: "http://127.0.0.1:1"}, {Token: "t"}} {
			err := h.Run(ctx, "get", strings.NewReader(req), &bytes.Buffer{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "GITAUTHD_URL and GITAUTHD_SESSION_TOKEN")
		}
	})

	t.Run("get without a repository", func(t *testing.T) {
		err := (&Helper{ServerURL: "http://127.0.0.1:1", Token: "t"}).Run(ctx, "get", strings.NewReader("username=u\n\n"), &bytes.Buffer{})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "neither url nor protocol and host")
	})

	var gotMatch, gotListen, gotToken string
	answer := func(w http.ResponseWriter, status int, body string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v2/git-credentials" {
			http.NotFound(w, r)
			return
		}
		gotMatch, gotListen, gotToken = r.URL.Query().Get("match"), r.URL.Query().Get("listen"), r.Header.Get("Coder-Session-Token")
		switch gotToken {
		case "linked":
			answer(w, 200, `{"type":"gitlab","access_token":"glpat","username":"oauth2","password":"glpat"}`)
		case "unlinked":
			answer(w, 200, `{"type":"github","url":"https://gitauthd.test/external-auth/github"}`)
		default:
			answer(w, 401, `{"message":"You must be logged in to use this endpoint."}`)
		}
	}))
	defer srv.Close()

	t.Run("get with a link prints username and password", func(t *testing.T) {
		var out, notice bytes.Buffer
		h := &Helper{ServerURL: srv.URL, Token: "linked", Notice: &notice}
		require.NoError(t, h.Run(ctx, "get", strings.NewReader(req), &out))
		assert.Equal(t, "username=oauth2\npassword=glpat\n", out.String())
		assert.Empty(t, notice.String())
		assert.Equal(t, "https://github.com/o/r.git", gotMatch)
		assert.Equal(t, "false", gotListen)
		assert.Equal(t, "linked", gotToken)
	})

	t.Run("get with --wait asks the server to listen", func(t *testing.T) {
		h := &Helper{ServerURL: srv.URL + "/", Token: "linked", Wait: true}
		require.NoError(t, h.Run(ctx, "get", strings.NewReader(req), &bytes.Buffer{}))
		assert.Equal(t, "true", gotListen)
	})

	t.Run("get without a link says where to link and prints nothing for git", func(t *testing.T) {
		var out, notice bytes.Buffer
		h := &Helper{ServerURL: srv.URL, Token: "unlinked", Notice: &notice}
		require.NoError(t, h.Run(ctx, "get", strings.NewReader(req), &out))
		assert.Empty(t, out.String())
		assert.Equal(t, "gitauthd: link your account first: https://gitauthd.test/external-auth/github\n", notice.String())
	})

	t.Run("get with a bad token fails with the server's message", func(t *testing.T) {
		var out bytes.Buffer
		h := &Helper{ServerURL: srv.URL, Token: "bad"}
		err := h.Run(ctx, "get", strings.NewReader(req), &out)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "401")
		assert.Contains(t, err.Error(), "You must be logged in")
		assert.Contains(t, err.Error(), "GITAUTHD_SESSION_TOKEN")
		assert.NotContains(t, err.Error(), "{", "not the raw JSON")
		assert.Empty(t, out.String())
	})
}

func TestAnswerError(t *testing.T) {
	for _, tc := range []struct {
		name   string
		code   int
		status string
		body   string
		want   string
	}{
		{"gitauthd's error with a detail", 401, "401 Unauthorized",
			`{"message":"You are signed out.","detail":"invalid API key format"}`,
			"gitauthd answered 401 Unauthorized: You are signed out (invalid API key format). Check the token in GITAUTHD_SESSION_TOKEN (or --token)."},
		{"gitauthd's error without a detail", 404, "404 Not Found",
			`{"message":"no external auth provider matches the URL"}`,
			"gitauthd answered 404 Not Found: no external auth provider matches the URL"},
		{"not JSON (a proxy in front)", 502, "502 Bad Gateway", "bad gateway\n",
			"gitauthd answered 502 Bad Gateway: bad gateway"},
		{"JSON without a message", 500, "500 Internal Server Error", `{"error":"x"}`,
			`gitauthd answered 500 Internal Server Error: {"error":"x"}`},
		{"no body", 503, "503 Service Unavailable", "",
			"gitauthd answered 503 Service Unavailable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.EqualError(t, answerError(tc.code, tc.status, []byte(tc.body)), tc.want)
		})
	}
	long := answerError(502, "502 Bad Gateway", []byte(strings.Repeat("x", 5000))).Error()
	assert.Less(t, len(long), 600, "a long body is cut")
}
