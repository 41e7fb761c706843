// Package ssotest runs a real OpenID Provider for tests: zitadel's
// OpenID-certified op package with its example in-memory storage and login
// page, on loopback, with gitauthd's test clients and people.
package ssotest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/text/language"
)

// The OP's clients and the password of all its people.
const (
	ClientID     = "gitauthd"
	ClientSecret = "gitauthd-client-secret"
	OtherClient  = "another-app"
	Password     = "op-password"
)

// People are the OP's users, by id: alice (verified, example.com),
// mallory (email not verified), bob (verified, elsewhere.test).
type People map[string]*storage.User

func (p People) GetUserByID(id string) *storage.User { return p[id] }
func (p People) GetUserByUsername(name string) *storage.User {
	for _, u := range p {
		if u.Username == name {
			return u
		}
	}
	return nil
}
func (p People) ExampleClientID() string { return "service" }

// Everyone is the OP's people.
var Everyone = People{
	"u1": {ID: "u1", Username: "alice", Password: Password, FirstName: "Alice", LastName: "Liddell",
		Email: "alice@example.com", EmailVerified: true, PreferredLanguage: language.English},
	"u2": {ID: "u2", Username: "mallory", Password: Password, FirstName: "Mallory", LastName: "M",
		Email: "mallory@example.com", EmailVerified: false, PreferredLanguage: language.English},
	"u3": {ID: "u3", Username: "bob", Password: Password, FirstName: "Bob", LastName: "B",
		Email: "bob@elsewhere.test", EmailVerified: true, PreferredLanguage: language.English},
}

// IDTokenClaims and UserInfoClaims are claims the OP adds, by subject, to
// its ID tokens and to its userinfo answers: role claims of the shapes
// issuers send (a list, one string, something else).
var (
	IDTokenClaims = map[string]map[string]any{
		"u1": {"groups": []string{"admins", "no-such-role"}, "id_email": "alice@example.com", "bad_roles": 42},
		"u3": {"groups": "auditor"},
	}
	UserInfoClaims = map[string]map[string]any{
		"u1": {"userinfo_groups": []string{"auditor"}},
	}
)

// claimsStorage is the example storage with the extra claims.
type claimsStorage struct{ *storage.Storage }

func (s claimsStorage) SetUserinfoFromRequest(ctx context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	if err := s.Storage.SetUserinfoFromRequest(ctx, info, req, scopes); err != nil {
		return err
	}
	for k, v := range IDTokenClaims[req.GetSubject()] {
		info.AppendClaims(k, v)
	}
	return nil
}

func (s claimsStorage) SetUserinfoFromToken(ctx context.Context, info *oidc.UserInfo, tokenID, subject, origin string) error {
	if err := s.Storage.SetUserinfoFromToken(ctx, info, tokenID, subject, origin); err != nil {
		return err
	}
	for k, v := range IDTokenClaims[subject] {
		info.AppendClaims(k, v)
	}
	for k, v := range UserInfoClaims[subject] {
		info.AppendClaims(k, v)
	}
	return nil
}

// StartOP serves an OP on loopback whose two clients (ClientID and
// OtherClient) may redirect to redirectURL, and returns its issuer URL.
func StartOP(t testing.TB, redirectURL string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	issuer := "http://" + ln.Addr().String()
	srv := &http.Server{Handler: Handler(issuer, redirectURL), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return issuer
}

// Handler is the OP at issuer, whose two clients (ClientID and
// OtherClient) may redirect to redirectURL: what StartOP serves, for
// programs that serve it themselves (the browser tests' OP).
func Handler(issuer, redirectURL string) http.Handler {
	clients := map[string]*storage.Client{
		ClientID:    storage.WebClient(ClientID, ClientSecret, redirectURL),
		OtherClient: storage.WebClient(OtherClient, ClientSecret, redirectURL),
	}
	return unverifiedAsFalse(exampleop.SetupServer(issuer, claimsStorage{storage.NewStorageWithClients(Everyone, clients)}, nil, false))
}

// unverifiedAsFalse makes the OP's userinfo say "email_verified": false for
// a person whose email is not verified. zitadel's OP omits a false boolean
// claim (omitempty), which Coder, and so gitauthd, reads as "not said";
// issuers such as Google and Keycloak send the false.
func unverifiedAsFalse(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/userinfo" {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		var claims map[string]any
		if rec.Code == http.StatusOK && json.Unmarshal(rec.Body.Bytes(), &claims) == nil {
			if u := Everyone[fmt.Sprint(claims["sub"])]; u != nil && !u.EmailVerified {
				claims["email_verified"] = false
			}
			body, _ := json.Marshal(claims)
			rec.Body = bytes.NewBuffer(body)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	})
}

// SignIn follows authURL through the OP's login page as username and
// returns the state and code the OP sends to redirectURL.
func SignIn(t testing.TB, authURL, redirectURL, username string) (state, code string) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	next := authURL
	for range 10 {
		u, err := url.Parse(next)
		if err != nil {
			t.Fatal(err)
		}
		var res *http.Response
		if strings.HasSuffix(u.Path, "/login/username") {
			res, err = c.PostForm(u.Scheme+"://"+u.Host+u.Path, url.Values{
				"username": {username}, "password": {Password}, "id": {u.Query().Get("authRequestID")}})
		} else {
			res, err = c.Get(next)
		}
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close()
		loc, err := res.Location()
		if res.StatusCode != http.StatusFound || err != nil {
			t.Fatalf("ssotest: %s answered %d, not a redirect", next, res.StatusCode)
		}
		if strings.HasPrefix(loc.String(), redirectURL) {
			if e := loc.Query().Get("error"); e != "" {
				t.Fatalf("ssotest: the OP refused: %s", loc)
			}
			return loc.Query().Get("state"), loc.Query().Get("code")
		}
		next = loc.String()
	}
	t.Fatal("ssotest: the OP never redirected to the callback")
	return "", ""
}
