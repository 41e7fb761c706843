package fakeprovider

import (
	"net/http"
	"strconv"
	"strings"
)

// GitHub's organizations, teams and email addresses, as GitHub sign-in
// reads them: GET /user/emails, GET /user/memberships/orgs and
// GET /orgs/{org}/teams/{team_slug}/memberships/{username}. The GitHub
// dialect also serves every API route under /api/v3, where GitHub
// Enterprise Server has its API.

// Email is one of a user's email addresses (GET /user/emails).
type Email struct {
	Email    string
	Primary  bool
	Verified bool
}

// orgState is what the fake knows of organizations: members' states by
// org then login, team members by "org/team" then login, and emails by
// login (unset: the user's Email, primary and verified).
type orgState struct {
	members map[string]map[string]string
	teams   map[string]map[string]string
	emails  map[string][]Email
}

// AddOrgMember makes login a member of org in state "active" or
// "pending" (an invitation not yet accepted).
func (p *Provider) AddOrgMember(org, login, state string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.orgs.members == nil {
		p.orgs.members = map[string]map[string]string{}
	}
	if p.orgs.members[org] == nil {
		p.orgs.members[org] = map[string]string{}
	}
	p.orgs.members[org][login] = state
}

// AddTeamMember makes login a member of org's team (by slug) in state
// "active" or "pending".
func (p *Provider) AddTeamMember(org, team, login, state string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.orgs.teams == nil {
		p.orgs.teams = map[string]map[string]string{}
	}
	k := strings.ToLower(org + "/" + team)
	if p.orgs.teams[k] == nil {
		p.orgs.teams[k] = map[string]string{}
	}
	p.orgs.teams[k][login] = state
}

// SetEmails replaces login's email addresses.
func (p *Provider) SetEmails(login string, emails ...Email) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.orgs.emails == nil {
		p.orgs.emails = map[string][]Email{}
	}
	p.orgs.emails[login] = append([]Email{}, emails...)
}

// githubAPI serves the GitHub REST routes under prefix ("" or "/api/v3"),
// each to the user of a valid access token (githubAuthed).
func (p *Provider) githubAPI(mux *http.ServeMux, prefix string) {
	mux.HandleFunc("GET "+prefix+"/user", p.githubAuthed(p.githubUser))
	mux.HandleFunc("GET "+prefix+"/user/installations", p.githubAuthed(p.githubInstallations))
	mux.HandleFunc("GET "+prefix+"/user/emails", p.githubAuthed(p.githubEmails))
	mux.HandleFunc("GET "+prefix+"/user/memberships/orgs", p.githubAuthed(p.githubOrgMemberships))
	mux.HandleFunc("GET "+prefix+"/orgs/{org}/teams/{team}/memberships/{username}", p.githubAuthed(p.githubTeamMembership))
}

// githubEmails is GET /user/emails.
func (p *Provider) githubEmails(w http.ResponseWriter, r *http.Request, u User) {
	p.mu.Lock()
	emails, set := p.orgs.emails[u.Login]
	p.mu.Unlock()
	if !set && u.Email != "" {
		emails = []Email{{Email: u.Email, Primary: true, Verified: true}}
	}
	list := make([]map[string]any, 0, len(emails))
	for _, e := range emails {
		visibility := any(nil)
		if e.Primary {
			visibility = "private"
		}
		list = append(list, map[string]any{"email": e.Email, "primary": e.Primary, "verified": e.Verified, "visibility": visibility})
	}
	writeJSON(w, http.StatusOK, list)
}

// githubOrgMemberships is GET /user/memberships/orgs (?state=active or
// pending filters).
func (p *Provider) githubOrgMemberships(w http.ResponseWriter, r *http.Request, u User) {
	want := r.URL.Query().Get("state")
	base := p.baseURL(r)
	p.mu.Lock()
	var list []map[string]any
	for org, members := range p.orgs.members {
		state, member := members[u.Login]
		if !member || (want != "" && want != state) {
			continue
		}
		list = append(list, map[string]any{
			"url":              base + "/orgs/" + org + "/memberships/" + u.Login,
			"state":            state,
			"role":             "member",
			"organization_url": base + "/orgs/" + org,
			"organization":     map[string]any{"login": org, "id": orgID(org), "url": base + "/orgs/" + org},
			"user":             map[string]any{"login": u.Login, "id": u.ID},
		})
	}
	p.mu.Unlock()
	if list == nil {
		list = []map[string]any{}
	}
	writeJSON(w, http.StatusOK, list)
}

// githubTeamMembership is GET /orgs/{org}/teams/{team}/memberships/{username}:
// 200 with the membership, or GitHub's 404.
func (p *Provider) githubTeamMembership(w http.ResponseWriter, r *http.Request, _ User) {
	org, team, login := r.PathValue("org"), r.PathValue("team"), r.PathValue("username")
	p.mu.Lock()
	state, member := p.orgs.teams[strings.ToLower(org+"/"+team)][login]
	p.mu.Unlock()
	if !member {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found",
			"documentation_url": "https://docs.github.com/rest/teams/members#get-team-membership-for-a-user", "status": "404"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"url":   p.baseURL(r) + "/organizations/" + strconv.FormatInt(orgID(org), 10) + "/team/1/memberships/" + login,
		"role":  "member",
		"state": state,
	})
}

// orgID is a stable fake id for an organization login.
func orgID(org string) int64 {
	var h int64 = 7
	for _, c := range strings.ToLower(org) {
		h = h*31 + int64(c)
	}
	if h < 0 {
		h = -h
	}
	return 1_000_000 + h%1_000_000
}
