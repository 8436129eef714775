package carrier

// recordOps reads and builds the records of one header-list shape, so
// that one algorithm serves every shape in kafka.go. Implementations are
// empty structs; their methods are called through the type parameter,
// which costs no allocation.
type recordOps[R any] interface {
	// is reports whether r is named key, ASCII case-insensitively.
	is(r R, key string) bool
	// value returns r's value, not copied.
	value(r R) []byte
	// key returns r's name, and false for a record that is not there
	// (a nil pointer).
	key(r R) (string, bool)
	// make returns a new record whose key and value share no memory with
	// any other record.
	make(key, value string) R
}

// recordsGet returns the value of the first record of *list named key.
func recordsGet[R any, O recordOps[R]](list *[]R, key string) string {
	if list == nil {
		return ""
	}
	var o O
	for _, r := range *list {
		if o.is(r, key) {
			return string(o.value(r))
		}
	}
	return ""
}

// recordsValues returns the value of every record of *list named key,
// in a slice allocated once, at its size.
func recordsValues[R any, O recordOps[R]](list *[]R, key string) []string {
	if list == nil {
		return nil
	}
	var o O
	n := 0
	for _, r := range *list {
		if o.is(r, key) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for _, r := range *list {
		if o.is(r, key) {
			out = append(out, string(o.value(r)))
		}
	}
	return out
}

// recordsKeys returns the name of every record of *list.
func recordsKeys[R any, O recordOps[R]](list *[]R) []string {
	if list == nil {
		return nil
	}
	var o O
	keys := make([]string, 0, len(*list))
	for _, r := range *list {
		if k, ok := o.key(r); ok {
			keys = append(keys, k)
		}
	}
	return keys
}

// recordsSet stores in *list a new slice: the records not named key, in
// order, then one new record. The old backing array is only read.
func recordsSet[R any, O recordOps[R]](list *[]R, key, value string) {
	if list == nil {
		return
	}
	var o O
	*list = append(recordsWithout[R, O](*list, key, 1), o.make(key, value))
}

// recordsDelete stores in *list a new slice without the records named
// key, if there are any.
func recordsDelete[R any, O recordOps[R]](list *[]R, key string) {
	if list == nil {
		return
	}
	var o O
	for _, r := range *list {
		if o.is(r, key) {
			*list = recordsWithout[R, O](*list, key, 0)
			return
		}
	}
}

// recordsDeleteFunc stores in *list a new slice without the records whose
// name del reports true for, if there are any, in one pass.
func recordsDeleteFunc[R any, O recordOps[R]](list *[]R, del func(string) bool) {
	if list == nil {
		return
	}
	var o O
	gone := func(r R) bool {
		k, ok := o.key(r)
		return ok && del(k)
	}
	n := 0
	for _, r := range *list {
		if gone(r) {
			n++
		}
	}
	if n == 0 {
		return
	}
	out := make([]R, 0, len(*list)-n)
	for _, r := range *list {
		if !gone(r) {
			out = append(out, r)
		}
	}
	*list = out
}

// recordsWithout returns a new slice holding the records of rs not named
// key, with room for extra more.
func recordsWithout[R any, O recordOps[R]](rs []R, key string, extra int) []R {
	var o O
	out := make([]R, 0, len(rs)+extra)
	for _, r := range rs {
		if !o.is(r, key) {
			out = append(out, r)
		}
	}
	return out
}

// equalFoldASCII reports whether k equals key with ASCII letters compared
// case-insensitively. Every other byte must match exactly, so a non-ASCII
// name never matches a header name by Unicode folding (strings.EqualFold
// takes the Kelvin sign for "k"), and a []byte key is compared without
// being converted.
func equalFoldASCII[K, L string | []byte](k K, key L) bool {
	return foldCompare(k, key) == 0
}
