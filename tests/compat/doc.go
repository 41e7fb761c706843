// Package compat judges gitauthd's wire by the vendors' own clients: Coder's
// codersdk (github.com/coder/coder/v2) and Huawei Cloud's ServiceStage SDK
// (github.com/huaweicloud/huaweicloud-sdk-go-v3), run against the real
// bin/gitauthd and the fake provider (cmd/fakeprovider), each a process on a
// free loopback port. It is a Go module of its own so that the service's
// go.mod never depends on these SDKs. Run it with `make test-compat`.
package compat
