package identity

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

func TestFirstUser(t *testing.T) {
	f := newFixture(t, nil)
	has, err := f.svc.HasFirstUser(f.ctx)
	mustOK(t, err)
	check(t, !has, "first user before any")

	u, err := f.svc.CreateFirstUser(f.ctx, NewUser{Email: "o@example.com", Username: "Owner-1", Name: "Ö", Password: testPassword})
	mustOK(t, err)
	equal(t, strings.Join(u.Roles, ","), store.RoleOwner, "roles")
	equal(t, u.Status, "active", "status")
	equal(t, u.LoginType, store.LoginTypePassword, "login type")
	equal(t, u.Username, "Owner-1", "username kept as given")
	check(t, u.ID != uuid.Nil, "no id")
	check(t, strings.HasPrefix(u.HashedPassword, "$argon2id$"), "password not hashed")
	equal(t, f.st.rawUser(u.ID), u, "stored row")

	has, err = f.svc.HasFirstUser(f.ctx)
	mustOK(t, err)
	check(t, has, "no first user after creation")

	_, err = f.svc.CreateFirstUser(f.ctx, NewUser{Email: "p@example.com", Username: "other", Password: testPassword})
	requireKind(t, err, errs.KindConflict)
}

func TestFirstUserRace(t *testing.T) {
	f := newFixture(t, nil)
	const n = 16
	var wg sync.WaitGroup
	errsCh := make(chan error, n)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			_, err := f.svc.CreateFirstUser(f.ctx, NewUser{Email: fmt.Sprintf("u%d@example.com", i), Username: fmt.Sprintf("u%d", i), Password: testPassword})
			errsCh <- err
		})
	}
	close(start)
	wg.Wait()
	close(errsCh)
	wins := 0
	for err := range errsCh {
		if err == nil {
			wins++
			continue
		}
		requireKind(t, err, errs.KindConflict)
	}
	equal(t, wins, 1, "winners")
	users, err := f.st.ListUsers(f.ctx)
	mustOK(t, err)
	equal(t, len(users), 1, "users stored")
}

