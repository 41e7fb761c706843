package projectauth

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/externalauth"
	"github.com/gitauthd/gitauthd/internal/store"
)

// repoTypeProviderTypes are the provider types a ServiceStage repo_type
// stands for, in order of preference. A repo_type not listed stands for the
// built-in provider type of the same name (bitbucket-server, for one);
// generic providers are reached by their id only.
var repoTypeProviderTypes = map[string][]string{
	"github":    {externalauth.TypeGitHub},
	"gitlab":    {externalauth.TypeGitLab},
	"bitbucket": {externalauth.TypeBitbucketCloud, externalauth.TypeBitbucketServer},
	"gitea":     {externalauth.TypeGitea},
}

// basicAuthTypes are the provider types whose API accepts an account name
// and password (or app password) with HTTP Basic.
var basicAuthTypes = []string{
	externalauth.TypeBitbucketCloud, externalauth.TypeBitbucketServer, externalauth.TypeGitea, externalauth.TypeGeneric,
}

// normalizeRepoType is the form repo types are matched and stored in.
func normalizeRepoType(repoType string) string { return strings.ToLower(strings.TrimSpace(repoType)) }

// candidates returns the providers repoType names, best first: a provider
// whose id is repoType, then the providers of the types it stands for, in
// configuration order.
func (s *Service) candidates(repoType string) []*externalauth.Provider {
	var out []*externalauth.Provider
	if s.ext == nil {
		return out
	}
	providers := s.ext.Providers()
	for _, p := range providers {
		if strings.EqualFold(p.ID, repoType) {
			out = append(out, p)
		}
	}
	types, ok := repoTypeProviderTypes[repoType]
	if !ok && repoType != externalauth.TypeGeneric {
		types = []string{repoType}
	}
	for _, t := range types {
		for _, p := range providers {
			if p.Type == t && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

func unsupported(repoType, why string) *errs.Error {
	return errs.New(errs.KindInvalid, "Repository type not supported.").
		WithDetail(fmt.Sprintf("repo_type %q: %s", repoType, why)).WithReason(errs.ReasonUnsupported)
}

// checkRepoType refuses a repo_type that cannot name a provider.
func checkRepoType(repoType string) error {
	if repoType == "" {
		return invalid("repo_type", "is required")
	}
	if strings.ContainsFunc(repoType, func(r rune) bool { return r < 0x21 || r == 0x7f }) {
		return invalid("repo_type", "must not contain whitespace or control characters")
	}
	return nil
}

// providerFor returns the provider serving tokenType for repoType; for a
// personal token, host (optional) selects a self-hosted instance among the
// configured ones.
func (s *Service) providerFor(repoType, tokenType, host string) (*externalauth.Provider, error) {
	if err := checkRepoType(repoType); err != nil {
		return nil, err
	}
	all := s.candidates(repoType)
	if len(all) == 0 {
		return nil, unsupported(repoType, "no external auth provider is configured for it")
	}
	switch tokenType {
	case store.GitAuthOAuth:
		return all[0], nil
	case store.GitAuthPassword:
		for _, p := range all {
			if slices.Contains(basicAuthTypes, p.Type) && p.ValidateURL != "" {
				return p, nil
			}
		}
		return nil, unsupported(repoType, "its provider does not accept passwords (use an OAuth or personal token authorization)")
	}
	// Personal tokens are validated, so they need a validate URL.
	var usable []*externalauth.Provider
	for _, p := range all {
		if p.ValidateURL != "" {
			usable = append(usable, p)
		}
	}
	if len(usable) == 0 {
		return nil, unsupported(repoType, "its provider has no validate URL to check personal tokens with")
	}
	if host == "" {
		return usable[0], nil
	}
	want, err := parseHost(host)
	if err != nil {
		return nil, invalid("host", err.Error())
	}
	for _, p := range usable {
		for _, raw := range []string{p.AuthURL, p.TokenURL, p.ValidateURL} {
			if have, err := parseHost(raw); err == nil && want.matches(have) {
				return p, nil
			}
		}
	}
	return nil, invalid("host", fmt.Sprintf("no %s provider is configured for %s; a self-hosted instance needs a provider of its own", repoType, want))
}

// hostKey is a scheme (possibly unknown) and a normalized host[:port].
type hostKey struct {
	scheme string // "" when the caller gave a bare host
	host   string // lower case, without a default port
}

func (h hostKey) String() string {
	if h.scheme == "" {
		return h.host
	}
	return h.scheme + "://" + h.host
}

func (h hostKey) matches(configured hostKey) bool {
	return h.host == configured.host && (h.scheme == "" || h.scheme == configured.scheme)
}

// parseHost reads an http(s) URL or a bare host[:port]; any path is
// ignored.
func parseHost(raw string) (hostKey, error) {
	raw = strings.TrimSpace(raw)
	scheme := ""
	if i := strings.Index(raw, "://"); i >= 0 {
		scheme = strings.ToLower(raw[:i])
	} else {
		raw = "https://" + raw // only to parse it; the scheme stays unknown
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "" || u.Opaque != "":
		return hostKey{}, fmt.Errorf("must be an http(s) URL or a host name")
	case scheme != "" && scheme != "http" && scheme != "https":
		return hostKey{}, fmt.Errorf("must be an http or https URL")
	case u.User != nil:
		return hostKey{}, fmt.Errorf("must not contain a user name or password")
	case u.RawQuery != "" || u.Fragment != "":
		return hostKey{}, fmt.Errorf("must not contain a query or fragment")
	}
	name, port := strings.ToLower(u.Hostname()), u.Port()
	if (port == "443" && scheme != "http") || (port == "80" && scheme == "http") {
		port = ""
	}
	h := name
	if port != "" {
		h = net.JoinHostPort(name, port)
	} else if strings.Contains(name, ":") {
		h = "[" + name + "]"
	}
	return hostKey{scheme: scheme, host: h}, nil
}

// repoHost is the provider's API address: the scheme and host of its
// validate URL (https://api.github.com for GitHub), else of its auth URL.
func repoHost(p *externalauth.Provider) string {
	for _, raw := range []string{p.ValidateURL, p.AuthURL} {
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			return u.Scheme + "://" + u.Host
		}
	}
	return ""
}
