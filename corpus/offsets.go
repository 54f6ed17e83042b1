package corpus

import "math"

// OffsetMap maps byte offsets of a normalized text back to the text it was
// made from. It is a sorted list of runs; inside a run of equal length on
// both sides offsets map one to one, and a run whose lengths differ (a
// full-width character folded to ASCII) maps only its two ends. Text that
// was dropped (a line break, a space) simply lies between two runs.
//
// The zero OffsetMap is the identity.
type OffsetMap struct {
	runs []offsetRun
	// before, if not nil, holds for each block of the normalized text
	// (blockSize bytes) how many runs start before it, so that
	// runsBefore steps from there over a run or two instead of searching
	// all of them (see index). Add drops it.
	before []int32
}

// blockSize is the length of the blocks of OffsetMap.before: about a line
// of a column of Chinese text, each line a run or two.
const blockSize = 64

type offsetRun struct {
	norm, raw       int32 // where the run starts on each side
	normLen, rawLen int32
}

// Add records that norm[normStart:normStart+normLen] came from
// raw[rawStart:rawStart+rawLen]. Runs must be added in increasing order on
// both sides; consecutive copy runs are merged.
func (m *OffsetMap) Add(normStart, rawStart, normLen, rawLen int) {
	if normLen == 0 && rawLen == 0 {
		return
	}
	m.before = nil
	if n := len(m.runs); n > 0 {
		last := &m.runs[n-1]
		if last.normLen == last.rawLen && normLen == rawLen &&
			int(last.norm+last.normLen) == normStart && int(last.raw+last.rawLen) == rawStart {
			last.normLen += int32(normLen)
			last.rawLen += int32(rawLen)
			return
		}
	}
	m.runs = append(m.runs, offsetRun{int32(normStart), int32(rawStart), int32(normLen), int32(rawLen)})
}

// Raw maps the start of a span: the raw offset where the normalized
// character at off came from. Past the last run it extrapolates one to one.
func (m *OffsetMap) Raw(off int) int {
	if len(m.runs) == 0 {
		return off
	}
	i := m.runsBefore(off+1) - 1
	if i < 0 {
		return off
	}
	r := m.runs[i]
	d := off - int(r.norm)
	if d >= int(r.normLen) {
		return int(r.raw+r.rawLen) + d - int(r.normLen)
	}
	if r.normLen != r.rawLen {
		return int(r.raw)
	}
	return int(r.raw) + d
}

// RawEnd maps the end of a span: the raw offset just after the raw
// character that produced the normalized byte before off. A span [s, e)
// therefore maps to [Raw(s), RawEnd(e)), which never takes in a line break
// dropped after the span's last character.
func (m *OffsetMap) RawEnd(off int) int {
	if off <= 0 || len(m.runs) == 0 {
		return m.Raw(off)
	}
	i := m.runsBefore(off) - 1
	if i < 0 {
		return off
	}
	r := m.runs[i]
	d := off - int(r.norm)
	if d >= int(r.normLen) {
		return int(r.raw+r.rawLen) + d - int(r.normLen)
	}
	if r.normLen != r.rawLen {
		return int(r.raw + r.rawLen)
	}
	return int(r.raw) + d
}

// index builds m.before for a normalized text of length n, once every run
// is added: a batch of rows maps two offsets per record, each a binary
// search of the runs without it.
func (m *OffsetMap) index(n int) {
	before := make([]int32, n/blockSize+1)
	i := 0
	for b := range before {
		for i < len(m.runs) && int(m.runs[i].norm) < b*blockSize {
			i++
		}
		before[b] = int32(i)
	}
	m.before = before
}

// runsBefore returns how many runs start before off: from m.before if off
// is in the text it was built for, else by a binary search written out,
// which unlike sort.Search calls no function per step, and without a
// branch per step, which the processor would mispredict half the time: a
// step adds half or nothing by a mask.
func (m *OffsetMap) runsBefore(off int) int {
	runs := m.runs
	if b := uint(off) / blockSize; b < uint(len(m.before)) {
		i := int(m.before[b])
		for i < len(runs) && int(runs[i].norm) < off {
			i++
		}
		return i
	}
	if len(runs) == 0 {
		return 0
	}
	// Clamped to just outside the int32 starts, off compares with them as
	// before, and start-off cannot overflow.
	off = min(max(off, math.MinInt32), math.MaxInt32+1)
	// runs[:base] start before off; so may runs[base:base+n].
	base, n := 0, len(runs)
	for n > 1 {
		half := n / 2
		base += half & ((int(runs[base+half].norm) - off) >> 63) // all ones if it starts before off
		n -= half
	}
	if int(runs[base].norm) < off {
		base++
	}
	return base
}
