package audit

import (
	"context"
	"errors"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/gitauthd/gitauthd/internal/errs"
	"github.com/gitauthd/gitauthd/internal/store"
)

// MsgUnavailable is the answer when a record cannot be written: nothing is
// handed out.
const MsgUnavailable = "The audit trail is unavailable, so nothing was handed out. Please try again later."

// Observer is told of every commit; internal/metrics implements it.
type Observer interface {
	AuditCommitted(records int, latency time.Duration)
	AuditFailed(records int)
}

// Options configure a Recorder. Zero values take the defaults.
type Options struct {
	// Sink receives every committed record as a JSON line (nil: none).
	Sink *Sink
	// StatusOf is the status code of a refusal (nil: 500 for every error).
	StatusOf func(error) int
	// Observer is told of commits and failures (nil: nobody).
	Observer Observer
	Logger   *slog.Logger
	// MaxBatch bounds the records of one commit (default 512).
	MaxBatch int
	// Queue is the number of records that may wait for a commit before
	// Record blocks (default 4096).
	Queue int
	// CommitTimeout bounds one commit (default 10s).
	CommitTimeout time.Duration
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// ActorFrom reads the signed-in actor of a request context, for events
	// that name none (nil: nobody).
	ActorFrom func(context.Context) Actor
}

// Recorder writes the audit trail with group commit. A nil *Recorder
// records nothing (auditing off). It is safe for concurrent use.
type Recorder struct {
	st    store.AuditStore
	o     Options
	queue chan *pending

	commits atomic.Int64 // group commits done, for benchmarks

	stopOnce sync.Once
	stop     chan struct{}
	done     chan struct{}
}

// pending is one record waiting for its commit.
type pending struct {
	rec  store.AuditRecord
	done chan error
}

var pendingPool = sync.Pool{New: func() any { return &pending{done: make(chan error, 1)} }}

