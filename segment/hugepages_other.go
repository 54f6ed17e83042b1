//go:build !linux

package segment

// newSlots returns a zeroed table of n slots.
func newSlots(n int) []slot { return make([]slot, n) }
