package corpus

import (
	"math"
	"math/rand/v2"
	"testing"
)

// run is one Add call.
type run struct{ norm, raw, normLen, rawLen int }

func TestOffsetMap(t *testing.T) {
	// "北碚\n区" repaired to "北碚区": the line break is dropped.
	joined := []run{{0, 0, 6, 6}, {6, 7, 3, 3}}
	// "达到 ３６" repaired to "达到36": a space dropped, two digits folded.
	folded := []run{{0, 0, 6, 6}, {6, 7, 1, 3}, {7, 10, 1, 3}}
	// "标题\r\n正文" repaired to "标题\n正文": the separator stands for "\r\n".
	crlf := []run{{0, 0, 6, 6}, {6, 6, 1, 2}, {7, 8, 6, 6}}
	tests := []struct {
		name     string
		runs     []run
		off      int
		raw, end int // want Raw(off), RawEnd(off)
	}{
		{"identity start", nil, 0, 0, 0},
		{"identity", nil, 7, 7, 7},
		{"joined first byte", joined, 0, 0, 0},
		{"joined inside", joined, 3, 3, 3},
		{"joined after the break", joined, 6, 7, 6},
		{"joined second rune inside", joined, 7, 8, 8},
		{"joined end", joined, 9, 10, 10},
		{"joined past the end", joined, 11, 12, 12},
		{"folded before the space", folded, 6, 7, 6},
		{"folded between digits", folded, 7, 10, 10},
		{"folded end", folded, 8, 13, 13},
		{"crlf separator", crlf, 6, 6, 6},
		{"crlf after separator", crlf, 7, 8, 8},
		{"crlf end", crlf, 13, 14, 14},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m OffsetMap
			for _, r := range tt.runs {
				m.Add(r.norm, r.raw, r.normLen, r.rawLen)
			}
			if got := m.Raw(tt.off); got != tt.raw {
				t.Errorf("Raw(%d) = %d; want %d", tt.off, got, tt.raw)
			}
			if got := m.RawEnd(tt.off); got != tt.end {
				t.Errorf("RawEnd(%d) = %d; want %d", tt.off, got, tt.end)
			}
		})
	}
}

func TestOffsetMapMerges(t *testing.T) {
	var m OffsetMap
	m.Add(0, 0, 3, 3)
	m.Add(3, 3, 3, 3) // contiguous copy: merged
	m.Add(6, 6, 0, 0) // empty: ignored
	m.Add(6, 6, 1, 3) // a fold is a run of its own
	m.Add(7, 9, 3, 3)
	m.Add(10, 13, 3, 3) // a gap in raw: a new run
	if got, want := len(m.runs), 4; got != want {
		t.Fatalf("got %d runs; want %d: %+v", got, want, m.runs)
	}
	for off, last := 0, 0; off <= 13; off++ {
		if got := m.Raw(off); got < last {
			t.Errorf("Raw(%d) = %d, before Raw(%d) = %d", off, got, off-1, last)
		} else {
			last = got
		}
	}
}

// TestDocumentOffsets checks the Document accessors against the map.
func TestDocumentOffsets(t *testing.T) {
	raw := "北碚有高等院校4所，中等职业学\n\n校6所。"
	d := NewDocument(raw)
	want := "北碚有高等院校4所，中等职业学校6所。"
	if d.Text != want {
		t.Fatalf("Text = %q; want %q", d.Text, want)
	}
	s := len("北碚有高等院校4所，中等职业")
	e := s + len("学校")
	if got := raw[d.RawOffset(s):d.RawEnd(e)]; got != "学\n\n校" {
		t.Errorf("raw span of 学校 = %q; want %q", got, "学\n\n校")
	}
}

// TestRunsBefore checks the binary search, and the search by blocks
// (index) for a text as long as the runs or longer or shorter, against
// counting, on runs of every length up to 40 (starts may repeat, or be
// far apart) and offsets around each start and far outside them.
func TestRunsBefore(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for k := range 41 * 4 {
		n, indexed := k/4, k%4
		var m OffsetMap
		norm := 0
		for range n {
			norm += r.IntN(3)
			if r.IntN(4) == 0 {
				norm += r.IntN(3 * blockSize)
			}
			m.runs = append(m.runs, offsetRun{norm: int32(norm)})
		}
		switch indexed {
		case 1:
			m.index(norm + 1)
		case 2:
			m.index(norm + 3*blockSize)
		case 3:
			m.index(norm / 2)
		}
		offs := []int{math.MinInt, math.MinInt32 - 1, -1, 0, norm + 1, math.MaxInt32 + 2, math.MaxInt}
		for i := range norm + 2 {
			offs = append(offs, i)
		}
		for _, off := range offs {
			want := 0
			for _, run := range m.runs {
				if int(run.norm) < off {
					want++
				}
			}
			if got := m.runsBefore(off); got != want {
				t.Fatalf("%d runs %v: runsBefore(%d) = %d; want %d", n, m.runs, off, got, want)
			}
		}
	}
}
