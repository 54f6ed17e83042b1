package segment

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestKeySymbols checks keySymbols, with its path for keys of three-byte
// characters, against splitKeySymbols, the word split, on every key of
// the lexicon and on random keys of CJK, ASCII, other and broken UTF-8,
// numbering the words of many characters alike.
func TestKeySymbols(t *testing.T) {
	lex, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	var keys [][]byte
	for _, e := range lex.domain {
		keys = append(keys, []byte(e.Key))
	}
	if err := lex.base.Each(func(key []byte, _ uint64, _ string) { keys = append(keys, slices.Clone(key)) }); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	pieces := []string{"中", "国", "人", "ab", "7", "é", "\xed\x9f\xbf", "\xed\xa0\x80", "\xe0\xa4\x85", "\xe0\x80\x80", "\xff", "\xe4\xb8", "𠀋", " ", "。"}
	for range 20000 {
		var k []byte
		for range 1 + rng.IntN(5) {
			k = append(k, pieces[rng.IntN(len(pieces))]...)
		}
		keys = append(keys, k)
	}
	runs, runsRef := map[string]uint32{}, map[string]uint32{}
	var syms, ref []uint32
	var ends, refEnds []int
	for _, k := range keys {
		syms, ends = keySymbols(syms[:0], ends, k, runs)
		ref, refEnds = splitKeySymbols(ref[:0], refEnds, k, runsRef)
		if !slices.Equal(syms, ref) {
			t.Fatalf("keySymbols(%q) = %v; the word split gives %v", k, syms, ref)
		}
	}
	if len(runs) != len(runsRef) {
		t.Errorf("%d runs numbered; the word split numbers %d", len(runs), len(runsRef))
	}
}
