package carrier

import "strings"

// Env adapts environment variables held as "KEY=VALUE" strings, the form
// os.Environ returns and exec.Cmd.Env takes, so that a parent process can
// hand a trace context to a child and the child can read it back
// (OpenTelemetry's environment-variable carriers).
//
// Header names become variable names as the OpenTelemetry specification
// asks: ASCII letters are upper-cased and every byte outside [A-Z0-9_]
// becomes "_", so "traceparent" is TRACEPARENT and "x-amzn-trace-id" is
// X_AMZN_TRACE_ID. A name that then starts with a digit is not a valid
// variable name: Get finds nothing for it and Set writes nothing. Entries
// match only by their exact, upper-case name; when a name appears more
// than once, the last entry wins, as it does for exec.Cmd.
//
// Get and Keys only read the slice, and Get allocates nothing. Set and
// Delete never write into the slice they were given, which may be shared
// (the os.Environ result of a caller, a template exec.Cmd.Env): they
// build a new slice and point e at it. A Batch (NewBatch) builds it once
// for all of its writes.
//
//	env := carrier.Env(os.Environ())
//	p.InjectInto(&env, sc)
//	cmd.Env = env
type Env []string

// Get returns the value of the variable for key, or "".
func (e Env) Get(key string) string {
	if !validEnvKey(key) {
		return ""
	}
	for i := len(e) - 1; i >= 0; i-- {
		if v, ok := envValue(e[i], key); ok {
			return v
		}
	}
	return ""
}

// Keys returns the variable names, as they appear in the entries.
func (e Env) Keys() []string {
	keys := make([]string, 0, len(e))
	for _, kv := range e {
		if name := envVar(kv); name != "" {
			keys = append(keys, name)
		}
	}
	return keys
}

// Set replaces every entry for key with one "KEY=value" entry, appended
// last, in a new slice.
func (e *Env) Set(key, value string) {
	if !validEnvKey(key) {
		return
	}
	name := EnvName(key)
	out := e.without(key, 1)
	*e = append(out, name+"="+value)
}

// Delete removes every entry for key, in a new slice; when there is none,
// e is left as it is.
func (e *Env) Delete(key string) {
	if !validEnvKey(key) || !e.has(key) {
		return
	}
	*e = e.without(key, 0)
}

// DeleteFunc removes, in one pass and one new slice, every entry whose
// variable name del reports true for; when there is none, e is left as
// it is. del sees the names as spelled in the entries (upper case).
func (e *Env) DeleteFunc(del func(name string) bool) {
	gone := func(kv string) bool {
		name := envVar(kv)
		return name != "" && del(name)
	}
	n := 0
	for _, kv := range *e {
		if gone(kv) {
			n++
		}
	}
	if n == 0 {
		return
	}
	out := make(Env, 0, len(*e)-n)
	for _, kv := range *e {
		if !gone(kv) {
			out = append(out, kv)
		}
	}
	*e = out
}

// has reports whether e has an entry for key.
func (e Env) has(key string) bool {
	for _, kv := range e {
		if _, ok := envValue(kv, key); ok {
			return true
		}
	}
	return false
}

// without returns a new slice holding the entries of e not named key,
// with room for extra more.
func (e Env) without(key string, extra int) Env {
	out := make(Env, 0, len(e)+extra)
	for _, kv := range e {
		if _, ok := envValue(kv, key); !ok {
			out = append(out, kv)
		}
	}
	return out
}

// EnvLookup adapts a function that reads one environment variable, such
// as os.LookupEnv, for a propagator that must see the environment as it is
// at each call rather than a copy taken once: AWS Lambda's Go runtime, for
// one, sets _X_AMZN_TRACE_ID anew for every invocation. Keys are mapped
// to variable names as Env maps them; a key that already is an upper-case
// variable name is passed on as is, without allocating. EnvLookup cannot
// list the variables (Keys returns nil) or change them.
type EnvLookup func(name string) (value string, ok bool)

// Get returns the value of the variable for key, or "".
func (f EnvLookup) Get(key string) string {
	if !validEnvKey(key) {
		return ""
	}
	v, _ := f(EnvName(key))
	return v
}

// Keys returns nil: a lookup function cannot list the environment.
func (EnvLookup) Keys() []string { return nil }

// EnvName returns the environment variable name for the header name key:
// upper-cased, with every byte outside [A-Z0-9_] replaced by "_". It
// returns key itself, without allocating, when key already is such a name.
func EnvName(key string) string {
	if isEnvName(key) {
		return key
	}
	return string(appendEnvName(make([]byte, 0, len(key)), key))
}

// isEnvName reports whether EnvName would return key unchanged.
func isEnvName[K string | []byte](key K) bool {
	for i := 0; i < len(key); i++ {
		if envByte(key[i]) != key[i] {
			return false
		}
	}
	return true
}

// appendEnvName appends EnvName(key) to dst.
func appendEnvName[K string | []byte](dst []byte, key K) []byte {
	for i := 0; i < len(key); i++ {
		dst = append(dst, envByte(key[i]))
	}
	return dst
}

// envByte maps one byte of a header name to its environment-name byte.
func envByte(c byte) byte {
	switch {
	case 'a' <= c && c <= 'z':
		return c - ('a' - 'A')
	case 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_':
		return c
	}
	return '_'
}

// validEnvKey reports whether key maps to a valid variable name: not
// empty and not starting with a digit (^[A-Z_][A-Z0-9_]*$ after mapping).
func validEnvKey[K string | []byte](key K) bool {
	return len(key) > 0 && (key[0] < '0' || key[0] > '9')
}

// envVar returns the name of the entry kv, before its first "=", or ""
// for an entry that has none (no "=", or one first).
func envVar(kv string) string {
	if i := strings.IndexByte(kv, '='); i > 0 {
		return kv[:i]
	}
	return ""
}

// envValue returns the value of the entry kv if its name is the
// variable name of key.
func envValue(kv, key string) (string, bool) {
	if len(kv) <= len(key) || kv[len(key)] != '=' {
		return "", false
	}
	for i := 0; i < len(key); i++ {
		if kv[i] != envByte(key[i]) {
			return "", false
		}
	}
	return kv[len(key)+1:], true
}
