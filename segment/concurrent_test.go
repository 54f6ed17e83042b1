package segment

import (
	"bytes"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/baogao/baogao/segment/internal/dictfile"
)

// TestConcurrentSentences runs Sentences on one loaded segmenter from
// several goroutines (run with -race).
func TestConcurrentSentences(t *testing.T) {
	s := loaded(t)
	text, paras := sample(t)
	want := s.Sentences(text, paras)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 3 {
				if got := s.Sentences(text, paras); !reflect.DeepEqual(got, want) {
					t.Errorf("goroutine %d, round %d: sentences differ", g, i)
				}
			}
		})
	}
	wg.Wait()
}

// TestConcurrentLoad cuts text from several goroutines while the full
// dictionary loads and the segmenter switches to it (run with -race). A
// dictionary of the sample's own words keeps it quick.
func TestConcurrentLoad(t *testing.T) {
	text, paras := sample(t)
	s := &Segmenter{lex: smallLexicon(t, text), loaded: make(chan struct{})}
	want := s.Sentences(text, paras)
	var wg sync.WaitGroup
	done := make(chan struct{})
	for g := range 3 {
		wg.Go(func() {
			for i := 0; ; i++ {
				if got := s.Sentences(text, paras); !reflect.DeepEqual(got, want) {
					t.Errorf("goroutine %d, round %d (loaded %v): sentences differ", g, i, s.Loaded())
					return
				}
				select {
				case <-done:
					return
				default:
				}
			}
		})
	}
	s.Preload()
	if err := s.Load(); err != nil {
		t.Error(err)
	}
	time.Sleep(10 * time.Millisecond) // a few more rounds with the full dictionary
	close(done)
	wg.Wait()
	if !s.Loaded() {
		t.Error("Loaded() = false after Load")
	}
}

// smallLexicon returns a lexicon of just the words of the embedded
// dictionary that occur in text, with the domain words.
func smallLexicon(t *testing.T, text string) *lexicon {
	t.Helper()
	lex := newTest(t).lex
	_, idx := lex.words(text, []Span{{0, len(text)}})
	var es []dictfile.Entry
	for _, i := range idx {
		es = append(es, lex.base.Entry(i))
	}
	var buf bytes.Buffer
	if err := dictfile.Write(&buf, dictfile.Header{Gse: "test"}, es); err != nil {
		t.Fatal(err)
	}
	base, err := dictfile.Open(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return newLexicon(base, lex.domain)
}

// TestBigTextWaits checks that a text too big to cut with a dictionary of
// its words waits for the full dictionary, and a small one does not.
func TestBigTextWaits(t *testing.T) {
	text, paras := sample(t)
	s := &Segmenter{lex: smallLexicon(t, text), loaded: make(chan struct{})}
	defer func(n int) { bigText = n }(bigText)
	bigText = len(text)
	s.Sentences(text[:len(text)/2], paras[:1])
	if s.Loaded() {
		t.Fatalf("loaded the full dictionary for %d bytes; want it to wait for more than %d", len(text)/2, bigText)
	}
	want := s.Sentences(text, paras)
	bigText = len(text) - 1
	if got := s.Sentences(text, paras); !s.Loaded() || !reflect.DeepEqual(got, want) {
		t.Errorf("%d bytes: loaded %v, same sentences %v; want true, true", len(text), s.Loaded(), reflect.DeepEqual(got, want))
	}
}
