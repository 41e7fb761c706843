package web

import (
	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/identity"
)

// navItem is one link of the app's navigation, shown to the actors Show
// allows (the pages check again through the domain services: the nav only
// spares people links they cannot use).
type navItem struct {
	Path  string
	Label string
	Show  func(identity.Actor) bool
}

// navItems is the navigation of every signed-in page, in order: the one
// place a page is added to it.
var navItems = []navItem{
	{Path: "/", Label: "Your accounts", Show: anyone},
	{Path: "/tokens", Label: "API tokens", Show: anyone},
	{Path: "/projects", Label: "Projects", Show: anyone},
	{Path: "/users", Label: "Users", Show: identity.Actor.ManagesUsers},
	{Path: "/audit", Label: "Audit", Show: func(a identity.Actor) bool { return audit.MayRead(a) }},
}

func anyone(identity.Actor) bool { return true }

// navLink is a navigation link as the layout shows it.
type navLink struct {
	Path    string
	Label   string
	Current bool
}

// navFor is the navigation a shows, with active (a Path) marked current.
func navFor(a identity.Actor, active string) []navLink {
	links := make([]navLink, 0, len(navItems))
	for _, it := range navItems {
		if it.Show(a) {
			links = append(links, navLink{Path: it.Path, Label: it.Label, Current: it.Path == active})
		}
	}
	return links
}
