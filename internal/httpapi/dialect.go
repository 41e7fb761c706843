package httpapi

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
)

// Dialect is the error format of a group of routes.
type Dialect uint8

const (
	Coder        Dialect = iota // {message, detail, validations}: /api/v2 and everything else
	ServiceStage                // {error_code, error_msg}: /v1
)

// dialectExtension marks, on a tag of the contract, the operations whose
// errors use another dialect than Coder's: `x-error-dialect: servicestage`.
const dialectExtension = "x-error-dialect"

var dialectNames = map[string]Dialect{"coder": Coder, "servicestage": ServiceStage}

// Dialects knows the dialect of every route of the contract, from its tags,
// and of the requests that match no route, from the group the contract
// mounts them under. It is built once at start-up.
type Dialects struct {
	byRoute map[string]Dialect // Echo route template → dialect, for the contract's routes
	mounts  []mount            // path prefixes of the non-Coder groups
}

type mount struct {
	prefix  string // "/v1"
	dialect Dialect
}

// NewDialects reads the dialects of spec's routes. A tag naming an unknown
// dialect is an error.
func NewDialects(spec *openapi3.T, echoPath func(string) string) (*Dialects, error) {
	byTag := map[string]Dialect{}
	for _, t := range spec.Tags {
		v, ok := t.Extensions[dialectExtension]
		if !ok {
			continue
		}
		name, _ := v.(string)
		d, ok := dialectNames[name]
		if !ok {
			return nil, &unknownDialectError{tag: t.Name, name: name}
		}
		byTag[t.Name] = d
	}
	ds := &Dialects{byRoute: map[string]Dialect{}}
	for path, item := range spec.Paths.Map() {
		for _, op := range item.Operations() {
			for _, tag := range op.Tags {
				if d, ok := byTag[tag]; ok && d != Coder {
					ds.byRoute[echoPath(path)] = d
					ds.addMount(path, d)
				}
			}
			if _, ok := ds.byRoute[echoPath(path)]; !ok {
				ds.byRoute[echoPath(path)] = Coder
			}
		}
	}
	return ds, nil
}

// addMount records path's first segment as a mount point of d.
func (ds *Dialects) addMount(path string, d Dialect) {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	prefix := "/" + first
	for _, m := range ds.mounts {
		if m.prefix == prefix {
			return
		}
	}
	ds.mounts = append(ds.mounts, mount{prefix, d})
}

// Of is the dialect of the request c: its route's, or for a request that
// matched no route of the contract, that of the group it was sent to.
func (ds *Dialects) Of(c echo.Context) Dialect {
	if ds == nil {
		return Coder
	}
	if d, ok := ds.byRoute[c.Path()]; ok {
		return d
	}
	path := c.Request().URL.Path
	for _, m := range ds.mounts {
		if rest, ok := strings.CutPrefix(path, m.prefix); ok && (rest == "" || rest[0] == '/') {
			return m.dialect
		}
	}
	return Coder
}

type unknownDialectError struct{ tag, name string }

func (e *unknownDialectError) Error() string {
	return "tag " + e.tag + ": " + dialectExtension + ": unknown dialect " + e.name + " (want coder or servicestage)"
}
