package extract

import (
	"math/bits"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// numberDFA matches the joined number rules (see [Quantities]) as the
// anchored leftmost-longest regexp does, without backtracking: a DFA
// built from the compiled program when the extractor is built, over the
// classes of runes the program tells apart. A figure's number is matched
// at every place one may begin, and the backtracker spent most of a
// microsecond on each.
//
// match returns where the longest match ends and which rule matched:
// the first of the rules that match that far, as the regexp's
// submatches report it.
type numberDFA struct {
	bounds []rune               // rune r is in class k when bounds[k-1] <= r < bounds[k]
	ascii  [utf8.RuneSelf]int32 // the class of each ASCII rune, read without a search
	// The class of a rune r of the BMP is bmp[blockOf[r>>8]<<8|r&0xFF],
	// read without a search: runes of a block of 256 that are all in one
	// class share a block of that class. nil when the classes do not fit
	// a byte.
	blockOf *[256]uint16
	bmp     []uint8
	nclass  int      // len(bounds)+1
	trans   []int32  // state*nclass + class → next state, or -1
	accept  []uint64 // per state: bit k-1 when rule k's match ends here
	start   int32
}

// maxDFAStates bounds the DFA; rules that need more use the regexp.
const maxDFAStates = 4096

// newNumberDFA builds the DFA of the number rules' patterns, joined as
// alternatives, or returns nil when the patterns use what it does not
// model: assertions, capture groups of their own, case folding, any
// rune, more than 64 rules.
func newNumberDFA(patterns []string) *numberDFA {
	if len(patterns) == 0 || len(patterns) > 64 {
		return nil
	}
	var alts []string
	for _, p := range patterns {
		alts = append(alts, "("+p+")")
	}
	re, err := syntax.Parse(`(?:`+strings.Join(alts, "|")+`)`, syntax.Perl)
	if err != nil || hasAssertion(re) || re.MaxCap() != len(patterns) {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil
	}
	// The runes the program tells apart: the ends of its ranges.
	var bounds []rune
	for _, in := range prog.Inst {
		switch in.Op {
		case syntax.InstRune:
			if syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
				return nil
			}
			if len(in.Rune) == 1 {
				bounds = append(bounds, in.Rune[0], in.Rune[0]+1)
				continue
			}
			for i := 0; i+1 < len(in.Rune); i += 2 {
				bounds = append(bounds, in.Rune[i], in.Rune[i+1]+1)
			}
		case syntax.InstRune1:
			bounds = append(bounds, in.Rune[0], in.Rune[0]+1)
		case syntax.InstRuneAny, syntax.InstRuneAnyNotNL, syntax.InstEmptyWidth:
			return nil
		}
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	d := &numberDFA{bounds: bounds, nclass: len(bounds) + 1}
	for r := range rune(utf8.RuneSelf) {
		d.ascii[r] = int32(d.search(r))
	}
	d.classTable()
	// A state is the set of rune instructions the program can be at,
	// with the rules whose match ends there.
	closure := func(pcs []uint32) (set []uint32, acc uint64, ok bool) {
		seen := make(map[uint32]bool)
		stack := slices.Clone(pcs)
		for len(stack) > 0 {
			pc := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[pc] {
				continue
			}
			seen[pc] = true
			in := &prog.Inst[pc]
			switch in.Op {
			case syntax.InstAlt, syntax.InstAltMatch:
				stack = append(stack, in.Arg, in.Out)
			case syntax.InstCapture:
				if k := int(in.Arg); k%2 == 1 && k >= 3 {
					acc |= 1 << (k/2 - 1) // rule k/2's group closes
				}
				stack = append(stack, in.Out)
			case syntax.InstNop:
				stack = append(stack, in.Out)
			case syntax.InstRune, syntax.InstRune1:
				set = append(set, pc)
			case syntax.InstMatch, syntax.InstFail:
			default:
				return nil, 0, false
			}
		}
		slices.Sort(set)
		return set, acc, true
	}
	key := func(set []uint32, acc uint64) string {
		var b []byte
		b = strconv.AppendUint(b, acc, 36)
		for _, pc := range set {
			b = append(b, ',')
			b = strconv.AppendUint(b, uint64(pc), 36)
		}
		return string(b)
	}
	ids := map[string]int32{}
	var sets [][]uint32
	add := func(set []uint32, acc uint64) int32 {
		if len(set) == 0 && acc == 0 {
			return -1
		}
		k := key(set, acc)
		if id, ok := ids[k]; ok {
			return id
		}
		id := int32(len(sets))
		ids[k] = id
		sets = append(sets, set)
		d.accept = append(d.accept, acc)
		return id
	}
	set, acc, ok := closure([]uint32{uint32(prog.Start)})
	if !ok {
		return nil
	}
	d.start = add(set, acc)
	if d.start < 0 {
		return nil
	}
	// A representative rune of each class: its lower bound.
	rep := make([]rune, d.nclass)
	for k := 1; k < d.nclass; k++ {
		rep[k] = bounds[k-1]
	}
	for s := 0; s < len(sets); s++ {
		if len(sets) > maxDFAStates {
			return nil
		}
		row := make([]int32, d.nclass)
		for k := range d.nclass {
			var next []uint32
			for _, pc := range sets[s] {
				in := &prog.Inst[pc]
				if in.Op == syntax.InstRune1 && in.Rune[0] == rep[k] || in.Op == syntax.InstRune && in.MatchRune(rep[k]) {
					next = append(next, in.Out)
				}
			}
			set, acc, ok := closure(next)
			if !ok {
				return nil
			}
			row[k] = add(set, acc)
		}
		d.trans = append(d.trans, row...)
	}
	return d
}

// classTable builds blockOf and bmp, when the classes fit a byte.
func (d *numberDFA) classTable() {
	if d.nclass > 256 {
		return
	}
	d.blockOf = new([256]uint16)
	seen := map[string]uint16{}
	var block [256]uint8
	// The runes in order: a rune's class, search's count of the bounds
	// at or below it, grows as they pass bounds, with no search each.
	class := 0
	for h := range 256 {
		for k := range block {
			for r := rune(h<<8 | k); class < len(d.bounds) && d.bounds[class] <= r; {
				class++
			}
			block[k] = uint8(class)
		}
		id, ok := seen[string(block[:])]
		if !ok {
			id = uint16(len(d.bmp) >> 8)
			seen[string(block[:])] = id
			d.bmp = append(d.bmp, block[:]...)
		}
		d.blockOf[h] = id
	}
}

// search finds the class of r in bounds.
func (d *numberDFA) search(r rune) int {
	lo, hi := 0, len(d.bounds)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if d.bounds[m] <= r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// match returns the end of the longest match at the start of s and the
// rule (1-based) that made it, or -1 and 0 when nothing matches. It reads
// no rune that begins at or after byte limit.
func (d *numberDFA) match(s string, limit int) (end, rule int) {
	st := d.start
	end = -1
	var acc uint64
	if a := d.accept[st]; a != 0 {
		end, acc = 0, a
	}
	for i := 0; i < len(s) && i < limit; {
		// Decoded as decodeRune would, ASCII and three-byte runes here.
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			if c, ok := rune3(s, i); ok {
				r, size = c, 3
			} else {
				r, size = decodeRune(s[i:])
			}
		}
		var c int
		switch {
		case r < utf8.RuneSelf:
			c = int(d.ascii[r])
		case r < 1<<16 && d.blockOf != nil:
			c = int(d.bmp[int(d.blockOf[r>>8])<<8|int(r&0xFF)])
		default:
			c = d.search(r)
		}
		st = d.trans[int(st)*d.nclass+c]
		if st < 0 {
			break
		}
		i += size
		if a := d.accept[st]; a != 0 {
			end, acc = i, a
		}
	}
	if end < 0 {
		return -1, 0
	}
	return end, bits.TrailingZeros64(acc) + 1
}
