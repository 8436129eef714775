package carrier

// EqualFoldASCII exports the name comparison every list carrier here uses,
// for tests that must predict which names a Set or Delete touches.
var EqualFoldASCII = equalFoldASCII[string, string]
