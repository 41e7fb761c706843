package identity

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/ratelimit"
	"github.com/gitauthd/gitauthd/internal/store"
)

// NewUser is a request to create a user. LoginType may be "" or "password";
// "" means password.
type NewUser struct {
	Email     string
	Username  string
	Name      string
	Password  string
	LoginType string
	// Status may be "" or "active": gitauthd creates active users only.
	Status string
}

const (
	maxUsernameLength = 32
	maxNameLength     = 128
	maxEmailLength    = 254
	// statusActive is the only user status gitauthd creates.
	statusActive = "active"
	// meRef names the caller in {user} path parameters.
	meRef = "me"
)

const (
	msgFirstUserExists = "The initial user has already been created."
	msgUserExists      = "A user with this username or email already exists."
)

// HasFirstUser reports whether any user exists.
func (s *Service) HasFirstUser(ctx context.Context) (bool, error) {
	c, err := s.st.Counts(ctx, s.now())
	if err != nil {
		return false, storeErr(err, "count users")
	}
	return c.Users > 0, nil
}

// CreateFirstUser creates the deployment's first user, who becomes its
// owner. Once any user exists it answers KindConflict; of two concurrent
// calls exactly one wins.
func (s *Service) CreateFirstUser(ctx context.Context, nu NewUser) (created store.User, err error) {
	ev := audit.Event{Action: audit.ActionCreate, ResourceType: audit.ResourceUser, ResourceTarget: nu.Username}
	defer func() {
		if err == nil {
			ev.Actor = audit.Actor{UserID: created.ID, Username: created.Username}
			ev.ResourceID = created.ID.String()
		}
		err = s.audit.Done(ctx, &ev, err)
	}()
	exists, err := s.HasFirstUser(ctx)
	if err != nil {
		return store.User{}, err
	}
	if exists {
		return store.User{}, conflict(msgFirstUserExists, "", "")
	}
	u, err := s.buildUser(ctx, nu, []string{store.RoleOwner})
	if err != nil {
		return store.User{}, err
	}
	if err := s.st.InsertFirstUser(ctx, u); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return store.User{}, conflict(msgFirstUserExists, "", "")
		}
		return store.User{}, storeErr(err, "insert first user")
	}
	s.log.InfoContext(ctx, "created first user", "user_id", u.ID, "username", u.Username)
	return u, nil
}

// CreateUser creates a member. Only owners and user admins may; anyone else
// gets KindForbidden. A taken username or email is KindConflict naming the field.
func (s *Service) CreateUser(ctx context.Context, actor Actor, nu NewUser) (created store.User, err error) {
	if err := requireActor(actor); err != nil {
		return store.User{}, err
	}
	ev := audit.Event{Actor: actor.audit(), Action: audit.ActionCreate, ResourceType: audit.ResourceUser, ResourceTarget: nu.Username}
	defer func() {
		ev.ResourceID = created.ID.String()
		if err != nil {
			ev.ResourceID = ""
		}
		err = s.audit.Done(ctx, &ev, err)
	}()
	if !actor.ManagesUsers() {
		return store.User{}, errs.Forbidden()
	}
	if err := validateNewUser(nu); err != nil {
		return store.User{}, err
	}
	if err := s.userTaken(ctx, nu); err != nil {
		return store.User{}, err
	}
	u, err := s.buildUser(ctx, nu, nil)
	if err != nil {
		return store.User{}, err
	}
	if err := s.st.InsertUser(ctx, u); err != nil {
		if errors.Is(err, store.ErrConflict) {
			// A concurrent request took the username or the email between
			// the check above and the insert: name the field all the same.
			if err := s.userTaken(ctx, nu); err != nil {
				return store.User{}, err
			}
			return store.User{}, conflict(msgUserExists, "", "")
		}
		return store.User{}, storeErr(err, "insert user")
	}
	s.log.InfoContext(ctx, "created user", "user_id", u.ID, "username", u.Username, "by", actor.User.ID)
	return u, nil
}

