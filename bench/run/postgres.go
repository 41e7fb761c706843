package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"fmt"
	"net/url"
	"os"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
)

// measureSizePostgres runs the size table on PostgreSQL: a small and a large
// server, each on a database of its own that it creates on the server of
// c.postgresURL (and drops afterwards), sharing one encryption key with
// bench/seed.
func measureSizePostgres(c config, gen, server, bins, work string, env []string, eps []endpoint, rows sizeRows) (string, error) {
	admin, err := sql.Open("pgx", c.postgresURL)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	ctx := context.Background()
	urls, names := map[string]string{}, map[string]string{}
	const tag = "-pg"
	for _, side := range []string{"small", "large"} {
		suffix := tag + "-" + side
		name := fmt.Sprintf("gitauthd_bench_pg_%s_%d", side, os.Getpid())
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			return "", fmt.Errorf("create database %s: %w", name, err)
		}
		defer func() { _, _ = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") }()
		u, err := url.Parse(c.postgresURL)
		if err != nil {
			return "", err
		}
		u.Path = "/" + name
		urls[suffix], names[suffix] = u.String(), name
	}
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	key := base64.StdEncoding.EncodeToString(raw)
	engine := sizeEngine{
		name: "PostgreSQL",
		tag:  tag,
		args: func(suffix string) []string {
			return []string{"--postgres-url", urls[suffix], "--external-token-encryption-keys", key}
		},
		seedArgs: func(suffix, _ string) []string {
			return []string{"--postgres-url", urls[suffix], "--external-token-encryption-key", key}
		},
		size: func(string) int64 {
			var n int64
			_ = admin.QueryRowContext(ctx, "SELECT pg_database_size($1)", names[tag+"-large"]).Scan(&n)
			return n
		},
	}
	return measureSize(c, gen, server, bins, work, env, engine, nil, eps, rows)
}
