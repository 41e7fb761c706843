package fakeprovider

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Handler returns the fake's HTTP handler: the dialect's endpoints behind the
// call counters, the request log and the fault injection.
//
// Both dialects also serve GET/POST /fake/device: the form behind the device
// verification page, which approves or denies a user code for the signed-in
// user (for people trying the device flow by hand).
func (p *Provider) Handler() http.Handler {
	mux := http.NewServeMux()
	switch p.opts.Dialect {
	case GitHub:
		mux.HandleFunc("GET /login/oauth/authorize", p.authorize)
		mux.HandleFunc("POST /login/oauth/access_token", p.token)
		mux.HandleFunc("POST /login/device/code", p.deviceAuthorization)
		mux.HandleFunc("GET /login/device", p.devicePage)
		p.githubAPI(mux, "")
		p.githubAPI(mux, "/api/v3") // GitHub Enterprise Server's API
		mux.HandleFunc("DELETE /applications/{client_id}/grant", p.githubRevoke(true))
		mux.HandleFunc("DELETE /applications/{client_id}/token", p.githubRevoke(false))
	default:
		mux.HandleFunc("GET /oauth/authorize", p.authorize)
		mux.HandleFunc("POST /oauth/token", p.token)
		mux.HandleFunc("POST /oauth/device", p.deviceAuthorization)
		mux.HandleFunc("POST /oauth/authorize_device", p.deviceAuthorization) // GitLab's path
		mux.HandleFunc("GET /oauth/device", p.devicePage)
		mux.HandleFunc("GET /userinfo", p.oidcUserinfo)
		mux.HandleFunc("POST /userinfo", p.oidcUserinfo)
		mux.HandleFunc("GET /api/v4/user", p.gitlabUser)
		mux.HandleFunc("POST /oauth/revoke", p.rfcRevoke)
	}
	mux.HandleFunc("GET /fake/device", p.devicePage)
	mux.HandleFunc("POST /fake/device", p.deviceDecision)
	return p.middleware(mux)
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (p *Provider) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		p.mu.Lock()
		p.calls[r.URL.Path]++
		f := p.takeFault(r.URL.Path)
		p.mu.Unlock()

		rec := &statusRecorder{ResponseWriter: w}
		outcome := ""
		if logf := p.opts.Logf; logf != nil {
			defer func() {
				status := strconv.Itoa(rec.status)
				if outcome != "" {
					status = outcome
				}
				logf("fakeprovider: %s %s -> %s (%s)", r.Method, r.URL.Path, status, time.Since(start).Round(10*time.Microsecond))
			}()
		}
		if f != nil {
			if outcome = p.applyFault(w, rec, r, f); outcome != "" {
				return
			}
		}
		next.ServeHTTP(rec, r)
	})
}

// applyFault answers according to f. It returns "" when the request should
// go on to the real handler, else a word for the log.
func (p *Provider) applyFault(w http.ResponseWriter, rec *statusRecorder, r *http.Request, f *Fault) string {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return "client gone during fault delay"
		case <-p.done:
			closeConn(w)
			return "closed (provider shut down during fault delay)"
		}
	}
	h := w.Header()
	for k, vs := range f.Header {
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	switch {
	case f.CloseConnection:
		closeConn(w)
		return "connection closed (fault)"
	case f.RateLimited:
		if f.Status == http.StatusTooManyRequests {
			ra := f.RetryAfter
			if ra <= 0 {
				ra = 60 * time.Second
			}
			h.Set("Retry-After", strconv.Itoa(int((ra+time.Second-1)/time.Second)))
			writeFaultBody(rec, http.StatusTooManyRequests, f.Body,
				`{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}`)
			break
		}
		setGitHubRateLimit(h, 5000)
		writeFaultBody(rec, http.StatusForbidden, f.Body,
			`{"message":"API rate limit exceeded. (But here's the good news: Authenticated requests get a higher rate limit.)","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}`)
	case f.Garbage:
		status := f.Status
		if status == 0 {
			status = http.StatusOK
		}
		writeFaultBody(rec, status, f.Body, "<html><body>%zz \x00 not json {\"access_token\": </body")
	case f.Status != 0:
		def := fmt.Sprintf(`{"message":%q}`, http.StatusText(f.Status))
		if f.Status == http.StatusUnauthorized {
			def = `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}`
		}
		writeFaultBody(rec, f.Status, f.Body, def)
	default:
		return "" // delay only: answer normally
	}
	return "fault " + strconv.Itoa(rec.status)
}

func writeFaultBody(w http.ResponseWriter, status int, body, def string) {
	if body == "" {
		body = def
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// closeConn drops the connection without an answer.
func closeConn(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// ---------------------------------------------------------------- helpers

// baseURL is p.URL, or what the request was addressed to.
func (p *Provider) baseURL(r *http.Request) string {
	p.mu.Lock()
	u := p.URL
	p.mu.Unlock()
	if u != "" {
		return strings.TrimRight(u, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func writeForm(w http.ResponseWriter, status int, v url.Values) {
	w.Header().Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, v.Encode())
}

func writeText(w http.ResponseWriter, status int, format string, args ...any) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = fmt.Fprintf(w, format, args...)
}

func wantsJSON(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json")) {
			return true
		}
	}
	return false
}

// parseForm reads the request's parameters: the query, then a form-encoded
// or JSON body (GitHub accepts all three).
func parseForm(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		form := r.URL.Query()
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			return nil, fmt.Errorf("bad JSON body: %w", err)
		}
		for k, v := range m {
			switch v := v.(type) {
			case string:
				form.Set(k, v)
			case float64, bool:
				form.Set(k, fmt.Sprint(v))
			}
		}
		return form, nil
	}
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	return r.Form, nil
}

// clientCredentials reads client_id/client_secret from HTTP Basic (values
// form-urlencoded as RFC 6749 2.3.1 says) or from the parameters.
// ok is false when the two disagree.
func clientCredentials(r *http.Request, form url.Values) (id, secret string, basic, ok bool) {
	if u, pw, has := r.BasicAuth(); has {
		if uu, err := url.QueryUnescape(u); err == nil {
			u = uu
		}
		if pp, err := url.QueryUnescape(pw); err == nil {
			pw = pp
		}
		if fid := form.Get("client_id"); fid != "" && fid != u {
			return u, pw, true, false
		}
		return u, pw, true, true
	}
	return form.Get("client_id"), form.Get("client_secret"), false, true
}

// bearerToken reads "Authorization: Bearer X" (and "token X" when allowToken).
func bearerToken(r *http.Request, allowToken bool) string {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok {
		return ""
	}
	if strings.EqualFold(scheme, "bearer") || (allowToken && strings.EqualFold(scheme, "token")) {
		return strings.TrimSpace(tok)
	}
	return ""
}

// normalizeScope turns "a,b c" into "a b c".
func normalizeScope(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }), " ")
}
