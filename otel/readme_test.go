package twotel_test

import (
	"os"
	"regexp"
)

// differences are the ids of the rows of README.md's table of
// differences from OpenTelemetry-Go, which the facts name.
var differences = func() map[string]bool {
	b, err := os.ReadFile("README.md")
	if err != nil {
		panic(err)
	}
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z0-9-]+)` \\|").FindAllSubmatch(b, -1) {
		ids[string(m[1])] = true
	}
	return ids
}()
