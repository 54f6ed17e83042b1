package extract

import (
	"math/bits"
	"slices"
	"unicode/utf8"
)

// wordTrie finds vocabulary words at a position of a text without
// allocating: a rune trie with a bitmap of the runes that begin a word,
// so that most positions are rejected by one bit test. Words are added
// forwards or, for lookups that run leftwards from a number (约, 超过),
// backwards.
//
// While words are added, edges live in one map; [wordTrie.freeze] then
// lays them out as sorted arrays: the root's child of a rune is found by
// counting the bits of the bitmap below it, another node's by a short
// search of its few children.
type wordTrie struct {
	edges map[uint64]int32
	vals  [][]int32 // payloads of the words ending at each node
	// first holds the runes that begin a word; a scan for words stops
	// only at them (see scanner).
	first startSet
	// noError is set when no word begins with U+FFFD (see mayBeginAt).
	noError bool
	// maxLen is the longest word's length in bytes. A text that is a
	// word is no longer: each of its runes is as long as the word's, or
	// shorter where an invalid byte reads as U+FFFD.
	maxLen int

	// The frozen form, nil while words are added.
	rank     []int32 // rank[i]: the set bits of first[:i]
	rootKids []int32 // the root's children by rank of their rune
	kidAt    []int32 // node n's children are kidRune/kidNode[kidAt[n]:kidAt[n+1]]
	kidRune  []rune
	kidNode  []int32
}

func newWordTrie() *wordTrie {
	return &wordTrie{edges: map[uint64]int32{}, vals: [][]int32{nil}}
}

func edgeKey(node int32, r rune) uint64 { return uint64(node)<<32 | uint64(uint32(r)) }

// add adds word with a payload; reversed adds its runes last to first.
func (t *wordTrie) add(word string, payload int32, reversed bool) {
	rs := []rune(word)
	if len(rs) == 0 {
		return
	}
	t.rank = nil // thawed until the next freeze
	if reversed {
		for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
			rs[i], rs[j] = rs[j], rs[i]
		}
	}
	t.first.add(rs[0], rs[0])
	t.maxLen = max(t.maxLen, len(word))
	node := int32(0)
	for _, r := range rs {
		k := edgeKey(node, r)
		next, ok := t.edges[k]
		if !ok {
			next = int32(len(t.vals))
			t.vals = append(t.vals, nil)
			t.edges[k] = next
		}
		node = next
	}
	t.vals[node] = append(t.vals[node], payload)
}

// freeze lays the edges out for lookups; words added later thaw it.
func (t *wordTrie) freeze() {
	n := len(t.vals)
	type edge struct {
		from int32
		r    rune
		to   int32
	}
	es := make([]edge, 0, len(t.edges))
	for k, to := range t.edges {
		es = append(es, edge{int32(k >> 32), rune(uint32(k)), to})
	}
	slices.SortFunc(es, func(a, b edge) int {
		if a.from != b.from {
			return int(a.from - b.from)
		}
		return int(a.r - b.r)
	})
	t.kidAt = make([]int32, n+1)
	t.kidRune = make([]rune, len(es))
	t.kidNode = make([]int32, len(es))
	for i, e := range es {
		t.kidAt[e.from+1]++
		t.kidRune[i], t.kidNode[i] = e.r, e.to
	}
	for i := 1; i <= n; i++ {
		t.kidAt[i] += t.kidAt[i-1]
	}
	rank := make([]int32, len(t.first.bmp)+1)
	for i, w := range t.first.bmp {
		rank[i+1] = rank[i] + int32(bits.OnesCount64(w))
	}
	t.rootKids = make([]int32, rank[len(t.first.bmp)])
	for i := t.kidAt[0]; i < t.kidAt[1]; i++ {
		if r := t.kidRune[i]; r < 1<<16 {
			t.rootKids[rootRank(rank, &t.first.bmp, r)] = t.kidNode[i]
		}
	}
	t.rank = rank
	t.noError = !t.first.has(utf8.RuneError)
}

func rootRank(rank []int32, first *runeSet, r rune) int32 {
	w := uint32(r) >> 6
	return rank[w] + int32(bits.OnesCount64(first[w]&(1<<(uint32(r)&63)-1)))
}

// child returns node's child by r, or -1.
func (t *wordTrie) child(node int32, r rune) int32 {
	if t.rank == nil {
		if next, ok := t.edges[edgeKey(node, r)]; ok {
			return next
		}
		return -1
	}
	if node == 0 && uint32(r) < 1<<16 {
		if t.first.bmp[uint32(r)>>6]&(1<<(uint32(r)&63)) == 0 {
			return -1
		}
		return t.rootKids[rootRank(t.rank, &t.first.bmp, r)]
	}
	return t.kid(t.kidAt[node], t.kidAt[node+1], r)
}

func (t *wordTrie) mayStart(r rune) bool { return t.first.has(r) }

