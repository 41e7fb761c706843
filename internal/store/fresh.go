package store

import "context"

type freshKey struct{}

// Fresh marks ctx so that the reads made with it see the database itself,
// never a cache: for reads that coordinate with other replicas (the link a
// refresh lease protects, for example), where a copy a few seconds old
// would make a replica repeat work another one has done.
func Fresh(ctx context.Context) context.Context { return context.WithValue(ctx, freshKey{}, true) }

// IsFresh reports whether ctx was marked by Fresh.
func IsFresh(ctx context.Context) bool { v, _ := ctx.Value(freshKey{}).(bool); return v }