func TestNewUserValidation(t *testing.T) {
	valid := NewUser{Email: "a@example.com", Username: "alice", Name: "Alice", Password: testPassword}
	mustOK(t, validateNewUser(valid))
	edge := valid
	edge.Username = strings.Repeat("a", 32)
	edge.Name = strings.Repeat("é", 128)
	edge.Password = "12345678"
	edge.LoginType = "password"
	mustOK(t, validateNewUser(edge))
	edge.Username = "a"
	mustOK(t, validateNewUser(edge))
	edge.Username = "a-b-c9-D"
	mustOK(t, validateNewUser(edge))

	cases := []struct {
		field string
		mod   func(*NewUser)
	}{
		{"email", func(u *NewUser) { u.Email = "" }},
		{"email", func(u *NewUser) { u.Email = "not-an-email" }},
		{"email", func(u *NewUser) { u.Email = "Alice <a@example.com>" }},
		{"email", func(u *NewUser) { u.Email = "<a@example.com>" }},
		{"email", func(u *NewUser) { u.Email = " a@example.com" }},
		{"email", func(u *NewUser) { u.Email = strings.Repeat("a", 250) + "@example.com" }},
		{"username", func(u *NewUser) { u.Username = "" }},
		{"username", func(u *NewUser) { u.Username = strings.Repeat("a", 33) }},
		{"username", func(u *NewUser) { u.Username = "-alice" }},
		{"username", func(u *NewUser) { u.Username = "alice-" }},
		{"username", func(u *NewUser) { u.Username = "al--ice" }},
		{"username", func(u *NewUser) { u.Username = "al_ice" }},
		{"username", func(u *NewUser) { u.Username = "al ice" }},
		{"username", func(u *NewUser) { u.Username = "alicé" }},
		{"username", func(u *NewUser) { u.Username = "me" }},
		{"username", func(u *NewUser) { u.Username = "ME" }},
		{"name", func(u *NewUser) { u.Name = strings.Repeat("n", 129) }},
		{"name", func(u *NewUser) { u.Name = "bad\nname" }},
		{"name", func(u *NewUser) { u.Name = "bad\xff" }},
		{"password", func(u *NewUser) { u.Password = "" }},
		{"password", func(u *NewUser) { u.Password = "short" }},
		{"password", func(u *NewUser) { u.Password = strings.Repeat("p", 257) }},
		{"password", func(u *NewUser) { u.Password = "Alice-Longname"; u.Username = "alice-longname" }},
		{"password", func(u *NewUser) { u.Password = "a@example.com" }},
		{"login_type", func(u *NewUser) { u.LoginType = "github" }},
		{"login_type", func(u *NewUser) { u.LoginType = "token" }},
	}
	for _, c := range cases {
		u := valid
		c.mod(&u)
		e := requireField(t, validateNewUser(u), c.field)
		equal(t, e.Message, "Validation failed.", "message")
	}

	// Several bad fields are all named.
	e := requireField(t, validateNewUser(NewUser{Email: "x", Username: "-"}), "email")
	names := []string{}
	for _, fe := range e.Fields {
		names = append(names, fe.Field)
	}
	equal(t, names, []string{"email", "username", "password"}, "fields")

	// The same rules apply through the service.
	f := newFixture(t, nil)
	_, err := f.svc.CreateFirstUser(f.ctx, NewUser{Email: "o@example.com", Username: "o", Password: "short"})
	requireField(t, err, "password")
	owner := f.owner()
	_, err = f.svc.CreateUser(f.ctx, owner, NewUser{Email: "m@example.com", Username: "m", LoginType: "password"})
	requireField(t, err, "password")
	_, err = f.svc.CreateUser(f.ctx, owner, NewUser{Email: "m@example.com", Username: "m", Password: testPassword, LoginType: "oidc"})
	requireField(t, err, "login_type")
}

func TestCreateUser(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	u, err := f.svc.CreateUser(f.ctx, owner, NewUser{Email: "bob@example.com", Username: "bob", Password: testPassword})
	mustOK(t, err)
	equal(t, len(u.Roles), 0, "roles of a member")
	bob := f.login("bob@example.com", testPassword)
	check(t, !bob.IsOwner(), "member is owner")
	check(t, owner.IsOwner(), "owner is not owner")

	// Members may not create users.
	_, err = f.svc.CreateUser(f.ctx, bob, NewUser{Email: "eve@example.com", Username: "eve", Password: testPassword})
	e := requireKind(t, err, errs.KindForbidden)
	equal(t, e.Message, errs.MsgForbidden, "message")

	// Duplicates, case-insensitively.
	_, err = f.svc.CreateUser(f.ctx, owner, NewUser{Email: "other@example.com", Username: "BOB", Password: testPassword})
	e = requireKind(t, err, errs.KindConflict)
	equal(t, e.Fields[0].Field, "username", "conflict field")
	_, err = f.svc.CreateUser(f.ctx, owner, NewUser{Email: "Bob@Example.com", Username: "bobby", Password: testPassword})
	e = requireKind(t, err, errs.KindConflict)
	equal(t, e.Fields[0].Field, "email", "conflict field")

	// A race lost at insert time still names the field: here the check
	// before the insert does not see bob, the insert does.
	f.st.failOnce("GetUserByUsername", store.ErrNotFound)
	_, err = f.svc.CreateUser(f.ctx, owner, NewUser{Email: "bob2@example.com", Username: "bob", Password: testPassword})
	e = requireKind(t, err, errs.KindConflict)
	equal(t, len(e.Fields), 1, "race conflict fields")
	equal(t, e.Fields[0].Field, "username", "race conflict field")

	// A conflict at insert that names neither field is a generic conflict.
	f.st.failOnce("InsertUser", store.ErrConflict)
	_, err = f.svc.CreateUser(f.ctx, owner, NewUser{Email: "carol@example.com", Username: "carol", Password: testPassword})
	e = requireKind(t, err, errs.KindConflict)
	equal(t, len(e.Fields), 0, "generic conflict fields")

	// Outage.
	f.st.setDown(true)
	_, err = f.svc.CreateUser(f.ctx, owner, NewUser{Email: "dan@example.com", Username: "dan", Password: testPassword})
	requireKind(t, err, errs.KindUnavailable)
}