// userTaken returns a KindConflict error naming the field when nu's username
// or email (compared case-insensitively) belongs to an existing user, and
// nil when neither does.
func (s *Service) userTaken(ctx context.Context, nu NewUser) error {
	if _, err := s.st.GetUserByUsername(ctx, nu.Username); err == nil {
		return conflict(msgUserExists, "username", "username is already in use")
	} else if !errors.Is(err, store.ErrNotFound) {
		return storeErr(err, "get user by username")
	}
	if _, err := s.st.GetUserByEmail(ctx, nu.Email); err == nil {
		return conflict(msgUserExists, "email", "email is already in use")
	} else if !errors.Is(err, store.ErrNotFound) {
		return storeErr(err, "get user by email")
	}
	return nil
}

// buildUser validates nu and returns the row to insert, password hashed.
func (s *Service) buildUser(ctx context.Context, nu NewUser, roles []string) (store.User, error) {
	if err := validateNewUser(nu); err != nil {
		return store.User{}, err
	}
	hashed, err := s.pw.hash(ctx, nu.Password)
	if err != nil {
		return store.User{}, errs.Wrap(fmt.Errorf("hash password: %w", err), errs.MsgInternal)
	}
	now := s.now()
	return store.User{
		ID:             uuid.New(),
		Email:          nu.Email,
		Username:       nu.Username,
		Name:           nu.Name,
		HashedPassword: hashed,
		Roles:          store.NormalizeRoles(roles),
		Status:         statusActive,
		LoginType:      store.LoginTypePassword,
		CreatedAt:      now,
		UpdatedAt:      now,
	}, nil
}

// validateNewUser checks every field and reports all violations in one
// KindInvalid error, each naming its field.
func validateNewUser(nu NewUser) error {
	var fields []errs.FieldError
	add := func(field, detail string) { fields = append(fields, errs.FieldError{Field: field, Detail: detail}) }

	if d := checkEmail(nu.Email); d != "" {
		add("email", d)
	}
	if d := checkUsername(nu.Username); d != "" {
		add("username", d)
	}
	if d := checkName(nu.Name); d != "" {
		add("name", d)
	}
	switch nu.LoginType {
	case "", store.LoginTypePassword:
		if nu.Password == "" {
			add("password", "password is required")
		} else if d := checkPassword(nu.Password, nu.Username, nu.Email); d != "" {
			add("password", d)
		}
	default:
		add("login_type", fmt.Sprintf("login_type must be %q", store.LoginTypePassword))
	}
	if nu.Status != "" && nu.Status != statusActive {
		add("user_status", fmt.Sprintf("only %q users can be created", statusActive))
	}
	return invalidFields(fields)
}

// invalidFields returns nil for no fields, else one KindInvalid error.
func invalidFields(fields []errs.FieldError) error {
	if len(fields) == 0 {
		return nil
	}
	e := errs.Invalid(fields[0].Field, fields[0].Detail)
	if len(fields) > 1 {
		details := make([]string, len(fields))
		for i, f := range fields {
			details[i] = f.Field + ": " + f.Detail
		}
		e.Detail = strings.Join(details, "; ")
		e.Fields = fields
	}
	return e
}

// checkEmail accepts a bare address (no display name, no angle brackets)
// that net/mail can parse.
func checkEmail(email string) string {
	if email == "" {
		return "email is required"
	}
	if len(email) > maxEmailLength {
		return fmt.Sprintf("email must be at most %d characters", maxEmailLength)
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Name != "" || a.Address != email || !strings.Contains(email, "@") {
		return "email must be a valid email address"
	}
	return ""
}

// checkUsername: 1–32 letters, digits and single hyphens, not starting or
// ending with a hyphen; "me" is reserved for the caller.
func checkUsername(username string) string {
	switch {
	case username == "":
		return "username is required"
	case len(username) > maxUsernameLength:
		return fmt.Sprintf("username must be at most %d characters", maxUsernameLength)
	case !validUsername(username):
		return "username must contain only letters, digits and single hyphens, and must not start or end with a hyphen"
	case strings.EqualFold(username, meRef):
		return fmt.Sprintf("username %q is reserved", username)
	}
	return ""
}

// validUsername reports whether s has the username shape.
func validUsername(s string) bool {
	if len(s) == 0 || len(s) > maxUsernameLength || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '-' {
			if s[i-1] == '-' {
				return false
			}
			continue
		}
		if !isAlphanumeric(s[i : i+1]) {
			return false
		}
	}
	return true
}

