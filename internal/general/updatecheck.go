package general

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// UpdateResult answers GET /updatecheck.
type UpdateResult struct {
	// Current is true when the running version is the latest release or
	// newer, or when the latest release is unknown.
	Current bool
	// Version is the latest release, or the running version when the
	// latest is unknown.
	Version string
	// URL links to the latest release, or to the running build.
	URL string
}

// Update checker defaults.
const (
	updateFetchTimeout = 5 * time.Second
	updateCacheFor     = time.Hour
	// updateFailCacheFor keeps a failed check from being retried on every
	// request while the feed is down.
	updateFailCacheFor = time.Minute
	updateMaxBody      = 1 << 20
)

// UpdateChecker compares the running version with the latest release named
// by a feed answering JSON like GitHub's latest-release endpoint:
// {"tag_name": "v1.2.3", "html_url": "https://..."}. It is safe for
// concurrent use.
type UpdateChecker struct {
	// CurrentURL is the URL reported with the running version; it defaults
	// to CurrentBuildInfo().ExternalURL. Set it before the first Check.
	CurrentURL string

	enabled      bool
	feedURL      string
	current      string
	client       *http.Client
	logger       *slog.Logger
	timeout      time.Duration
	cacheFor     time.Duration
	failCacheFor time.Duration
	now          func() time.Time

	mu       sync.Mutex
	have     bool
	result   UpdateResult
	at       time.Time
	ttl      time.Duration
	inflight chan struct{}
}

// NewUpdateChecker returns a checker for the running version current. When
// enabled is false or feedURL is empty it never touches the network. client
// nil means a default client; logger nil means no logging.
func NewUpdateChecker(enabled bool, feedURL, current string, client *http.Client, logger *slog.Logger) *UpdateChecker {
	if client == nil {
		client = &http.Client{}
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &UpdateChecker{
		CurrentURL:   CurrentBuildInfo().ExternalURL,
		enabled:      enabled,
		feedURL:      feedURL,
		current:      current,
		client:       client,
		logger:       logger,
		timeout:      updateFetchTimeout,
		cacheFor:     updateCacheFor,
		failCacheFor: updateFailCacheFor,
		now:          time.Now,
	}
}

// Check returns whether the running version is current. It never fails: when
// checking is off, or the feed cannot be read or understood (HTTP error, bad
// JSON, timeout after 5 s), it reports the running version as current and
// logs a warning. A successful answer is cached for an hour, a failure for a
// minute; concurrent calls share one fetch. If ctx ends first, Check returns
// the running version at once and the fetch carries on for later calls.
func (c *UpdateChecker) Check(ctx context.Context) UpdateResult {
	if !c.enabled || c.feedURL == "" {
		return c.fallback()
	}
	c.mu.Lock()
	if c.have && c.now().Sub(c.at) < c.ttl {
		r := c.result
		c.mu.Unlock()
		return r
	}
	if c.inflight == nil {
		c.inflight = make(chan struct{})
		go c.refresh(context.WithoutCancel(ctx), c.inflight)
	}
	done := c.inflight
	c.mu.Unlock()

	select {
	case <-done:
	case <-ctx.Done():
		return c.fallback()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.result
}

func (c *UpdateChecker) fallback() UpdateResult {
	return UpdateResult{Current: true, Version: c.current, URL: c.CurrentURL}
}

// refresh fetches the feed once and stores the outcome.
func (c *UpdateChecker) refresh(ctx context.Context, done chan struct{}) {
	defer close(done)
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	r, err := c.fetch(ctx)
	ttl := c.cacheFor
	if err != nil {
		c.logger.Warn("update check failed; reporting the running version as current",
			slog.String("feed", c.feedURL), slog.String("error", err.Error()))
		r, ttl = c.fallback(), c.failCacheFor
	}
	c.mu.Lock()
	c.have, c.result, c.at, c.ttl, c.inflight = true, r, c.now(), ttl, nil
	c.mu.Unlock()
}

// releaseFeed is the part of a GitHub-style latest-release answer read here.
type releaseFeed struct {
	TagName string `json:"tag_name"`
	HTMLURL string `json:"html_url"`
}

func (c *UpdateChecker) fetch(ctx context.Context) (UpdateResult, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.feedURL, nil)
	if err != nil {
		return UpdateResult{}, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "gitauthd/"+c.current)
	resp, err := c.client.Do(req)
	if err != nil {
		return UpdateResult{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return UpdateResult{}, fmt.Errorf("feed answered HTTP %d", resp.StatusCode)
	}
	var feed releaseFeed
	if err := json.NewDecoder(io.LimitReader(resp.Body, updateMaxBody)).Decode(&feed); err != nil {
		return UpdateResult{}, fmt.Errorf("decode feed: %w", err)
	}
	if feed.TagName == "" {
		return UpdateResult{}, errors.New("feed has no tag_name")
	}
	cmp, err := compareVersions(c.current, feed.TagName)
	if err != nil {
		return UpdateResult{}, err
	}
	return UpdateResult{Current: cmp >= 0, Version: feed.TagName, URL: feed.HTMLURL}, nil
}
