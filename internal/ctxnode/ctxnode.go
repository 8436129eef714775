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
//
// It fills its named result in place rather than returning n.v or a
// separate zero value: for a large V (a Baggage is some 400 bytes) each
// return of another variable is a copy of the whole value, and a miss,
// the common case of baggage.FromContext in an Inject, cost a third more
// that way.
func From[K Key, V any](ctx context.Context) (v V, ok bool) {
	var k K
	n, ok := ctx.Value(k).(*node[K, V])
	if ok {
		v = n.v
	}
	return v, ok
}
