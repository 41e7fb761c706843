package handlers

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gitauthd/gitauthd/gen/api"
	"github.com/gitauthd/gitauthd/internal/deployment"
	"github.com/gitauthd/gitauthd/internal/general"
)

// buildInfoServer is a Server whose General service knows a build, a
// deployment id and an address.
func buildInfoServer() *Server {
	return New(Services{General: &general.Service{
		Values: &deployment.Values{HTTPAddress: "127.0.0.1:3000"},
		ID:     "0c9f6d8e-8a40-4f3b-9d3e-6a3c1b2d4e5f",
		Build:  general.BuildInfo{Version: "v1.2.3", Commit: "0123456789abcdef"},
	}})
}

// TestBuildInfoEncodedOnce checks that the answer encoded once is, header
// for header and byte for byte, what the generated response type writes.
func TestBuildInfoEncodedOnce(t *testing.T) {
	s := buildInfoServer()
	want := httptest.NewRecorder()
	require.NoError(t, s.buildInfoAnswer().VisitGetBuildInfoResponse(want))

	for range 2 { // the first answer encodes, the second reuses the bytes
		got := httptest.NewRecorder()
		res, err := s.GetBuildInfo(context.Background(), api.GetBuildInfoRequestObject{})
		require.NoError(t, err)
		require.NoError(t, res.VisitGetBuildInfoResponse(got))
		require.Equal(t, want.Code, got.Code)
		require.Equal(t, want.Header(), got.Header())
		require.Equal(t, want.Body.String(), got.Body.String())
	}
	require.Contains(t, want.Body.String(), `"version":"v1.2.3+0123456"`)
	require.Contains(t, want.Body.String(), `"external_url":"http://127.0.0.1:3000"`)
}

// BenchmarkBuildInfo writes GET /buildinfo's answer as the generated
// response type would (encoding it on every request) and as the handler
// does (the bytes encoded once).
func BenchmarkBuildInfo(b *testing.B) {
	s := buildInfoServer()
	w := httptest.NewRecorder()
	b.Run("encoded-per-request", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w.Body.Reset()
			_ = s.buildInfoAnswer().VisitGetBuildInfoResponse(w)
		}
	})
	b.Run("encoded-once", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			w.Body.Reset()
			res, _ := s.GetBuildInfo(context.Background(), api.GetBuildInfoRequestObject{})
			_ = res.VisitGetBuildInfoResponse(w)
		}
	})
}
