// Package ctxnode stores one value in a context.Context in one allocation,
// where context.WithValue costs two (the node and the boxed value), and
// reads it back in none, because the node's Value hands out the node
// itself. The root package's span context and package baggage use it.
package ctxnode

import "context"

// Key is the type of a context key: an unexported empty struct per use,
// whose Name is what the context prints as, such as
// "tracewire.ContextWithSpanContext".
type Key interface {
	comparable
	Name() string
}

type node[K Key, V any] struct {
	context.Context
	v V
}

func (n *node[K, V]) Value(key any) any {
	if _, ok := key.(K); ok {
		return n
	}
	return n.Context.Value(key)
}

// String names the context as the standard library's contexts do, for
// debugging output.
func (n *node[K, V]) String() string {
	var k K
	return k.Name()
}

// With returns a copy of ctx carrying v under key type K.
func With[K Key, V any](ctx context.Context, v V) context.Context {
	return &node[K, V]{Context: ctx, v: v}
}

// From returns the value ctx carries under key type K, and whether there
// is one.
func From[K Key, V any](ctx context.Context) (V, bool) {
	var k K
	if n, ok := ctx.Value(k).(*node[K, V]); ok {
		return n.v, true
	}
	var zero V
	return zero, false
}

// Find returns what ctx carries under key type K, whatever the type of
// value stored, or nil: for a key whose value is stored in more than one
// form (a compact one for the common case, say), which As then tells
// apart with one context lookup in all.
func Find[K Key](ctx context.Context) any {
	var k K
	return ctx.Value(k)
}

// As returns a pointer to the value in found, a result of Find[K], if it
// is a V. The value is shared by every context derived from the one that
// stored it: the caller must not change it.
func As[K Key, V any](found any) (*V, bool) {
	n, ok := found.(*node[K, V])
	if !ok {
		return nil, false
	}
	return &n.v, true
}
