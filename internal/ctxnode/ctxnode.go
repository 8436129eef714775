// Package ctxnode stores one value in a context.Context in one allocation,
// where context.WithValue costs two (the node and the boxed value), and
// reads it back in none, because the node's Value hands out the node
// itself. The root package's span context and package baggage use it;
// With2 stores two values under two keys in one allocation, for a format
// package that keeps its headers beside the span context it extracted.
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

// pair holds two values in one allocation. Each half is a node of its
// own, so that Value hands out a *node[K1, V1] for K1 and a
// *node[K2, V2] for K2: From, Find and As read a pair's values exactly
// as they read a single node's, without a second form to recognise. The
// second half's Context (16 bytes) is the price; it holds the same parent.
type pair[K1 Key, V1 any, K2 Key, V2 any] struct {
	node[K1, V1]
	second node[K2, V2]
}

func (p *pair[K1, V1, K2, V2]) Value(key any) any {
	switch key.(type) {
	case K1:
		return &p.node
	case K2:
		return &p.second
	}
	return p.node.Context.Value(key)
}

// String names the context by its first key, as a node does.
func (p *pair[K1, V1, K2, V2]) String() string { return p.node.String() }

// With2 returns a copy of ctx carrying v1 under key type K1 and v2 under
// K2, in one allocation where With twice costs two: a format package
// that keeps its headers beside the span context it extracted stores
// both at once. A later With of either key hides that half only.
func With2[K1 Key, V1 any, K2 Key, V2 any](ctx context.Context, v1 V1, v2 V2) context.Context {
	return &pair[K1, V1, K2, V2]{node: node[K1, V1]{Context: ctx, v: v1}, second: node[K2, V2]{Context: ctx, v: v2}}
}
