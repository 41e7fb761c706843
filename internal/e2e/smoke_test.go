package e2e

import (
	"context"
	"net/http"
	"testing"

	"github.com/gitauthd/gitauthd/internal/apitest"
)

func TestSmoke(t *testing.T) {
	s := apitest.Start(t)
	owner := s.CreateOwner(t)
	res, err := s.Client(owner.Token).GetUserWithResponse(context.Background(), "me")
	if err != nil || res.StatusCode() != http.StatusOK {
		t.Fatalf("get me: %v %s", err, res.Body)
	}
	if res.JSON200.Username != "owner" {
		t.Fatalf("username %q", res.JSON200.Username)
	}
	for _, p := range []string{"/api/v2/", "/api/v2/buildinfo", "/api/v2/updatecheck", "/api/v2/deployment/config", "/api/v2/deployment/stats", "/api/v2/deployment/ssh", "/api/v2/experiments", "/api/v2/experiments/available", "/api/v2/users/me/keys/tokens/tokenconfig", "/api/v2/users", "/api/v2/users/first"} {
		r, b := s.Do("GET", p, "", http.Header{"Coder-Session-Token": {owner.Token}})
		t.Logf("%s %d %.300s", p, r.StatusCode, b)
	}
}
