package web

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/gitauthd/gitauthd/internal/errs"
)

// deviceView is one device flow as the "device" template shows it and
// device.js drives it. For linking an account only ID and Start are set
// (the flow runs on /api/v2/external-auth/{ID}/device); for GitHub sign-in
// API gives the device code and Poll is the sign-in callback with the
// state, to which the script adds the device code, and Auto starts it as
// the page loads.
type deviceView struct {
	ID, Start, API, Poll string
	Auto                 bool
}

// linkDevice is the device flow of linking an account at provider id.
func linkDevice(id string) deviceView { return deviceView{ID: id, Start: "Connect with a code"} }

// loginDevicePage is /login/device?state=…, where GitHub sign-in with the
// device flow sends the browser (as Coder does): the page asks the API for
// a code, shows it, and polls the callback until GitHub approves, then goes
// to /. The state names the flow whose cookie the start set.
func (p *Pages) loginDevicePage(c echo.Context) error {
	const title = "Sign in with GitHub"
	if p.SignInMethods == nil || !p.SignInMethods().GitHub {
		return p.renderError(c, title, errs.New(errs.KindNotFound, "GitHub sign-in is not enabled."))
	}
	state := c.QueryParam("state")
	if state == "" {
		return p.renderError(c, title, errs.New(errs.KindInvalid, "No GitHub sign-in was started: start it from the sign-in page."))
	}
	return p.render(c, http.StatusOK, "logindevice", pageData{Title: title, Data: deviceView{
		ID: "github", Start: "Get a new code", API: "/api/v2/users/oauth2/github/device",
		Poll: "/api/v2/users/oauth2/github/callback?" + url.Values{"state": {state}}.Encode(), Auto: true}})
}
