package segment

import (
	"math"
	"testing"
)

// TestJumperUpdate checks jumper.update, which compares the bits of
// distances, against gse's updateJumper on float32s.
func TestJumperUpdate(t *testing.T) {
	inf := float32(math.Inf(1))
	tests := []struct {
		min, dist float32 // min 0: no path yet
	}{
		{0, 0}, {0, 1}, {0, inf}, {1, 0}, {1, 1}, {1, 2}, {2, 1},
		{1, math.Nextafter32(1, 2)}, {math.Nextafter32(1, 2), 1},
		{math.SmallestNonzeroFloat32, 0}, {0, math.SmallestNonzeroFloat32},
		{inf, 1e38}, {1e38, inf}, {inf, inf}, {32, 64.5}, {64.5, 32},
	}
	for _, tt := range tests {
		var j jumper
		if tt.min != 0 {
			j.update(tt.min, 2, 7)
		}
		j.update(tt.dist, 3, 9)
		want := jumper(0)
		want.update(tt.min, 2, 7)
		if tt.min == 0 || tt.min > tt.dist { // gse's test
			want = jumper(math.Float32bits(tt.dist)) | 9<<32 | 3<<48
		}
		if j != want || j.min() != want.min() {
			t.Errorf("update(%v) of a path of %v: got %v %d %d; want %v %d %d", tt.dist, tt.min, j.min(), j.words(), j.tag(), want.min(), want.words(), want.tag())
		}
	}
}

// TestDistancesNotNegative checks what jumper.update relies on: no entry
// of the full index has a negative distance, or NaN.
func TestDistancesNotNegative(t *testing.T) {
	full := loaded(t).full.Load()
	check := func(e entry) {
		if d := e.dist(); e.word() && !(d >= 0) {
			t.Fatalf("an entry has distance %v", d)
		}
	}
	for _, sl := range full.m {
		check(sl.e)
	}
	for _, e := range full.bmp {
		check(e)
	}
}

// TestChildFilter checks what walk relies on: the entry of every node
// with a child has the child's bit (childBit), so that a step the filter
// rules out could have found nothing. It checks the lazy index of a text
// too, whose root's children are in m.
func TestChildFilter(t *testing.T) {
	text, paras := sample(t)
	s := loaded(t)
	for _, ix := range []*index{s.full.Load(), s.lex.subset(text, paras)} {
		parent := func(node uint32) (entry, bool) {
			switch {
			case node == 0:
				return 0, false // the root has no entry
			case node < slotNode:
				return ix.bmp[node-bmpNode], true
			}
			return ix.m[node-slotNode].e, true
		}
		bad := 0
		for _, sl := range ix.m {
			if sl.key == 0 {
				continue
			}
			node, sym := uint32(sl.key>>32)&^(1<<31), uint32(sl.key)
			if e, ok := parent(node); ok && (e&childBit(sym) == 0 || !e.prefix()) {
				if bad++; bad <= 5 {
					t.Errorf("node %d has a child by %#x; its entry %#x lacks bit %#x or isPrefix", node, sym, e, childBit(sym))
				}
			}
		}
	}
}

// TestPseudoEntry checks pseudoEntry against what it stands for.
func TestPseudoEntry(t *testing.T) {
	if got, want := pseudoEntry, entry(math.Float32bits(pseudoDist))|entry(xTag)<<32; got != want {
		t.Errorf("pseudoEntry = %#x; want %#x", got, want)
	}
	if pseudoEntry.anything() || pseudoEntry&^wordBits != 0 {
		t.Errorf("pseudoEntry %#x has more than a distance and a tag", pseudoEntry)
	}
}
