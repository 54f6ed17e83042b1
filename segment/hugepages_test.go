package segment

import "testing"

// TestNewSlots checks that a table, marked for huge pages or not, is as
// make gives it: the length asked for, zeroed, and writable end to end.
func TestNewSlots(t *testing.T) {
	for _, n := range []int{8, 1 << 16, 1<<21 + 3} {
		m := newSlots(n)
		if len(m) != n {
			t.Fatalf("newSlots(%d): %d slots", n, len(m))
		}
		for i := range m {
			if m[i] != (slot{}) {
				t.Fatalf("newSlots(%d): slot %d is %v", n, i, m[i])
			}
			m[i] = slot{key: uint64(i) | 1<<63, e: entry(i)}
		}
		for i := range m {
			if m[i].key != uint64(i)|1<<63 || m[i].e != entry(i) {
				t.Fatalf("newSlots(%d): slot %d reads back %v", n, i, m[i])
			}
		}
	}
}
