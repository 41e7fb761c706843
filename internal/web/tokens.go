package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/store"
)

// tokensData is the API tokens page.
type tokensData struct {
	Tokens    []store.APIKey
	Lifetimes []lifetimeChoice
	// NewToken is the token just created, shown this once.
	NewToken string
}

// lifetimeChoice is one option of the lifetime select, in seconds.
type lifetimeChoice struct {
	Seconds  int64
	Label    string
	Selected bool
}

// lifetimePresets are the lifetimes offered, up to the deployment's maximum.
var lifetimePresets = []time.Duration{
	time.Hour, 24 * time.Hour, 7 * 24 * time.Hour, 30 * 24 * time.Hour, 90 * 24 * time.Hour, 365 * 24 * time.Hour,
}

// lifetimes are the choices for a deployment whose tokens live at most
// longest and by default def: the presets up to longest, def and longest
// themselves, with selected (or def, or else the longest) selected.
func lifetimes(def, longest time.Duration, selected int64) []lifetimeChoice {
	set := []time.Duration{}
	for _, d := range append(slices.Clone(lifetimePresets), def, longest) {
		if d > 0 && d <= longest && !slices.Contains(set, d) {
			set = append(set, d)
		}
	}
	slices.Sort(set)
	if selected <= 0 {
		selected = int64(def / time.Second)
	}
	out := make([]lifetimeChoice, len(set))
	found := false
	for i, d := range set {
		label := lifetimeLabel(d)
		if d == longest && d > 365*24*time.Hour {
			label = "the maximum (" + label + ")"
		}
		out[i] = lifetimeChoice{Seconds: int64(d / time.Second), Label: label, Selected: int64(d/time.Second) == selected}
		found = found || out[i].Selected
	}
	if !found && len(out) > 0 {
		out[len(out)-1].Selected = true
	}
	return out
}

func lifetimeLabel(d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0:
		return plural(int64(d/(24*time.Hour)), "day")
	case d%time.Hour == 0:
		return plural(int64(d/time.Hour), "hour")
	default:
		return plural(int64(d/time.Minute), "minute")
	}
}

func (p *Pages) tokensPage(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		d := pageData{}
		if name := c.QueryParam("deleted"); name != "" {
			d.Notice = "Token " + name + " deleted: it no longer works."
		}
		return p.renderTokens(c, a, http.StatusOK, d, 0, "")
	})
}

// renderTokens shows the page with the caller's tokens.
func (p *Pages) renderTokens(c echo.Context, a identity.Actor, status int, d pageData, lifetime int64, newToken string) error {
	ctx := c.Request().Context()
	list, err := p.Identity.ListTokens(ctx, a, "me")
	if err != nil {
		return p.renderError(c, "API tokens", err)
	}
	longest, err := p.Identity.TokenConfig(ctx, a, "me")
	if err != nil {
		return p.renderError(c, "API tokens", err)
	}
	d.Title = "API tokens"
	d.Data = tokensData{Tokens: list, Lifetimes: lifetimes(p.Identity.DefaultTokenLifetime(), longest, lifetime), NewToken: newToken}
	d = signedIn(a, "/tokens", d)
	if d.Error != "" && status < 400 {
		status = http.StatusBadRequest
	}
	return p.render(c, status, "tokens", d)
}

// createToken creates an API token (identity's rules) and shows it once.
func (p *Pages) createToken(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		name := c.FormValue("token_name")
		form := map[string]string{"token_name": name}
		seconds, err := strconv.ParseInt(c.FormValue("lifetime"), 10, 64)
		if err != nil {
			return p.tokenFailed(c, a, errs.Invalid("lifetime", "lifetime must be a whole number of seconds"), form, 0)
		}
		raw, err := p.Identity.CreateToken(c.Request().Context(), a, "me",
			identity.TokenRequest{TokenName: name, Lifetime: time.Duration(seconds) * time.Second})
		if err != nil {
			return p.tokenFailed(c, a, err, form, seconds)
		}
		return p.renderTokens(c, a, http.StatusCreated, pageData{Notice: "Token " + tokenName(name) + " created."}, seconds, raw)
	})
}

func tokenName(name string) string {
	if name == "" {
		return "(with a generated name)"
	}
	return name
}

// tokenFailed shows the page again with err beside its field.
func (p *Pages) tokenFailed(c echo.Context, a identity.Actor, err error, form map[string]string, seconds int64) error {
	status, _, ok := pageError(err, false)
	if !ok {
		return p.renderError(c, "API tokens", err)
	}
	d := pageData{Form: form}
	d = fieldErrors(d, err, "token_name", "lifetime")
	return p.renderTokens(c, a, status, d, seconds, "")
}

// deleteToken deletes one of the caller's tokens.
func (p *Pages) deleteToken(c echo.Context) error {
	return p.signedInOnly(c, func(a identity.Actor) error {
		ctx := c.Request().Context()
		id := c.Param("id")
		name := ""
		if list, err := p.Identity.ListTokens(ctx, a, "me"); err == nil {
			for _, k := range list {
				if k.ID == id {
					name = k.TokenName
				}
			}
		}
		if err := p.Identity.DeleteKey(ctx, a, "me", id); err != nil {
			return p.renderError(c, "Delete token", err)
		}
		return seeOther(c, "/tokens", url.Values{"deleted": {name}})
	})
}
