package audit

import (
	"context"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRecordConcurrent records from many goroutines at once through
// group commit on an SQLite file (synchronous=FULL): ns/op is the cost of
// one durable record when 64 requests record at the same time (bound by
// the commits' fsync), cpu-ns/op the CPU it costs the process.
func BenchmarkRecordConcurrent(b *testing.B) {
	st := openStoreB(b)
	obs := &countingObserver{}
	r := New(st, Options{Observer: obs})
	defer r.Close()
	b.SetParallelism(32) // 32 × GOMAXPROCS goroutines
	b.ResetTimer()
	cpu0 := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := r.Record(context.Background(), Event{Action: ActionReadCredential, ResourceType: ResourceExternalAuthLink,
				ResourceID: "github", ProviderID: "github", RepositoryURL: "https://github.com/acme/app.git"}); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
	commits := r.commits.Load()
	if commits > 0 {
		b.ReportMetric(float64(b.N)/float64(commits), "records/commit")
	}
}
