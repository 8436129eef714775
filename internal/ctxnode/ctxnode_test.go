package ctxnode

import (
	"context"
	"fmt"
	"testing"
)

type keyA struct{}

func (keyA) Name() string { return "ctxnode.keyA" }

type keyB struct{}

func (keyB) Name() string { return "ctxnode.keyB" }

type big struct{ a [40]int }

type parentKey struct{}

func TestNode(t *testing.T) {
	base := context.WithValue(context.Background(), parentKey{}, "parent")
	var ctx context.Context
	v := big{a: [40]int{1, 2, 3}}
	if n := testing.AllocsPerRun(100, func() { ctx = With[keyA](base, v) }); n != 1 {
		t.Errorf("With: %v allocs, want 1", n)
	}
	var got big
	var ok bool
	if n := testing.AllocsPerRun(100, func() { got, ok = From[keyA, big](ctx) }); n != 0 {
		t.Errorf("From: %v allocs, want 0", n)
	}
	if !ok || got != v {
		t.Errorf("From = %v, %v", got.a[:3], ok)
	}
	if _, ok := From[keyB, big](ctx); ok {
		t.Error("a value found under another key")
	}
	if _, ok := From[keyA, int](ctx); ok {
		t.Error("a value found under the right key with another type")
	}
	if ctx.Value(parentKey{}) != "parent" {
		t.Error("the node hid its parent's values")
	}
	inner := With[keyB](ctx, 7)
	if b, _ := From[keyB, int](inner); b != 7 {
		t.Errorf("inner value = %d", b)
	}
	if a, _ := From[keyA, big](inner); a != v {
		t.Error("an outer node's value lost under an inner one of another key")
	}
	if got := fmt.Sprint(ctx); got != "ctxnode.keyA" {
		t.Errorf("String = %q", got)
	}
	if _, ok := From[keyA, big](context.Background()); ok {
		t.Error("a value found in an empty context")
	}
}