// checkName: optional, at most 128 characters of valid UTF-8 without
// control characters.
func checkName(name string) string {
	switch {
	case !utf8.ValidString(name):
		return "name must be valid UTF-8"
	case utf8.RuneCountInString(name) > maxNameLength:
		return fmt.Sprintf("name must be at most %d characters", maxNameLength)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "name must not contain control characters"
	}
	return ""
}

// Login checks an email and password and, on success, creates a session key
// (login type password, scope all, lifetime SessionDuration) and returns the
// full key with its stored row.
//
// An unknown email and a wrong password answer alike, with the same message
// and detail and a comparable amount of work. Attempts are limited per email
// (case-insensitively) and per client IP; past the limit the answer is
// KindTooMany with RetryAfter set.
func (s *Service) Login(ctx context.Context, email, password, clientIP string) (raw string, key store.APIKey, err error) {
	var who *store.User // the account the email names, once found
	defer func() {
		if err = s.RecordSignIn(ctx, who, key.ID, err); err != nil {
			raw, key = "", store.APIKey{}
		}
	}()
	var fields []errs.FieldError
	if email == "" {
		fields = append(fields, errs.FieldError{Field: "email", Detail: "email is required"})
	}
	if password == "" {
		fields = append(fields, errs.FieldError{Field: "password", Detail: "password is required"})
	}
	if err := invalidFields(fields); err != nil {
		return "", store.APIKey{}, err
	}
	if err := s.limitLogin(email, clientIP); err != nil {
		return "", store.APIKey{}, err
	}

	u, err := s.st.GetUserByEmail(ctx, email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", store.APIKey{}, storeErr(err, "get user by email")
	}
	if err == nil {
		who = &u
	}
	hash := s.pw.dummy
	found := err == nil
	known := found && u.LoginType == store.LoginTypePassword && u.HashedPassword != ""
	if known {
		hash = u.HashedPassword
	}
	ok, err := s.pw.verify(ctx, password, hash)
	if err != nil {
		if errors.Is(err, errBadHash) {
			s.log.ErrorContext(ctx, "stored password hash is malformed", "user_id", u.ID)
		}
		return "", store.APIKey{}, errs.Wrap(fmt.Errorf("verify password: %w", err), errs.MsgInternal)
	}
	if found && u.LoginType != store.LoginTypePassword {
		// Coder's answer: the account exists and signs in another way.
		return "", store.APIKey{}, errs.New(errs.KindForbidden, fmt.Sprintf(
			"Incorrect login type, attempting to use %q but user is of login type %q", store.LoginTypePassword, u.LoginType))
	}
	if !ok || !known {
		return "", store.APIKey{}, badCredentials()
	}
	if u.Status != statusActive {
		return "", store.APIKey{}, errs.New(errs.KindUnauthorized, "Your account is not active. Contact an administrator.")
	}

	raw, k, err := s.newSession(ctx, u.ID, store.LoginTypePassword)
	if err != nil {
		return "", store.APIKey{}, err
	}
	s.log.InfoContext(ctx, "user logged in", "user_id", u.ID, "key_id", k.ID)
	return raw, k, nil
}

// RecordSignIn records a sign-in attempt, by any method (password here;
// OIDC and GitHub sign-in call it too): u is the account it was for (nil
// when none is known), keyID the session key it created ("" when it was
// refused), err its outcome. It returns the answer to give: err for a
// refusal; for a success that cannot be recorded, the recorder's
// KindUnavailable, and the session key is deleted so that nothing
// unrecorded is handed out.
func (s *Service) RecordSignIn(ctx context.Context, u *store.User, keyID string, err error) error {
	ev := audit.Event{Action: audit.ActionLogin, ResourceType: audit.ResourceUser}
	if u != nil {
		ev.Actor = audit.Actor{UserID: u.ID, Username: u.Username, KeyID: keyID}
		ev.ResourceID, ev.ResourceTarget = u.ID.String(), u.Username
	}
	if err = s.audit.Done(ctx, &ev, err); err != nil && keyID != "" {
		_ = s.st.DeleteAPIKey(context.WithoutCancel(ctx), keyID)
	}
	return err
}

// badCredentials is the one answer for an unknown email or a wrong password.
func badCredentials() *errs.Error {
	return errs.New(errs.KindUnauthorized, msgIncorrectEmailOrPassword)
}