func TestLoginAnswersAlike(t *testing.T) {
	f := newFixture(t, nil)
	f.owner()
	_, _, errUnknown := f.svc.Login(f.ctx, "nobody@example.com", testPassword, "")
	_, _, errWrong := f.svc.Login(f.ctx, "owner@example.com", testPassword+"x", "")
	a := requireKind(t, errUnknown, errs.KindUnauthorized)
	b := requireKind(t, errWrong, errs.KindUnauthorized)
	equal(t, a.Message, b.Message, "message")
	equal(t, a.Detail, b.Detail, "detail")
	equal(t, a.Error(), b.Error(), "error text")

	_, _, err := f.svc.Login(f.ctx, "", "", "")
	requireField(t, err, "email")
	requireField(t, err, "password")

	// Email matches case-insensitively.
	raw, k, err := f.svc.Login(f.ctx, "OWNER@example.com", testPassword, "")
	mustOK(t, err)
	check(t, strings.HasPrefix(raw, k.ID+"-"), "key %q does not start with its id", raw)

	// Outage during login is not a 401.
	f.st.setDown(true)
	_, _, err = f.svc.Login(f.ctx, "owner@example.com", testPassword, "")
	requireKind(t, err, errs.KindUnavailable)
}

func TestLoginUnknownUserDoesTheWork(t *testing.T) {
	f := newFixture(t, nil)
	f.owner()
	// A wrong password for a known user and any password for an unknown one
	// each cost exactly one argon2 verification, so their timing is alike.
	for _, email := range []string{"owner@example.com", "nobody@example.com"} {
		before := f.svc.pw.verified.Load()
		_, _, err := f.svc.Login(f.ctx, email, "wrong-password", "")
		requireKind(t, err, errs.KindUnauthorized)
		equal(t, f.svc.pw.verified.Load()-before, int64(1), "verifications for "+email)
	}
}

func TestLogout(t *testing.T) {
	f := newFixture(t, nil)
	f.owner()
	raw, _, err := f.svc.Login(f.ctx, "owner@example.com", testPassword, "")
	mustOK(t, err)
	a, err := f.svc.Authenticate(f.ctx, raw)
	mustOK(t, err)
	mustOK(t, f.svc.Logout(f.ctx, a))
	_, err = f.svc.Authenticate(f.ctx, raw)
	requireKind(t, err, errs.KindUnauthorized)
	mustOK(t, f.svc.Logout(f.ctx, a)) // already gone
	requireKind(t, f.svc.Logout(f.ctx, Actor{}), errs.KindUnauthorized)
}

