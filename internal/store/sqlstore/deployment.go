package sqlstore

import (
	"context"
	"errors"
	"time"

	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/sqlq"
)

// deploymentIDKey is the site_config key of the deployment id.
const deploymentIDKey = "deployment_id"

// DeploymentID returns the persisted deployment id, first storing candidate
// if there is none yet; once stored, later candidates are ignored. An empty
// candidate is rejected, since storing it would fix an empty id forever.
func (s *Store) DeploymentID(ctx context.Context, candidate string) (string, error) {
	const op = "deployment id"
	if candidate == "" {
		return "", errors.New(s.e.Name + ": " + op + ": empty candidate")
	}
	ctx, cancel := s.ctx(ctx)
	defer cancel()
	var id string
	err := s.inTx(ctx, func(q *sqlq.Queries) error {
		if err := q.InsertSiteConfigIfAbsent(ctx, sqlq.InsertSiteConfigIfAbsentParams{Key: deploymentIDKey, Value: candidate}); err != nil {
			return err
		}
		var err error
		id, err = q.GetSiteConfig(ctx, deploymentIDKey)
		return err
	})
	if err != nil {
		return "", s.err(ctx, op, err)
	}
	return id, nil
}

// Counts returns the number of users and of keys (any login type) whose
// expiry is after now, read in one statement.
func (s *Store) Counts(ctx context.Context, now time.Time) (store.Counts, error) {
	return read(s, ctx, "counts", func(ctx context.Context) (sqlq.CountsRow, error) { return s.r.Counts(ctx, millis(now)) },
		func(c sqlq.CountsRow) store.Counts {
			return store.Counts{Users: c.Users, ActiveKeys: c.ActiveKeys, CollectedAt: now.UTC()}
		})
}
