// Written for Patchbay's local Vault build (deploy/local/lib/vault-build.sh), not part of the upstream sdk.
// See logical_patchbay_compat.go for why: these are the package physical names Vault 1.14.8 expects.

package physical

import "context"

// FencingHABackend is an HABackend that is told about the active node's lock, so that it can refuse writes
// from a node that lost it. Only the Consul backend implements it; dev mode uses in-memory storage.
type FencingHABackend interface {
	HABackend

	RegisterActiveNodeLock(l Lock) error
}

type ctxKeyUnfencedWrite struct{}

// UnfencedWriteCtx marks a context whose writes may bypass fencing.
func UnfencedWriteCtx(ctx context.Context) context.Context {
	return context.WithValue(ctx, ctxKeyUnfencedWrite{}, true)
}

// IsUnfencedWrite reports whether UnfencedWriteCtx marked ctx.
func IsUnfencedWrite(ctx context.Context) bool {
	unfenced, _ := ctx.Value(ctxKeyUnfencedWrite{}).(bool)
	return unfenced
}
