package web

import (
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/identity"
)

// accountsData is the Your accounts page: every configured provider with
// the caller's status there, and how to use the links with git.
type accountsData struct {
	Accounts  []externalauth.Status
	AccessURL string
}

// accountsPage is "/" signed in: Your accounts. The providers are asked
// concurrently (each status validates the link with its provider).
func (p *Pages) accountsPage(c echo.Context, a identity.Actor) error {
	ctx := c.Request().Context()
	providers := p.ExternalAuth.Providers()
	list := make([]externalauth.Status, len(providers))
	failed := make([]error, len(providers))
	var wg sync.WaitGroup
	for i, pr := range providers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			list[i], failed[i] = p.ExternalAuth.Get(ctx, a.User.ID, pr.ID)
		}()
	}
	wg.Wait()
	for _, err := range failed {
		if err != nil {
			return p.renderError(c, "Your accounts", err)
		}
	}
	d := signedIn(a, "/", pageData{Title: "Your accounts", Data: accountsData{Accounts: list, AccessURL: p.AccessURL}})
	if id := c.QueryParam("disconnected"); id != "" {
		if pr, err := p.ExternalAuth.Provider(ctx, id); err == nil {
			d.Notice = disconnectedNotice(c, pr.DisplayName, pr.RevokeURL != "")
		}
	}
	if id := c.QueryParam("connected"); id != "" {
		if pr, err := p.ExternalAuth.Provider(ctx, id); err == nil {
			d.Notice = "Your " + pr.DisplayName + " account is connected."
		}
	}
	return p.render(c, http.StatusOK, "accounts", d)
}
