package segment

import (
	"maps"
	"slices"
	"testing"
)

// TestIndexMatchesAdd checks that the index built by two goroutines is
// the one add builds adding the lexicon's keys one after another, slot for
// slot, and that a table too small for them gives none.
func TestIndexMatchesAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the full index twice")
	}
	lex, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	got, err := lex.index()
	if err != nil {
		t.Fatal(err)
	}
	want := newIndex(lex.total, lex.tags, len(got.m)*maxLoad/4, true)
	if len(want.m) != len(got.m) {
		t.Fatalf("tables of %d and %d slots", len(got.m), len(want.m))
	}
	for _, e := range lex.domain {
		if !want.add([]byte(e.Key), e.Freq, e.Pos) {
			t.Fatal("the table is full")
		}
	}
	if err := lex.base.Each(func(key []byte, freq uint64, pos string) {
		if !want.add(key, freq, pos) {
			t.Fatal("the table is full")
		}
	}); err != nil {
		t.Fatal(err)
	}
	if got.used != want.used || !slices.Equal(got.m, want.m) || *got.bmp != *want.bmp || !maps.Equal(got.runs, want.runs) {
		t.Errorf("the index differs from add's: %d and %d slots used, %d and %d runs", got.used, want.used, len(got.runs), len(want.runs))
	}

	small, err := lex.indexOfSize(1000)
	if small != nil || err != nil {
		t.Errorf("a table for 1000 transitions: got %v, %v; want nil, nil", small != nil, err)
	}
}
