package apitest

import (
	"context"
	"net/http"
	"testing"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/gitauthd/gitauthd/gen/client"
)

// Password is the password of every user the helpers create.
const Password = "correct-horse-battery-staple"

// User is a user created by a helper, signed in.
type User struct {
	ID       string
	Username string
	Email    string
	Token    string // a session token
}

// CreateOwner creates the first user (the owner) and signs in.
func (s *Server) CreateOwner(t testing.TB) User {
	t.Helper()
	ctx := context.Background()
	res, err := s.Client("").CreateFirstUserWithResponse(ctx, client.CreateFirstUserJSONRequestBody{
		Email: "owner@example.com", Username: "owner", Password: Password,
	})
	if err != nil || res.StatusCode() != http.StatusCreated {
		t.Fatalf("apitest: creating the first user: %v %s", err, describe(res))
	}
	u := User{ID: res.JSON201.UserId.String(), Username: "owner", Email: "owner@example.com"}
	u.Token = s.Login(t, u.Email, Password)
	return u
}

// CreateMember has owner create a member and signs the member in.
func (s *Server) CreateMember(t testing.TB, owner User, username string) User {
	t.Helper()
	email := username + "@example.com"
	res, err := s.Client(owner.Token).CreateUserWithResponse(context.Background(), client.CreateUserJSONRequestBody{
		Email: openapi_types.Email(email), Username: username, Password: Password,
	})
	if err != nil || res.StatusCode() != http.StatusCreated {
		t.Fatalf("apitest: creating member %s: %v %s", username, err, describe(res))
	}
	u := User{ID: res.JSON201.Id.String(), Username: username, Email: email}
	u.Token = s.Login(t, email, Password)
	return u
}

// Login signs in and returns the session token.
func (s *Server) Login(t testing.TB, email, password string) string {
	t.Helper()
	res, err := s.Client("").LoginWithResponse(context.Background(), client.LoginJSONRequestBody{Email: openapi_types.Email(email), Password: password})
	if err != nil || res.StatusCode() != http.StatusCreated {
		t.Fatalf("apitest: login as %s: %v %s", email, err, describe(res))
	}
	return res.JSON201.SessionToken
}

func describe(res any) string {
	switch r := res.(type) {
	case *client.CreateFirstUserResponse:
		if r != nil {
			return body(r, r.Body)
		}
	case *client.CreateUserResponse:
		if r != nil {
			return body(r, r.Body)
		}
	case *client.LoginResponse:
		if r != nil {
			return body(r, r.Body)
		}
	}
	return ""
}

// body describes a generated client's response for a failure message.
func body[R interface{ Status() string }](res R, raw []byte) string {
	return res.Status() + " " + string(raw)
}
