// Command seed fills a gitauthd database with bulk data through the store
// (the same encryption of provider tokens as the server), so that the hot
// paths can be measured at a deployment's size: N users, each linked to K
// providers (N×K links), and P projects with A Git authorizations each.
// The rows belong to users and projects of their own; the benchmark's
// measured user and project are made through the API beside them.
//
//	go run ./bench/seed --data-dir DIR --users 100000 --providers 10
//	go run ./bench/seed --postgres-url URL --external-token-encryption-key KEY --users 10000
//
// SQLite: the database is DIR/gitauthd.db, the key the one in DIR (created
// as the server would). Inserts run in parallel workers; each is one store
// call, as the server makes them.
package main

import (
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"log"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/server"
	"github.com/gitauthd/gitauthd/internal/store"
	"github.com/gitauthd/gitauthd/internal/store/dbcrypt"
	"github.com/gitauthd/gitauthd/internal/store/postgres"
	"github.com/gitauthd/gitauthd/internal/store/sqlite"
)

type config struct {
	dataDir, postgresURL, key string
	users, providers          int
	projects, auths           int
	workers                   int
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("seed: ")
	var c config
	flag.StringVar(&c.dataDir, "data-dir", "", "the server's --data-dir (SQLite database and encryption key file)")
	flag.StringVar(&c.postgresURL, "postgres-url", "", "seed this PostgreSQL database instead of SQLite")
	flag.StringVar(&c.key, "external-token-encryption-key", "", "the server's encryption key (default: the key file of --data-dir)")
	flag.IntVar(&c.users, "users", 10, "users to create")
	flag.IntVar(&c.providers, "providers", 1, "links per user, one to each of the providers seed-0 … seed-K-1")
	flag.IntVar(&c.projects, "projects", 0, "projects to create")
	flag.IntVar(&c.auths, "auths", 0, "Git authorizations per project")
	flag.IntVar(&c.workers, "workers", 4, "parallel inserts")
	flag.Parse()
	start := time.Now()
	n, err := seed(context.Background(), c)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("%d rows in %v", n, time.Since(start).Round(time.Millisecond))
}

// open returns the encrypting store the server would use on the same
// database and keys.
func open(ctx context.Context, c config) (store.Store, error) {
	var raw store.Store
	var err error
	if c.postgresURL != "" {
		raw, err = postgres.Open(ctx, postgres.Options{URL: c.postgresURL})
	} else {
		if c.dataDir == "" {
			return nil, fmt.Errorf("give --data-dir or --postgres-url")
		}
		raw, err = sqlite.Open(ctx, sqlite.Options{Path: filepath.Join(c.dataDir, server.DatabaseFile)})
	}
	if err != nil {
		return nil, err
	}
	key := c.key
	if key == "" {
		if c.dataDir == "" {
			_ = raw.Close()
			return nil, fmt.Errorf("give --external-token-encryption-key or --data-dir")
		}
		if key, err = dbcrypt.LoadOrCreateKeyFile(filepath.Join(c.dataDir, server.KeyFile)); err != nil {
			_ = raw.Close()
			return nil, err
		}
	}
	ciphers, err := dbcrypt.ParseKeys([]string{key})
	if err == nil {
		var st store.Store
		if st, err = dbcrypt.New(raw, ciphers); err == nil {
			return st, nil
		}
	}
	_ = raw.Close()
	return nil, err
}

// seed creates the rows and returns how many.
func seed(ctx context.Context, c config) (int64, error) {
	st, err := open(ctx, c)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	now := time.Now().UTC().Truncate(time.Second)
	// A PHC string no password matches: seeded users cannot sign in.
	const noPassword = "$argon2id$v=19$m=19456,t=2,p=1$c2VlZA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	run := newPool(ctx, c.workers)
	for i := range c.users {
		run.do(func(ctx context.Context) (int64, error) {
			u := store.User{ID: uuid.New(), Username: fmt.Sprintf("seed-%d", i), Email: fmt.Sprintf("seed-%d@seed.example", i),
				HashedPassword: noPassword, Status: store.UserStatusActive, LoginType: store.LoginTypePassword,
				CreatedAt: now, UpdatedAt: now, LastSeenAt: now}
			if err := st.InsertUser(ctx, u); err != nil {
				return 0, fmt.Errorf("user %d: %w", i, err)
			}
			for p := range c.providers {
				l := store.ExternalAuthLink{UserID: u.ID, ProviderID: fmt.Sprintf("seed-%d", p),
					AccessToken: fmt.Sprintf("seed-token-%d-%d", i, p), CreatedAt: now, UpdatedAt: now}
				if err := st.UpsertExternalAuthLink(ctx, l); err != nil {
					return 0, fmt.Errorf("user %d link %d: %w", i, p, err)
				}
			}
			return int64(1 + c.providers), nil
		})
	}
	owner := uuid.Nil
	if c.projects > 0 {
		owner = uuid.New()
		u := store.User{ID: owner, Username: "seed-owner", Email: "seed-owner@seed.example", HashedPassword: noPassword,
			Status: store.UserStatusActive, LoginType: store.LoginTypePassword, CreatedAt: now, UpdatedAt: now, LastSeenAt: now}
		if err := st.InsertUser(ctx, u); err != nil {
			return 0, fmt.Errorf("the projects' owner: %w", err)
		}
	}
	for i := range c.projects {
		run.do(func(ctx context.Context) (int64, error) {
			pid := uuid.New()
			id := hex.EncodeToString(pid[:])
			if err := st.InsertProject(ctx, store.Project{ID: id, Name: fmt.Sprintf("seed-%d", i), CreatedAt: now}); err != nil {
				return 0, fmt.Errorf("project %d: %w", i, err)
			}
			if err := st.AddProjectMember(ctx, store.ProjectMember{ProjectID: id, UserID: owner, AddedAt: now}); err != nil {
				return 0, fmt.Errorf("project %d member: %w", i, err)
			}
			for a := range c.auths {
				ga := store.ProjectGitAuth{ProjectID: id, Name: fmt.Sprintf("seed-%d", a), RepoType: "github",
					ProviderID: "seed-0", TokenType: store.GitAuthPersonal, RepoHost: "github.com",
					Secret: fmt.Sprintf("seed-secret-%d-%d", i, a), CreatedBy: owner, CreatedAt: now, UpdatedAt: now}
				if err := st.InsertProjectGitAuth(ctx, ga); err != nil {
					return 0, fmt.Errorf("project %d authorization %d: %w", i, a, err)
				}
			}
			return int64(2 + c.auths), nil
		})
	}
	return run.wait()
}

// pool runs jobs on a fixed number of goroutines and keeps the first error.
type pool struct {
	jobs chan func(context.Context) (int64, error)
	wg   sync.WaitGroup
	rows atomic.Int64
	mu   sync.Mutex
	err  error
}

func newPool(ctx context.Context, workers int) *pool {
	p := &pool{jobs: make(chan func(context.Context) (int64, error), workers)}
	for range max(workers, 1) {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for job := range p.jobs {
				if p.failed() {
					continue
				}
				n, err := job(ctx)
				p.rows.Add(n)
				if err != nil {
					p.mu.Lock()
					if p.err == nil {
						p.err = err
					}
					p.mu.Unlock()
				}
			}
		}()
	}
	return p
}

func (p *pool) failed() bool { p.mu.Lock(); defer p.mu.Unlock(); return p.err != nil }

func (p *pool) do(job func(context.Context) (int64, error)) { p.jobs <- job }

func (p *pool) wait() (int64, error) {
	close(p.jobs)
	p.wg.Wait()
	return p.rows.Load(), p.err
}