func TestResolveUserVisibility(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	bob := f.member(owner, "bob")
	carol := f.member(owner, "carol")
	hexName := strings.Repeat("ab", 16) // 32 hex characters: a valid username, and uuid.Parse accepts it
	_, err := f.svc.CreateUser(f.ctx, owner, NewUser{Email: "hex@example.com", Username: hexName, Password: testPassword})
	mustOK(t, err)

	resolve := func(a Actor, ref string) (store.User, error) { return f.svc.ResolveUser(f.ctx, a, ref) }
	mustResolve := func(a Actor, ref string, want uuid.UUID) {
		t.Helper()
		u, err := resolve(a, ref)
		mustOK(t, err)
		equal(t, u.ID, want, "resolve "+ref)
	}
	notFound := func(a Actor, ref string) {
		t.Helper()
		_, err := resolve(a, ref)
		e := requireKind(t, err, errs.KindNotFound)
		equal(t, e.Message, errs.MsgNotFound, "message")
	}

	// The owner sees everyone, by me, name (any case) or id.
	mustResolve(owner, "me", owner.User.ID)
	mustResolve(owner, "bob", bob.User.ID)
	mustResolve(owner, "BOB", bob.User.ID)
	mustResolve(owner, bob.User.ID.String(), bob.User.ID)
	hex, err := resolve(owner, hexName)
	mustOK(t, err)
	equal(t, hex.Username, hexName, "32-hex username resolved by name")
	notFound(owner, "nobody")
	notFound(owner, uuid.NewString())
	notFound(owner, "not a ref!")
	notFound(owner, "")

	// A member sees only themselves.
	mustResolve(bob, "me", bob.User.ID)
	mustResolve(bob, "Bob", bob.User.ID)
	mustResolve(bob, bob.User.ID.String(), bob.User.ID)
	notFound(bob, "carol")
	notFound(bob, carol.User.ID.String())
	notFound(bob, "owner")
	notFound(bob, owner.User.ID.String())
	notFound(bob, "nobody") // alike to an existing other user
	notFound(bob, uuid.NewString())

	_, err = resolve(Actor{}, "me")
	requireKind(t, err, errs.KindUnauthorized)

	f.st.setDown(true)
	_, err = resolve(owner, "bob")
	requireKind(t, err, errs.KindUnavailable)
}

func TestListUsers(t *testing.T) {
	f := newFixture(t, nil)
	owner := f.owner()
	var names []string
	for i := range 5 {
		f.clock.Advance(time.Second)
		name := fmt.Sprintf("user%d", i)
		names = append(names, name)
		f.member(owner, name)
	}
	bob := f.member(owner, "bob")
	_, _, err := f.svc.ListUsers(f.ctx, bob, 0, 0)
	requireKind(t, err, errs.KindForbidden)

	all, count, err := f.svc.ListUsers(f.ctx, owner, 0, 0)
	mustOK(t, err)
	equal(t, count, 7, "count")
	equal(t, len(all), 7, "all")
	page, count, err := f.svc.ListUsers(f.ctx, owner, 1, 2)
	mustOK(t, err)
	equal(t, count, 7, "count")
	equal(t, []string{page[0].Username, page[1].Username}, names[:2], "page")
	page, _, err = f.svc.ListUsers(f.ctx, owner, 100, 2)
	mustOK(t, err)
	equal(t, len(page), 0, "past the end")
	_, _, err = f.svc.ListUsers(f.ctx, owner, -1, 0)
	requireField(t, err, "offset")
	_, _, err = f.svc.ListUsers(f.ctx, owner, 0, -1)
	requireField(t, err, "limit")
}

func TestActorContext(t *testing.T) {
	_, ok := ActorFrom(context.Background())
	check(t, !ok, "actor in an empty context")
	a := Actor{User: store.User{ID: uuid.New(), Roles: []string{store.RoleOwner}}, KeyID: "abc"}
	got, ok := ActorFrom(WithActor(context.Background(), a))
	check(t, ok, "actor lost")
	equal(t, got, a, "actor")
}

func TestStoreErrorMapping(t *testing.T) {
	e := requireKind(t, storeErr(store.ErrUnavailable, "x"), errs.KindUnavailable)
	check(t, errors.Is(e, store.ErrUnavailable), "cause lost")
	requireKind(t, storeErr(context.DeadlineExceeded, "x"), errs.KindUnavailable)
	e = requireKind(t, storeErr(errors.New("secret sql detail"), "x"), errs.KindInternal)
	check(t, !strings.Contains(e.Message+e.Detail, "secret sql"), "cause shown to the client: %q", e.Error())
}