// longest returns the end of the longest word that begins at s[i:] and
// ends at or before limit, with its payloads; end is -1 when none does.
func (t *wordTrie) longest(s string, i, limit int) (end int, vals []int32) {
	if i >= limit || !t.mayBeginAt(s, i, limit) {
		return -1, nil
	}
	end, vals, _ = t.longestStep(s, i, limit)
	return
}

// mayBeginAt reports whether a word may begin at s[i:limit], i < limit,
// from the first bytes: false when the rune there is ASCII or would be
// three bytes and begins no word. Most lookups end here, without a call.
//
// The bytes of a three-byte rune are not checked: when they are not
// one, the rune there is U+FFFD, and t.noError tells that it begins no
// word either, so whatever the bitmap answers, false is true.
func (t *wordTrie) mayBeginAt(s string, i, limit int) bool {
	b0 := s[i]
	if b0 < utf8.RuneSelf {
		return t.first.bmp[b0>>6]&(1<<(b0&63)) != 0
	}
	if b0&0xF0 != 0xE0 || i+2 >= limit || !t.noError {
		return true
	}
	return t.first.bmp[uint32(b0&0x0F)<<6|uint32(s[i+1]&0x3F)]&(1<<(s[i+2]&0x3F)) != 0
}

// longestStep is longest that also returns the size of the rune at i, so
// that a scan can step on without decoding it again.
//
// Lookups run at every number and context word of a report, and most
// stop after a rune or two: the walk below decodes the runes of Chinese
// text and finds a node's child without calls, and stops at a node with
// no children before it decodes the rune after it.
func (t *wordTrie) longestStep(s string, i, limit int) (end int, vals []int32, step int) {
	end = -1
	if i >= limit {
		return
	}
	// The runes are decoded as decodeRune would, with ASCII and
	// three-byte runes decoded here.
	s = s[:limit]
	r, size := rune(s[i]), 1
	if r >= utf8.RuneSelf {
		if c, ok := rune3(s, i); ok {
			r, size = c, 3
		} else {
			r, size = decodeRune(s[i:])
		}
	}
	step = size
	if !t.mayStart(r) {
		return
	}
	if t.rank == nil {
		return t.longestThawed(s, i, limit, r, size)
	}
	var node int32
	if uint32(r) < 1<<16 {
		node = t.rootKids[rootRank(t.rank, &t.first.bmp, r)]
	} else if node = t.child(0, r); node < 0 {
		return
	}
	for {
		i += size
		if v := t.vals[node]; len(v) > 0 {
			end, vals = i, v
		}
		lo, hi := t.kidAt[node], t.kidAt[node+1]
		if lo == hi || i >= limit {
			return
		}
		if r, size = rune(s[i]), 1; r >= utf8.RuneSelf {
			if c, ok := rune3(s, i); ok {
				r, size = c, 3
			} else {
				r, size = decodeRune(s[i:])
			}
		}
		if node = t.kid(lo, hi, r); node < 0 {
			return
		}
	}
}

// kid returns the node of the frozen trie's child edge by r among
// kidRune[lo:hi], or -1.
func (t *wordTrie) kid(lo, hi int32, r rune) int32 {
	for hi-lo > 8 {
		m := int32(uint32(lo+hi) >> 1)
		if t.kidRune[m] < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	for ; lo < hi; lo++ {
		if t.kidRune[lo] == r {
			return t.kidNode[lo]
		}
	}
	return -1
}

// longestThawed is longestStep's walk, from the rune r of the given size
// at s[i:], while words are added.
func (t *wordTrie) longestThawed(s string, i, limit int, r rune, size int) (end int, vals []int32, step int) {
	end, step = -1, size
	node := int32(0)
	for {
		if node = t.child(node, r); node < 0 {
			return
		}
		i += size
		if len(t.vals[node]) > 0 {
			end, vals = i, t.vals[node]
		}
		if i >= limit {
			return
		}
		r, size = decodeRune(s[i:limit])
	}
}

// word returns the payloads of s when s is a word, as a whole, else nil:
// those of longest(s, 0, len(s)) when it ends at len(s).
func (t *wordTrie) word(s string) []int32 {
	if len(s) == 0 || len(s) > t.maxLen || !t.mayBeginAt(s, 0, len(s)) {
		return nil
	}
	end, vals, _ := t.longestStep(s, 0, len(s))
	if end != len(s) {
		return nil
	}
	return vals
}

// longestBack is longest for a reversed trie: the longest word that ends
// at s[:i] and begins at or after lower; it returns where the word begins,
// or -1.
func (t *wordTrie) longestBack(s string, i, lower int) (start int, vals []int32) {
	start = -1
	if i <= lower {
		return
	}
	r, size := decodeLastRune(s[lower:i])
	if !t.mayStart(r) {
		return
	}
	node := int32(0)
	for {
		next := t.child(node, r)
		if next < 0 {
			return
		}
		node = next
		i -= size
		if len(t.vals[node]) > 0 {
			start, vals = i, t.vals[node]
		}
		if i <= lower {
			return
		}
		r, size = decodeLastRune(s[lower:i])
	}
}
