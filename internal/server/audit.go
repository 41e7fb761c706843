package server

import (
	"fmt"
	"log/slog"

	"github.com/gitauthd/gitauthd/internal/audit"
	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/httpapi"
	"github.com/gitauthd/gitauthd/internal/identity"
	"github.com/gitauthd/gitauthd/internal/metrics"
	"github.com/gitauthd/gitauthd/internal/store"
)

// openAudit starts the audit recorder of --audit-enable over st, streaming
// to --audit-log-file when set; both are nil when auditing is off.
func openAudit(v *deployment.Values, st store.AuditStore, m *metrics.Metrics, logger *slog.Logger) (*audit.Recorder, *audit.Sink, error) {
	if !v.AuditEnable {
		logger.Warn("the audit trail is off (--audit-enable=false): credential hand-outs are not recorded")
		return nil, nil, nil
	}
	var sink *audit.Sink
	if v.AuditLogFile != "" {
		var err error
		if sink, err = audit.OpenSink(v.AuditLogFile); err != nil {
			return nil, nil, fmt.Errorf("--audit-log-file: %w", err)
		}
	}
	o := audit.Options{Sink: sink, StatusOf: httpapi.ErrorStatus, Logger: logger, ActorFrom: identity.AuditActor}
	if m != nil {
		o.Observer = m
	}
	return audit.New(st, o), sink, nil
}
