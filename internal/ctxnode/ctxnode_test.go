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

// TestFindAs: one lookup finds a value stored in either of two forms, As
// tells them apart, and nothing is found where nothing was stored.
func TestFindAs(t *testing.T) {
	small := With[keyA](context.Background(), 7)
	large := With[keyA](context.Background(), big{a: [40]int{9}})
	for name, tc := range map[string]struct {
		ctx        context.Context
		wantInt    int
		isInt, big bool
	}{
		"int":     {small, 7, true, false},
		"big":     {large, 0, false, true},
		"nothing": {context.Background(), 0, false, false},
		"other":   {With[keyB](context.Background(), 7), 0, false, false},
	} {
		found := Find[keyA](tc.ctx)
		i, ok := As[keyA, int](found)
		if ok != tc.isInt || ok && *i != tc.wantInt {
			t.Errorf("%s: As[int] = %v, %v", name, i, ok)
		}
		b, ok := As[keyA, big](found)
		if ok != tc.big || ok && b.a[0] != 9 {
			t.Errorf("%s: As[big] = %v, %v", name, b, ok)
		}
		if _, ok := As[keyB, int](found); ok {
			t.Errorf("%s: found under another key", name)
		}
	}
}

// TestWith2: one allocation holds both values; From and Find/As read
// each under its own key as from a single node; the parent's values show
// through; a later node of either key hides that half only.
func TestWith2(t *testing.T) {
	base := context.WithValue(context.Background(), parentKey{}, "parent")
	v := big{a: [40]int{1, 2, 3}}
	var ctx context.Context
	if n := testing.AllocsPerRun(100, func() { ctx = With2[keyA, big, keyB](base, v, 7) }); n != 1 {
		t.Errorf("With2: %v allocs, want 1", n)
	}
	for name, tc := range map[string]struct {
		ctx  context.Context
		a    big
		b    int
		name string
	}{
		"pair":      {ctx, v, 7, "ctxnode.keyA"},
		"A over it": {With[keyA](ctx, big{a: [40]int{9}}), big{a: [40]int{9}}, 7, "ctxnode.keyA"},
		"B over it": {With[keyB](ctx, 8), v, 8, "ctxnode.keyB"},
	} {
		if a, ok := From[keyA, big](tc.ctx); !ok || a != tc.a {
			t.Errorf("%s: From[keyA] = %v, %v", name, a.a[:3], ok)
		}
		if b, ok := From[keyB, int](tc.ctx); !ok || b != tc.b {
			t.Errorf("%s: From[keyB] = %v, %v", name, b, ok)
		}
		if p, ok := As[keyB, int](Find[keyB](tc.ctx)); !ok || *p != tc.b {
			t.Errorf("%s: As[keyB] = %v, %v", name, p, ok)
		}
		if _, ok := As[keyA, int](Find[keyA](tc.ctx)); ok {
			t.Errorf("%s: keyA's value read as another type", name)
		}
		if tc.ctx.Value(parentKey{}) != "parent" {
			t.Errorf("%s: the parent's values lost", name)
		}
		if got := fmt.Sprint(tc.ctx); got != tc.name {
			t.Errorf("%s: String = %q, want %q", name, got, tc.name)
		}
	}
}
