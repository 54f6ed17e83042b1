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