// Logout deletes the key that authenticated the actor. A key already gone is
// not an error.
func (s *Service) Logout(ctx context.Context, actor Actor) (err error) {
	if err := requireActor(actor); err != nil {
		return err
	}
	ev := audit.Event{Actor: actor.audit(), Action: audit.ActionLogout, ResourceType: audit.ResourceAPIKey,
		ResourceID: actor.KeyID, ResourceTarget: actor.User.Username}
	defer func() { err = s.audit.Done(ctx, &ev, err) }()
	if actor.KeyID == "" {
		return nil
	}
	if err := s.st.DeleteAPIKey(ctx, actor.KeyID); err != nil && !errors.Is(err, store.ErrNotFound) {
		return storeErr(err, "delete api key")
	}
	return nil
}

// ResolveUser finds the user named by ref ("me", a username or a UUID) as
// the actor may see it. Owners and user admins see everyone; anyone else sees only
// themselves, and any other user — existing or not — is KindNotFound, so
// existence does not leak.
func (s *Service) ResolveUser(ctx context.Context, actor Actor, ref string) (store.User, error) {
	if err := requireActor(actor); err != nil {
		return store.User{}, err
	}
	if ref == meRef {
		return actor.User, nil
	}
	id, isID := parseUserID(ref)
	if !isID && !validUsername(ref) {
		return store.User{}, errs.NotFound()
	}
	if !actor.ManagesUsers() {
		if (isID && id == actor.User.ID) || (!isID && strings.EqualFold(ref, actor.User.Username)) {
			return actor.User, nil
		}
		return store.User{}, errs.NotFound()
	}
	var (
		u   store.User
		err error
	)
	if isID {
		u, err = s.st.GetUserByID(ctx, id)
	} else {
		u, err = s.st.GetUserByUsername(ctx, ref)
	}
	if errors.Is(err, store.ErrNotFound) {
		return store.User{}, errs.NotFound()
	}
	if err != nil {
		return store.User{}, storeErr(err, "get user")
	}
	if !actor.canSee(u) {
		return store.User{}, errs.NotFound()
	}
	return u, nil
}

// parseUserID accepts only the canonical 36-character UUID form, so that a
// 32-character hexadecimal username is never read as an id.
func parseUserID(ref string) (uuid.UUID, bool) {
	if len(ref) != 36 {
		return uuid.UUID{}, false
	}
	id, err := uuid.Parse(ref)
	return id, err == nil
}

// ListUsers returns one page of users (ordered by creation) and the total
// count. Only owners and user admins may list; limit 0 means no limit.
func (s *Service) ListUsers(ctx context.Context, actor Actor, offset, limit int) ([]store.User, int, error) {
	if err := requireActor(actor); err != nil {
		return nil, 0, err
	}
	if !actor.ManagesUsers() {
		return nil, 0, errs.Forbidden()
	}
	if offset < 0 {
		return nil, 0, errs.Invalid("offset", "offset must not be negative")
	}
	if limit < 0 {
		return nil, 0, errs.Invalid("limit", "limit must not be negative")
	}
	all, err := s.st.ListUsers(ctx)
	if err != nil {
		return nil, 0, storeErr(err, "list users")
	}
	count := len(all)
	page := all[min(offset, count):]
	if limit > 0 && limit < len(page) {
		page = page[:limit]
	}
	return page, count, nil
}

// requireActor rejects a zero Actor (a handler that forgot to authenticate).
func requireActor(a Actor) error {
	if a.User.ID == uuid.Nil {
		return errs.Unauthorized("no session token provided")
	}
	return nil
}

// limitLogin counts a sign-in attempt against the email address
// (case-insensitively) and the client IP, and refuses it with KindTooMany
// when either is over --login-rate-limit.
func (s *Service) limitLogin(email, clientIP string) error {
	if s.limit == nil {
		return nil
	}
	keys := []string{"email:" + strings.ToLower(strings.TrimSpace(email))}
	if clientIP != "" {
		keys = append(keys, "ip:"+clientIP)
	}
	ok, wait := s.limit.Allow(s.now(), keys...)
	if ok {
		return nil
	}
	retry := ratelimit.RetrySeconds(wait)
	e := errs.New(errs.KindTooMany, msgTooManyLoginAttempts).WithDetail(fmt.Sprintf("try again in %d seconds", retry))
	e.RetryAfter = retry
	return e
}
