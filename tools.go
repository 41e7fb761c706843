//go:build tools

// Package tools pins the tools the Makefile runs with `go run`: the code
// generator (`make generate`) and the Go linter (`make lint`).
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
	_ "honnef.co/go/tools/cmd/staticcheck"
)
