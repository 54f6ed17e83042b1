package extract

import "unicode/utf8"

// wordTrie finds vocabulary words at a position of a text without
// allocating: a rune trie whose edges live in one map, with a bitmap of
// the runes that begin a word so that most positions are rejected by one
// bit test. Words are added forwards or, for lookups that run leftwards
// from a number (约, 超过), backwards.
type wordTrie struct {
	edges map[uint64]int32
	vals  [][]int32 // payloads of the words ending at each node
	first [1 << 16 / 64]uint64
	wide  bool // some word begins outside the BMP
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
	if reversed {
		for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
			rs[i], rs[j] = rs[j], rs[i]
		}
	}
	if r := rs[0]; r < 1<<16 {
		t.first[r>>6] |= 1 << (r & 63)
	} else {
		t.wide = true
	}
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

func (t *wordTrie) mayStart(r rune) bool {
	if r < 1<<16 {
		return t.first[r>>6]&(1<<(r&63)) != 0
	}
	return t.wide
}

// longest returns the end of the longest word that begins at s[i:] and
// ends at or before limit, with its payloads; end is -1 when none does.
func (t *wordTrie) longest(s string, i, limit int) (end int, vals []int32) {
	end, vals, _ = t.longestStep(s, i, limit)
	return
}

// longestStep is longest that also returns the size of the rune at i, so
// that a scan can step on without decoding it again.
func (t *wordTrie) longestStep(s string, i, limit int) (end int, vals []int32, step int) {
	end = -1
	if i >= limit {
		return
	}
	var r rune
	var size int
	if b := s[i]; b < utf8.RuneSelf {
		r, size = rune(b), 1
	} else {
		r, size = utf8.DecodeRuneInString(s[i:limit])
	}
	step = size
	if !t.mayStart(r) {
		return
	}
	node := int32(0)
	for {
		next, ok := t.edges[edgeKey(node, r)]
		if !ok {
			return
		}
		node = next
		i += size
		if len(t.vals[node]) > 0 {
			end, vals = i, t.vals[node]
		}
		if i >= limit {
			return
		}
		r, size = utf8.DecodeRuneInString(s[i:limit])
	}
}

// longestBack is longest for a reversed trie: the longest word that ends
// at s[:i] and begins at or after lower; it returns where the word begins,
// or -1.
func (t *wordTrie) longestBack(s string, i, lower int) (start int, vals []int32) {
	start = -1
	if i <= lower {
		return
	}
	r, size := utf8.DecodeLastRuneInString(s[lower:i])
	if !t.mayStart(r) {
		return
	}
	node := int32(0)
	for {
		next, ok := t.edges[edgeKey(node, r)]
		if !ok {
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
		r, size = utf8.DecodeLastRuneInString(s[lower:i])
	}
}
