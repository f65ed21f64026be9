// Written for Patchbay's local Vault build (deploy/local/lib/vault-build.sh), not part of the upstream sdk.
//
// Vault 1.14.8 compiles against the sdk in its own tree, which carries backports that no tagged sdk release
// has together with the 1.14 event API. The build uses the sdk v0.9.2 tag and adds the few context helpers
// the 1.14.8 server code expects from package logical, with the behaviour that code relies on.

package logical

import (
	"context"
	"io"
)

// CtxKeyRequestRole is the context key under which the HTTP layer stores the role named in a login request.
type CtxKeyRequestRole struct{}

func (c CtxKeyRequestRole) String() string {
	return "request-role"
}

type ctxKeyOriginalBody struct{}

// CreateContextOriginalBody returns a context that carries the request's original, unparsed body.
func CreateContextOriginalBody(parent context.Context, body io.ReadCloser) context.Context {
	return context.WithValue(parent, ctxKeyOriginalBody{}, body)
}

// ContextOriginalBodyValue returns the body stored by CreateContextOriginalBody, if any.
func ContextOriginalBodyValue(ctx context.Context) (io.ReadCloser, bool) {
	body, ok := ctx.Value(ctxKeyOriginalBody{}).(io.ReadCloser)
	return body, ok
}