// New starts a Recorder writing to st. Close stops it.
func New(st store.AuditStore, o Options) *Recorder {
	if o.MaxBatch <= 0 {
		o.MaxBatch = 512
	}
	if o.Queue <= 0 {
		o.Queue = 4096
	}
	if o.CommitTimeout <= 0 {
		o.CommitTimeout = defaultTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.StatusOf == nil {
		o.StatusOf = func(error) int { return 500 }
	}
	r := &Recorder{st: st, o: o, queue: make(chan *pending, o.Queue), stop: make(chan struct{}), done: make(chan struct{})}
	go r.write()
	return r
}

// errClosed answers records that arrive after Close.
var errClosed = errors.New("audit: recorder closed")

// Record writes ev, with the request in ctx, and returns once it is
// committed: nil then, else a KindUnavailable error (logged and counted),
// in which case the caller must not hand out what ev describes.
func (r *Recorder) Record(ctx context.Context, ev Event) error {
	if r == nil {
		return nil
	}
	p := pendingPool.Get().(*pending)
	p.rec = r.record(ctx, ev)
	select {
	case r.queue <- p:
	case <-r.stop:
		return r.failed(ctx, p.rec, errClosed)
	case <-ctx.Done():
		return r.failed(ctx, p.rec, ctx.Err())
	}
	// Once queued, the writer answers on p.done whatever happens, so p goes
	// back to the pool only after that answer.
	select {
	case err := <-p.done:
		return r.answered(ctx, p, err)
	case <-r.done:
		// The writer stopped; it may have answered p on its way out.
		select {
		case err := <-p.done:
			return r.answered(ctx, p, err)
		default:
			return r.failed(ctx, p.rec, errClosed)
		}
	case <-ctx.Done():
		go func() { <-p.done; pendingPool.Put(p) }()
		return r.failed(ctx, p.rec, ctx.Err())
	}
}

// answered returns p to the pool and turns the writer's answer into
// Record's.
func (r *Recorder) answered(ctx context.Context, p *pending, err error) error {
	rec := p.rec
	pendingPool.Put(p)
	if err != nil {
		return r.unavailable(ctx, rec, err)
	}
	return nil
}

// Done records ev with the outcome err of the action it describes and
// returns what the action should answer: err when the action was refused
// (a record that cannot be written is logged and counted, and the refusal
// stands), nil when it was allowed and recorded, and a KindUnavailable
// error when it was allowed but could not be recorded, so that nothing is
// handed out. Use it deferred, with ev filled in as the action learns more:
//
//	ev := audit.Event{Action: audit.ActionCreate, ResourceType: audit.ResourceAPIKey}
//	defer func() { err = s.audit.Done(ctx, &ev, err) }()
func (r *Recorder) Done(ctx context.Context, ev *Event, err error) error {
	if r == nil {
		return err
	}
	ev.Err = err
	if rerr := r.Record(ctx, *ev); rerr != nil && err == nil {
		return rerr
	}
	return err
}

// record builds the row of ev.
func (r *Recorder) record(ctx context.Context, ev Event) store.AuditRecord {
	req := RequestFrom(ctx)
	status := req.Status
	if status == 0 {
		status = statusOK
	}
	if ev.Err != nil {
		status = r.o.StatusOf(ev.Err)
	}
	if ev.Actor == (Actor{}) && r.o.ActorFrom != nil {
		ev.Actor = r.o.ActorFrom(ctx)
	}
	resUUID := ev.ResourceUUID
	if resUUID == uuid.Nil {
		resUUID = ResourceUUID(ev.ResourceType, ev.ResourceID)
	}
	// Time-ordered ids (UUIDv7) land at the end of the id index instead of
	// anywhere in it: cheaper inserts.
	id, err := uuid.NewV7()
	if err != nil {
		id = uuid.New()
	}
	return store.AuditRecord{
		ID:             id,
		Time:           r.o.Now().UTC().Truncate(time.Millisecond),
		UserID:         ev.Actor.UserID,
		Username:       ev.Actor.Username,
		APIKeyID:       ev.Actor.KeyID,
		Action:         ev.Action,
		ResourceType:   ev.ResourceType,
		ResourceID:     ev.ResourceID,
		ResourceUUID:   resUUID,
		ResourceTarget: ev.ResourceTarget,
		ProviderID:     ev.ProviderID,
		RepositoryURL:  clip(ev.RepositoryURL, maxURLLen),
		Allowed:        ev.Err == nil,
		StatusCode:     status,
		RequestID:      clip(req.ID, maxRequestIDLen),
		IP:             req.IP,
		UserAgent:      clip(req.UserAgent, maxUserAgentLen),
	}
}

// failed reports a record that never reached a commit.
func (r *Recorder) failed(ctx context.Context, rec store.AuditRecord, cause error) error {
	if r.o.Observer != nil {
		r.o.Observer.AuditFailed(1)
	}
	return r.unavailable(ctx, rec, cause)
}

// unavailable logs a record that was not written and returns the domain
// error for it.
func (r *Recorder) unavailable(ctx context.Context, rec store.AuditRecord, cause error) error {
	r.o.Logger.ErrorContext(ctx, "audit record not written; nothing handed out",
		"action", rec.Action, "resource_type", rec.ResourceType, "user_id", rec.UserID,
		"request_id", rec.RequestID, "error", cause.Error())
	e := errs.Wrap(cause, MsgUnavailable)
	e.Kind = errs.KindUnavailable
	return e
}

// write is the single writer: it takes the first waiting record and every
// other one queued behind it (up to MaxBatch), commits them in one
// transaction, streams them to the sink and answers each.
func (r *Recorder) write() {
	defer close(r.done)
	batch := make([]*pending, 0, r.o.MaxBatch)
	recs := make([]store.AuditRecord, 0, r.o.MaxBatch)
	for {
		var first *pending
		select {
		case first = <-r.queue:
		case <-r.stop:
			// Drain what was queued before Close: it is committed too.
			select {
			case first = <-r.queue:
			default:
				return
			}
		}
		batch = r.fill(append(batch[:0], first))
		recs = recs[:0]
		for _, p := range batch {
			recs = append(recs, p.rec)
		}
		err := r.commit(recs)
		for _, p := range batch {
			p.done <- err
		}
	}
}

// fill adds to batch the records queued behind its first. A commit costs
// the same whatever its size, so the writer lets the requests already
// running reach their Record before it commits: it yields its processor
// (runtime.Gosched puts it behind every runnable goroutine) while that
// brings more records, up to MaxBatch. When nothing else runs, Gosched
// returns at once: an idle server commits each record without delay.
func (r *Recorder) fill(batch []*pending) []*pending {
	batch = r.drain(batch)
	for range maxYields {
		before := len(batch)
		if before == r.o.MaxBatch {
			break
		}
		runtime.Gosched()
		if batch = r.drain(batch); len(batch) == before {
			break
		}
	}
	return batch
}

// drain adds to batch what is queued now, up to MaxBatch.
func (r *Recorder) drain(batch []*pending) []*pending {
	for len(batch) < r.o.MaxBatch {
		select {
		case p := <-r.queue:
			batch = append(batch, p)
		default:
			return batch
		}
	}
	return batch
}

// maxYields bounds the times fill yields for one commit.
const maxYields = 8

// commit inserts recs in one transaction and streams them when it worked.
func (r *Recorder) commit(recs []store.AuditRecord) error {
	ctx, cancel := context.WithTimeout(context.Background(), r.o.CommitTimeout)
	defer cancel()
	start := time.Now()
	err := r.st.InsertAuditRecords(ctx, recs)
	r.commits.Add(1)
	if err != nil {
		if r.o.Observer != nil {
			r.o.Observer.AuditFailed(len(recs))
		}
		return err
	}
	if r.o.Observer != nil {
		r.o.Observer.AuditCommitted(len(recs), time.Since(start))
	}
	if r.o.Sink != nil {
		if err := r.o.Sink.Write(recs); err != nil {
			r.o.Logger.Error("audit log file not written (the records are in the database)", "error", err.Error())
		}
	}
	return nil
}

// Close stops the writer after it has committed every record already
// queued; later records fail.
func (r *Recorder) Close() {
	if r == nil {
		return
	}
	r.stopOnce.Do(func() { close(r.stop) })
	<-r.done
}
